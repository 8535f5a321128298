#!/usr/bin/env bash
# default.sh - `simul` alone, without a display, prints the chess table.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 0
grep -q '^Chess exhibition' "$TMP/out" || fail "not the chess table: $(cat "$TMP/out")"
grep -Eq '^async +1:00:55' "$TMP/out" || fail "no async row: $(cat "$TMP/out")"
