# batch_libs.sh - a headless run loads nothing of the window or the plots:
# `simul run` maps no SDL2, SDL2_ttf, SDL2_image, fontconfig or freetype
# (they live in simul-window, which `simul view` and `simul render` exec) and
# no PLplot or cairo (the module simul-plot.so, opened only for a plot), and
# a simul without its simul-window says so and still plays the default job
# as a table.
source "$(dirname "$0")/lib.bash"

WINDOW_LIBS='libSDL2|libSDL2_ttf|libSDL2_image|libfontconfig|libfreetype|libX11|libplplot|libcairo'

# The shared objects ld.so loads for a command, one path a line.
loaded() {
  LD_DEBUG=libs "$@" 2>&1 >/dev/null | sed -n 's/.*calling init: //p'
}

loaded "$SIMUL" run chess >"$TMP/libs"
grep -q 'libc\.so' "$TMP/libs" || fail "LD_DEBUG=libs listed nothing: $(cat "$TMP/libs")"
if grep -E "$WINDOW_LIBS" "$TMP/libs"; then fail "simul run loads the window's or the plots' libraries"; fi

# The same check finds them where they are, so it is not blind.
WINDOW="$(dirname "$SIMUL")/simul-window"
if [ -x "$WINDOW" ]; then
  loaded "$WINDOW" render chess -o "$TMP/f.png" --at 1s >"$TMP/wlibs"
  grep -q 'libSDL2-2' "$TMP/wlibs" || fail "simul-window does not load SDL2: $(cat "$TMP/wlibs")"
  [ -s "$TMP/f.png" ] || fail "simul-window render wrote no frame"

  # simul alone, without simul-window beside it.
  cp "$SIMUL" "$TMP/simul"
  SIMUL="$TMP/simul"
  expect_status 1 render chess -o "$TMP/g.png"
  grep -q "simul render: error: the window program simul-window is missing (looked for $TMP/simul-window" \
    "$TMP/err" || fail "missing simul-window: $(cat "$TMP/err")"
  # The default job with a display but no window program: the table.
  DISPLAY=:0 expect_status 0
  grep -q '^async ' "$TMP/out" || fail "no table without simul-window: $(cat "$TMP/out")"
fi
