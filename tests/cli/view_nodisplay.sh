# view_nodisplay.sh - `simul view` where no window can open: status 3 (so
# plain `simul` falls back to the table) and a message saying why; its
# options are checked before anything opens.
source "$(dirname "$0")/lib.bash"

# Every run that could open a window is bounded at 20 s: the regressions
# this file is for (an invisible window) would otherwise run forever, and
# the test would hang until CTest's timeout instead of failing.
SIMUL_LIMIT=20 expect_status 3 view chess
expect_stderr '^simul view: error: cannot open a window'

# The dummy video driver "opens" windows nobody sees: still no display.
SDL_VIDEODRIVER=dummy SIMUL_LIMIT=20 expect_status 3 view chess
expect_stderr 'cannot open a window'

# DISPLAY names a server that is not there: status 3 at once, not an
# invisible window (SDL's fallback to its "offscreen" driver ran forever).
# SDL initialises libdbus before it finds no X server, and libdbus keeps a
# process-lifetime buffer that SDL 2.26 never asks it to free: under
# AddressSanitizer that alone would fail the run at exit, so the leak check
# is off for these two runs (as in view_e2e.sh, for the same kind of
# library-owned allocation); memory errors are still caught.
leakless=
case "$(ldd "$SIMUL" 2>/dev/null)" in
*libasan*) leakless="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" ;;
esac
for n in $(seq 1900 1999); do
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || break
done
ASAN_OPTIONS=${leakless:-${ASAN_OPTIONS:-}} DISPLAY=":$n" SIMUL_LIMIT=20 run_simul view chess
[ "$status" -eq 3 ] || fail "DISPLAY=:$n (no server): exit $status, not 3: $(cat "$TMP/err")"
grep -q "cannot open a window on :$n" "$TMP/err" || fail "no reason given: $(cat "$TMP/err")"
ASAN_OPTIONS=${leakless:-${ASAN_OPTIONS:-}} DISPLAY=":$n" SIMUL_LIMIT=20 run_simul
[ "$status" -eq 0 ] || fail "plain simul with DISPLAY=:$n: exit $status: $(cat "$TMP/err")"
grep -q '^Chess exhibition' "$TMP/out" || fail "plain simul with DISPLAY=:$n printed no table"

# Plain `simul` without a display falls back to the table: default.sh.

expect_status 0 view --help
grep -q -- '--speed X' "$TMP/out" || fail "view --help does not document --speed"

expect_status 2 view
expect_stderr 'missing SCENARIO'
expect_status 2 view chess --speed 0
expect_stderr "error: --speed expects a number from 0.01 to 100000, not '0'"
expect_status 2 view chess --speed 1e6
expect_status 2 view chess --size 10x10
expect_stderr 'error: --size expects WxH'
expect_status 2 view chess --strategy sync,async,sync,async,sync,async,sync,async,sync
expect_stderr 'at most 8 strategies'
