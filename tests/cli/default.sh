#!/usr/bin/env bash
# default.sh - `simul` alone, without a display (so with or without the
# window built), prints the chess table, sync against async: 24 games of
# 30 x (5 + 55) s one after another is 12:00:00; async's master never idles
# from her first move to her 720th, at 1:00:00, and the last reply ends the
# run 55 s later (docs/strategies.md).
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 0
grep -q '^Chess exhibition' "$TMP/out" || fail "not the chess table: $(cat "$TMP/out")"
grep -Eq '^sync +12:00:00 +1:00:00 ' "$TMP/out" || fail "no sync row: $(cat "$TMP/out")"
grep -Eq '^async +1:00:55 +1:00:00 ' "$TMP/out" || fail "no async row: $(cat "$TMP/out")"
[ "$(wc -l <"$TMP/out")" -eq 4 ] || fail "not title, header and two rows: $(cat "$TMP/out")"
[ ! -s "$TMP/err" ] || fail "simul alone wrote to stderr: $(cat "$TMP/err")"
