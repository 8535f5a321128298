# view_nodisplay.sh - `simul view` where no window can open: status 3 (so
# plain `simul` falls back to the table) and a message saying why; its
# options are checked before anything opens.
source "$(dirname "$0")/lib.bash"

expect_status 3 view chess
expect_stderr '^simul view: error: cannot open a window'

# The dummy video driver "opens" windows nobody sees: still no display.
SDL_VIDEODRIVER=dummy expect_status 3 view chess
expect_stderr 'cannot open a window'

# Plain `simul` without a display falls back to the table: default.sh.

expect_status 0 view --help
grep -q -- '--speed X' "$TMP/out" || fail "view --help does not document --speed"

expect_status 2 view
expect_stderr 'missing SCENARIO'
expect_status 2 view chess --speed 0
expect_stderr "error: --speed expects a number from 1 to 100000, not '0'"
expect_status 2 view chess --speed 1e6
expect_status 2 view chess --size 10x10
expect_stderr 'error: --size expects WxH'
expect_status 2 view chess --strategy sync,async,sync,async,sync,async,sync,async,sync
expect_stderr 'at most 8 strategies'
