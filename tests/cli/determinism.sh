#!/usr/bin/env bash
# determinism.sh - same file, same seed, same bytes: every shipped scenario,
# every format and the trace, run twice; and a built-in name gives what its
# file gives.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

shopt -s nullglob
files=("$SRC"/scenarios/*.yaml)
[ ${#files[@]} -gt 0 ] || fail "no scenarios in $SRC/scenarios"
for f in "${files[@]}"; do
  name=$(basename "$f" .yaml)
  # A scenario that deadlocks on purpose says so in its header (see .ci/run).
  want=$(sed -n 's/^# *expect-exit: *\([0-9][0-9]*\).*/\1/p' "$f" | head -1)
  want=${want:-0}
  for run in 1 2; do
    for fmt in table csv json; do
      expect_status "$want" run "$f" --format "$fmt" --trace "$TMP/$name.$run.trace.json"
      mv "$TMP/out" "$TMP/$name.$run.$fmt"
    done
  done
  for fmt in table csv json trace.json; do
    cmp -s "$TMP/$name.1.$fmt" "$TMP/$name.2.$fmt" ||
      fail "$name: two runs differ in $fmt: $(diff "$TMP/$name.1.$fmt" "$TMP/$name.2.$fmt" | head -5)"
  done
  # The built-in copy is the file, byte for byte, so its report is the same.
  expect_status "$want" run "$name" --format json
  cmp -s "$TMP/out" "$TMP/$name.1.json" || fail "$name: built-in and file reports differ"
done
