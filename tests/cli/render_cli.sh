# render_cli.sh - `simul render`: writes a PNG of the asked size with no
# display, the same bytes every time, its tiles in each board's state colour; rejects bad options with status 2 and
# a missing font with the message that says what to install.
source "$(dirname "$0")/lib.bash"

# png_size FILE: "WxH" from the PNG's IHDR chunk (bytes 16..23, big-endian).
png_size() {
  od -An -tu1 -j16 -N8 "$1" |
    awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
is_png() {
  [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "$1 is not a PNG"
}

expect_status 0 render chess -o "$TMP/a.png" --at 2.5s
is_png "$TMP/a.png"
[ "$(png_size "$TMP/a.png")" = 1280x720 ] || fail "default size: $(png_size "$TMP/a.png")"

expect_status 0 render chess --output "$TMP/b.png" --at 2.5s
cmp -s "$TMP/a.png" "$TMP/b.png" || fail "two renders of the same frame differ"

expect_status 0 render laundry -o "$TMP/c.png" --size 640x400 --strategy async
[ "$(png_size "$TMP/c.png")" = 640x400 ] || fail "--size 640x400: $(png_size "$TMP/c.png")"

expect_status 0 render chess -o "$TMP/d.png" --size 3840x2160 --at 1h
[ "$(png_size "$TMP/d.png")" = 3840x2160 ] || fail "--size 3840x2160: $(png_size "$TMP/d.png")"

# The tiles show each board's state at the instant asked, in the colours of
# docs/window.md. At 1280x720 the sync panel's tiles start at (8, 62) and the
# async panel's at (8, 366), 57 px apart across and 72 down, 8 to a row; a
# point 2 px inside a tile's left edge is its state colour (test_render_frame.c
# checks the same through the layout module, at every size). Board 1 moves
# [0, 5) s then waits to 60 s under both; under async board k moves
# [5(k-1), 5k) s, the rest are ready; under sync boards 2-24 have not started.
pixel() { convert "$1" -crop "1x1+$2+$3" -depth 8 txt:- | tail -1 | grep -o '#[0-9A-F]\{6\}'; }
expect_pixel() { # FILE X Y COLOUR WHAT
  local got
  got=$(pixel "$1" "$2" "$3")
  [ "$got" = "$4" ] || fail "$5: pixel ($2, $3) of $1 is $got, expected $4"
}
running='#D55E00' waiting='#56B4E9' ready='#F0E442' pending='#4A505A'
expect_pixel "$TMP/a.png" 10 100 "$running" "sync board 1 at 2.5 s (its first move)"
expect_pixel "$TMP/a.png" 124 100 "$pending" "sync board 3 at 2.5 s (not started)"
expect_pixel "$TMP/a.png" 10 404 "$running" "async board 1 at 2.5 s (its first move)"
expect_pixel "$TMP/a.png" 352 404 "$ready" "async board 7 at 2.5 s (its move is at 30 s)"
expect_status 0 render chess -o "$TMP/e.png" --at 30s
expect_pixel "$TMP/e.png" 10 100 "$waiting" "sync board 1 at 30 s (its opponent thinks)"
expect_pixel "$TMP/e.png" 124 100 "$pending" "sync board 3 at 30 s (not started)"
expect_pixel "$TMP/e.png" 10 404 "$waiting" "async board 1 at 30 s (its opponent thinks)"
expect_pixel "$TMP/e.png" 352 404 "$running" "async board 7 at 30 s (its move, 30-35 s)"
expect_pixel "$TMP/e.png" 10 440 "$ready" "async board 9 at 30 s (its move is at 40 s)"

# --window, --select and --panel each draw something else, and bad values
# are usage errors.
expect_status 0 render chess -o "$TMP/w1.png" --at 1h --window 0..12h
expect_status 0 render chess -o "$TMP/w2.png" --at 1h --window all
cmp -s "$TMP/w1.png" "$TMP/w2.png" && fail "--window 0..12h and --window all drew the same frame"
expect_status 0 render chess -o "$TMP/s1.png" --at 2.5s --select "board 3"
expect_status 0 render chess -o "$TMP/s2.png" --at 2.5s --select 3
cmp -s "$TMP/s1.png" "$TMP/s2.png" || fail "--select by name and by number differ"
cmp -s "$TMP/a.png" "$TMP/s1.png" && fail "--select drew no selection"
expect_status 0 render chess -o "$TMP/p1.png" --at 2.5s --panel
cmp -s "$TMP/a.png" "$TMP/p1.png" && fail "--panel drew no panel"
expect_status 2 render chess -o "$TMP/x.png" --window 5..2
expect_stderr "error: --window: the end must come after the start in '5..2'"
expect_status 2 render chess -o "$TMP/x.png" --window soon
expect_stderr "error: --window expects START..END"
expect_status 2 render chess -o "$TMP/x.png" --select "board 99"
expect_stderr "error: no task 'board 99'"

expect_status 0 render --help
grep -q -- '--at TIME' "$TMP/out" || fail "render --help does not document --at"

expect_status 2 render chess
expect_stderr 'simul render: error: missing -o FILE.png'
expect_status 2 render -o "$TMP/x.png"
expect_stderr 'missing SCENARIO'
expect_status 2 render chess -o "$TMP/x.png" --at soon
expect_stderr "^simul render: error: --at: .*'soon'"
expect_status 2 render chess -o "$TMP/x.png" --size 12x
expect_stderr 'error: --size expects WxH'
expect_status 2 render chess -o "$TMP/x.png" --scale 0
expect_stderr 'error: --scale expects'
expect_status 2 render no-such-scenario -o "$TMP/x.png"
[ ! -e "$TMP/x.png" ] || fail "a failed render left a file behind"

# No font: a clear message and status 2, no crash, no file.
SIMUL_FONT=/nonexistent/font.ttf expect_status 2 render chess -o "$TMP/f.png"
expect_stderr 'cannot find a font: install fonts-dejavu-core'
[ ! -e "$TMP/f.png" ] || fail "a render without a font left a file behind"

# An unwritable file is a failure (1), reported with the path.
expect_status 1 render chess -o "$TMP/no/such/dir/g.png"
expect_stderr "$TMP/no/such/dir/g.png: error: cannot write"
