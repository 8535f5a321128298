#!/usr/bin/env bash
# golden.sh - the exact current outputs of simul, and a check against them.
#
#   bash tests/golden/golden.sh SIMUL GROUP MODE
#
# SIMUL is the simul binary; GROUP is a shipped scenario's name (a file
# scenarios/GROUP.yaml), `cli` (list and the help texts) or `all` (cli and
# every scenario); MODE is
#   check   run every case of GROUP and compare stdout, stderr and the exit
#           status byte for byte with tests/golden/GROUP/; print a unified
#           diff of each difference and exit 1 if there is any
#   update  run the same cases and write what they print as the new golden
#           files (and remove golden files no case produces any more)
#
# Each case leaves, in tests/golden/GROUP/:
#   CASE.out         its stdout, exactly
#   CASE.err         `exit: N` (its exit status), then its stderr, exactly
#   CASE.trace.json  the --trace file, exactly (cases with {trace} only)
#
# SIMUL_GOLDEN_WINDOW=OFF (set by CTest in a -DSIMUL_WINDOW=OFF build) skips
# the cases that need the window compiled in; their golden files stay.
set -euo pipefail

usage() {
  echo "usage: bash $0 SIMUL GROUP check|update" >&2
  exit 2
}
[ $# -eq 3 ] || usage
mode=$3
case $mode in check | update) ;; *) usage ;; esac
[ -x "$1" ] || {
  echo "golden.sh: error: $1 is not an executable" >&2
  exit 2
}
SIMUL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
GOLDEN=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIOS=$(cd "$GOLDEN/../../scenarios" && pwd)
WINDOW=${SIMUL_GOLDEN_WINDOW:-ON}

# Nothing of the environment may change a byte: the C locale, one time zone,
# no display (simul alone would open a window), no terminal width.
export LC_ALL=C TZ=UTC
unset LANG LANGUAGE DISPLAY WAYLAND_DISPLAY COLUMNS LINES
# The progress line (runs over ~2 s) depends on the machine's speed, not on
# the scenario: a sanitized build on a loaded machine would print one. The
# golden outputs pin what is deterministic, so the threshold goes out of reach.
export SIMUL_PROGRESS_AFTER=1000000000

# The seven strategies CI runs every scenario under (.ci/run).
PRESETS=sync,async,threads,threads:gil=off,processes,processes:mode=async,queue

# THE cases, the only place they are defined. One per line:
#   GROUPS  CASE  FLAGS  ARGUMENTS...
# GROUPS: `*` every shipped scenario, else a comma-separated list of groups.
# FLAGS: `-`, or `window` for a case whose output needs the window compiled in.
# ARGUMENTS are split at blanks (no quoting); {} is the scenario's name,
# {presets} the seven presets above, {trace} the trace file the case writes.
cases() {
  cat <<'EOF'
*                   table               -       run {} --format table
*                   csv                 -       run {} --format csv
*                   json-tasks          -       run {} --format json --tasks
*                   presets.table       -       run {} --format table --strategy {presets}
*                   presets.csv         -       run {} --format csv --strategy {presets}
*                   presets.json-tasks  -       run {} --format json --tasks --strategy {presets}
chess,laundry       trace               -       run {} --trace {trace}
*                   explain.json        -       run {} --format json --explain --strategy {presets}
chess               explain.table       -       run {} --explain --what-if board=-50%
laundry             explain.table       -       run {} --explain --what-if washing=-50%
laundry             explain.trace       -       run {} --explain --trace {trace}
chess,laundry,webpage models.table      -       run {} --tasks --memory --strategy async:model=asyncio,threads:model=cpython,threads:model=cpython,handoff=random
webserver,scraper   runs5.table         -       run {} --runs 5 --format table
webserver,scraper   runs5.json          -       run {} --runs 5 --format json
cli                 default             -
cli                 list                -       list
cli                 help                -       help
cli                 main--help          -       --help
cli                 run--help           -       run --help
cli                 view--help          window  view --help
cli                 render--help        window  render --help
cli                 check--help         -       check --help
cli                 list--help          -       list --help
cli                 help--help          -       help --help
cli                 help-run            -       help run
cli                 help-view           window  help view
cli                 help-render         window  help render
cli                 help-check          -       help check
cli                 help-list           -       help list
cli                 sweep--help         -       sweep --help
cli                 merge--help         -       merge --help
cli                 help-sweep          -       help sweep
cli                 sweep-chess         -       sweep chess --vary tasks.board.count=1..48 --jobs 2
cli                 sweep-rq-jobs.json  -       sweep rq-jobs --strategy queue --vary workers=1..16 --runs 3 --format json
EOF
}

