#!/usr/bin/env bash
# help.sh - every command answers --help on stdout with exit 0; --version.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

for args in "--help" "-h" "help" "run --help" "run -h" "check --help" "list --help" \
  "help run" "help check" "help list"; do
  # shellcheck disable=SC2086
  expect_status 0 $args
  grep -q '^usage: simul' "$TMP/out" || fail "simul $args: no usage line: $(head -3 "$TMP/out")"
done
expect_status 0 run --help
for opt in --strategy --format --trace --seed --set --tasks; do
  grep -q -- "$opt" "$TMP/out" || fail "run --help does not mention $opt"
done
expect_status 0 --version
grep -Eq '^simul [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out" || fail "version: $(cat "$TMP/out")"
expect_status 2 help frobnicate
