#!/usr/bin/env bash
# check.sh - `simul check` is silent and exits 0 on every shipped scenario,
# and rejects every file in tests/bad with a file:line:col message.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

shopt -s nullglob
for f in "$SRC"/scenarios/*.yaml; do
  expect_status 0 check "$f"
  if [ -s "$TMP/out" ] || [ -s "$TMP/err" ]; then
    fail "check $f printed something: $(cat "$TMP/out" "$TMP/err")"
  fi
done
expect_status 0 check "$SRC"/scenarios/*.yaml
if [ -s "$TMP/out" ] || [ -s "$TMP/err" ]; then fail "check of all scenarios printed something"; fi
expect_status 0 check chess
for f in "$SRC"/tests/bad/*.yaml; do
  expect_status 2 check "$f"
  expect_stderr "^$f(:[0-9]+:[0-9]+)?: error: "
done
expect_status 2 check
expect_stderr "^simul check: error: missing FILE"
