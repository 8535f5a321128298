#!/usr/bin/env bash
# render_output.sh - render -o checks its path first and writes the PNG whole
# (temporary name, checked, renamed) or not at all.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 1 render chess -o /dev/full
expect_stderr "^/dev/full: error: cannot write the PNG: it is not a regular file"
mkdir "$TMP/d"
expect_status 1 render chess -o "$TMP/d"
expect_stderr "it is a directory"
expect_status 0 render chess --size 320x180 -o "$TMP/f.png"
# The PNG signature, and nothing left beside it.
[ "$(head -c 8 "$TMP/f.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "not a PNG"
[ -z "$(find "$TMP" -name '*.tmp-*')" ] || fail "a temporary file was left behind"

# --scale nan passes every comparison with strtod; it is not a number here.
expect_status 2 render chess --scale nan -o "$TMP/n.png"
expect_stderr "--scale expects a number from 0.5 to 8, not 'nan'"
