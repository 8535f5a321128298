#!/usr/bin/env bash
# list.sh - `simul list` shows the built-in scenarios and the strategies.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 0 list
grep -Eq '^  chess +Chess exhibition' "$TMP/out" || fail "chess not listed: $(cat "$TMP/out")"
grep -Eq '^  laundry +Laundry day' "$TMP/out" || fail "laundry not listed: $(cat "$TMP/out")"
grep -Eq '^  sync ' "$TMP/out" || fail "sync not listed"
grep -Eq '^  async ' "$TMP/out" || fail "async not listed"
grep -q 'switch_cost=' "$TMP/out" || fail "parameters not listed"
# Every listed scenario runs by its name.
sed -n '/^Scenarios/,/^$/{s/^  \([^ ]*\) .*/\1/p}' "$TMP/out" >"$TMP/names"
[ -s "$TMP/names" ] || fail "no scenario names found in the list"
while read -r name; do
  expect_status 0 check "$name"
done <"$TMP/names"