scenario_groups() {
  local f
  for f in "$SCENARIOS"/*.yaml; do
    [ -e "$f" ] && basename "$f" .yaml
  done
}

# in_groups GROUP GROUPS: GROUP is one of the comma-separated GROUPS (or
# GROUPS is `*` and GROUP a scenario).
in_groups() {
  local group=$1 groups=$2
  if [ "$groups" = "*" ]; then
    [ "$group" != cli ]
  else
    [[ ",$groups," == *",$group,"* ]]
  fi
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# show_diff GOLDEN ACTUAL: a unified diff, at most 200 lines; when a file has
# lines too long to read (the JSON report is one line), both sides are split
# after each comma first.
show_diff() {
  local a=$1 b=$2 label=$1
  if awk 'length > 300 { long = 1; exit } END { exit !long }' "$a" "$b"; then
    echo "(long lines: both sides split after each comma for this diff)"
    sed 's/,/,\n/g' "$a" >"$TMP/diff.golden"
    sed 's/,/,\n/g' "$b" >"$TMP/diff.actual"
    a=$TMP/diff.golden b=$TMP/diff.actual
  fi
  diff -u --label "$label (golden)" --label "simul (now)" "$a" "$b" >"$TMP/diff" || true
  head -n 200 "$TMP/diff"
  local n
  n=$(wc -l <"$TMP/diff")
  if [ "$n" -gt 200 ]; then
    echo "... $((n - 200)) more lines of diff"
  fi
}

failures=0

# run_group GROUP: runs every case of GROUP and checks or updates its files.
run_group() {
  local group=$1 dir=$GOLDEN/$1 want=0 ran=0 skipped=0
  if [ "$group" != cli ]; then
    if ! [[ $group =~ ^[A-Za-z0-9_][A-Za-z0-9._-]*$ ]] || [ ! -f "$SCENARIOS/$group.yaml" ]; then
      echo "golden.sh: error: no group '$group' (cli, all or one of: $(scenario_groups | paste -sd ' ' -))" >&2
      exit 2
    fi
    # A scenario that deadlocks on purpose says so in its header (.ci/run).
    want=$(sed -n 's/^# *expect-exit: *\([0-9][0-9]*\).*/\1/p' "$SCENARIOS/$group.yaml" | head -1)
    want=${want:-0}
  fi
  local work=$TMP/$group
  mkdir -p "$work/out" "$work/cwd"
  : >"$work/expected"

  local groups name flags rest
  while read -r groups name flags rest; do
    if [ -z "$groups" ] || [ "${groups:0:1}" = "#" ]; then continue; fi
    in_groups "$group" "$groups" || continue
    local trace=0
    [[ " $rest " == *" {trace} "* ]] && trace=1
    printf '%s\n' "$name.out" "$name.err" >>"$work/expected"
    [ $trace = 0 ] || printf '%s\n' "$name.trace.json" >>"$work/expected"
    if [ "$flags" = window ] && [ "$WINDOW" = OFF ]; then
      skipped=$((skipped + 1))
      continue
    fi

    local -a words=() argv=()
    local word
    read -ra words <<<"$rest"
    for word in ${words[@]+"${words[@]}"}; do
      case $word in
      '{}') word=$group ;;
      '{presets}') word=$PRESETS ;;
      '{trace}') word=trace.json ;;
      esac
      argv+=("$word")
    done
    # Each case runs in an empty directory, so a relative trace path is the
    # same in every message and nothing lands in the source tree.
    rm -rf "$work/cwd" && mkdir "$work/cwd"
    local status=0
    (cd "$work/cwd" && "$SIMUL" ${argv[@]+"${argv[@]}"}) \
      >"$work/out/$name.out" 2>"$work/stderr" </dev/null || status=$?
    {
      printf 'exit: %d\n' "$status"
      cat "$work/stderr"
    } >"$work/out/$name.err"
    if [ $trace = 1 ]; then
      if [ -f "$work/cwd/trace.json" ]; then
        mv "$work/cwd/trace.json" "$work/out/$name.trace.json"
      else
        : >"$work/out/$name.trace.json"
        echo "golden: $group/$name: simul wrote no trace" >&2
      fi
    fi
    if [ "$mode" = update ] && [ "$group" != cli ] && [ "$status" -ne "$want" ]; then
      echo "golden.sh: error: $group/$name: simul ${argv[*]} exited $status, but" \
        "scenarios/$group.yaml expects $want; not writing it as golden:" >&2
      cat "$work/stderr" >&2
      exit 1
    fi
    ran=$((ran + 1))
  done < <(cases)

  local f rel
  if [ "$mode" = update ]; then
    mkdir -p "$dir"
    local changed=0
    for f in "$work/out"/*; do
      rel=$(basename "$f")
      if ! cmp -s "$f" "$dir/$rel" 2>/dev/null; then
        cp "$f" "$dir/$rel"
        echo "golden: wrote $group/$rel"
        changed=$((changed + 1))
      fi
      if [ "$(wc -c <"$f")" -gt 2000000 ]; then
        echo "golden: warning: $group/$rel is over 2 MB" >&2
      fi
    done
    for f in "$dir"/*; do
      [ -e "$f" ] || continue
      rel=$(basename "$f")
      if ! grep -qxF -- "$rel" "$work/expected"; then
        rm -f "$f"
        echo "golden: removed $group/$rel (no case makes it)"
        changed=$((changed + 1))
      fi
    done
    echo "golden: $group: $ran cases run, $skipped skipped, $changed files changed"
    return
  fi

  local bad=0
  for f in "$work/out"/*; do
    rel=$(basename "$f")
    if [ ! -f "$dir/$rel" ]; then
      echo "FAIL: $group/$rel: no golden file (make golden writes it)"
      bad=$((bad + 1))
    elif ! cmp -s "$dir/$rel" "$f"; then
      echo "FAIL: $group/$rel differs from the golden file:"
      show_diff "$dir/$rel" "$f"
      bad=$((bad + 1))
    fi
  done
  if [ -d "$dir" ]; then
    for f in "$dir"/*; do
      [ -e "$f" ] || continue
      rel=$(basename "$f")
      if ! grep -qxF -- "$rel" "$work/expected"; then
        echo "FAIL: $group/$rel: a golden file no case makes (make golden removes it)"
        bad=$((bad + 1))
      fi
    done
  fi
  echo "golden: $group: $ran cases run, $skipped skipped, $bad mismatches"
  failures=$((failures + bad))
}

if [ "$2" = all ]; then
  run_group cli
  for g in $(scenario_groups); do run_group "$g"; done
else
  run_group "$2"
fi
if [ $failures -gt 0 ]; then
  echo "golden: $failures files differ; if the change is intended, run make golden" \
    "and review the git diff before committing" >&2
  exit 1
fi
