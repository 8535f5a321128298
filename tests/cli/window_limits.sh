#!/usr/bin/env bash
# window_limits.sh - `simul view` and `simul render` refuse a run past
# --max-events, --max-tasks and --max-span-memory before running it (exit 2,
# naming the option), as `simul run` does (limits.sh). The refusal comes
# before the display is looked for, so no display is needed here.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

# chess: 24 boards x 30 rounds x (cpu + wait) = 1440 events a strategy.
for cmd in view render; do
  out=()
  [ "$cmd" = render ] && out=(-o "$TMP/f.png")
  expect_status 2 "$cmd" chess "${out[@]}" --max-events 1000
  expect_stderr_is "simul $cmd: error: sync would handle about 1.4 thousand events, over the limit of 1.0 thousand; raise it with --max-events N if you mean it"
  expect_status 2 "$cmd" chess "${out[@]}" --max-tasks 10
  expect_stderr_is "simul $cmd: error: scenarios/chess.yaml has 24 tasks, over the limit of 10; raise it with --max-tasks N if you mean it"
  # The window holds every strategy's spans: estimated at 2 an event, 2880
  # each for sync and async, 5760 x 104 bytes = 599040 bytes = 585.0 KiB.
  expect_status 2 "$cmd" chess "${out[@]}" --max-span-memory 100K
  expect_stderr_is "simul $cmd: error: the window would hold about 585.0 KiB of spans, over the limit of 100.0 KiB; raise it with --max-span-memory SIZE (such as 8G) if you mean it"
  expect_status 2 "$cmd" chess "${out[@]}" --max-span-memory 12x
  expect_stderr_is "simul $cmd: error: --max-span-memory takes a whole number above 0 (K, M, G: KiB, MiB, GiB), got '12x'"
  expect_status 2 "$cmd" chess "${out[@]}" --max-events 0
  expect_stderr "^simul $cmd: error: --max-events takes a whole number above 0"
  expect_status 0 "$cmd" --help
  for opt in '--max-events N' '--max-tasks N' '--max-span-memory SIZE'; do
    grep -q -- "$opt" "$TMP/out" || fail "$cmd --help does not list $opt"
  done
done
[ ! -e "$TMP/f.png" ] || fail "a refused render wrote a PNG"

# The defaults: 100000 boards are 6M events a strategy, 12M spans each
# estimated, 24M x 104 bytes = 2.32 GiB, past the 2 GiB default; 600K
# (614400 bytes) lets 24 boards' 599040 through.
expect_status 2 render chess -o "$TMP/f.png" --set tasks.board.count=100000
expect_stderr_is "simul render: error: the window would hold about 2.3 GiB of spans, over the limit of 2.0 GiB; raise it with --max-span-memory SIZE (such as 8G) if you mean it"
expect_status 0 render chess -o "$TMP/f.png" --max-span-memory 600K --max-events 1440 --max-tasks 24
[ -s "$TMP/f.png" ] || fail "render within the limits wrote no PNG"
