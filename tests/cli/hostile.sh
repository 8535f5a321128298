#!/usr/bin/env bash
# hostile.sh - input built to hurt: each is refused quickly with a position
# (exit 2), or a run that would wrap the clock stops with exit 1. Limits on
# time use `timeout`, so a regression to the old quadratic parse fails here
# instead of hanging CTest.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

# 2 MB of '[': refused at the 65th level (it used to take 25 minutes).
python3 -c "import sys; sys.stdout.write('[' * 2000000)" >"$TMP/deep.yaml"
run_simul check "$TMP/deep.yaml"
[ "$status" -eq 2 ] || fail "deep nesting: exit $status"
expect_stderr "deep.yaml:1:65: error: nested more than 64 levels deep"

# The same through --set: 60000 '[' in the value.
deep=$(python3 -c "print('[' * 60000)")
run_simul check chess --set "name=$deep"
[ "$status" -eq 2 ] || fail "deep --set: exit $status"
expect_stderr "error: nested more than 64 levels deep"

# A flat list of 3M items: refused at the node limit, in bounded memory.
python3 -c "import sys; sys.stdout.write('name: x\ntasks: [' + '1,' * 3000000 + ']\n')" \
  >"$TMP/flat.yaml"
run_simul check "$TMP/flat.yaml"
[ "$status" -eq 2 ] || fail "flat list: exit $status"
expect_stderr "flat.yaml:2:[0-9]+: error: too large: more than 1048576 nodes"
# (Not under ASan, whose shadow memory and quarantine inflate RSS.)
if [ -x /usr/bin/time ] && ! grep -qa __asan_init "$SIMUL"; then
  /usr/bin/time -f %M "$SIMUL" check "$TMP/flat.yaml" 2>"$TMP/mem" >/dev/null || true
  kb=$(tail -1 "$TMP/mem")
  [ "$kb" -lt 400000 ] || fail "the flat list took $kb KB (at most 400 MB expected)"
fi

# UTF-16 with a byte order mark: refused, not decoded.
printf '\xff\xfen\x00a\x00m\x00e\x00:\x00 \x00x\x00\n\x00' >"$TMP/utf16.yaml"
run_simul check "$TMP/utf16.yaml"
[ "$status" -eq 2 ] || fail "UTF-16: exit $status"
expect_stderr "utf16.yaml:1:1: error: the file is UTF-16 .*must be UTF-8"

# A FIFO nobody writes to: read as empty at once, not waited on forever.
mkfifo "$TMP/fifo"
set +e
timeout 10 "$SIMUL" check "$TMP/fifo" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 2 ] || fail "FIFO: exit $status (124 is a hang)"
expect_stderr "fifo:1:1: error: the file is empty"

# A strategy cost that, per step, passes the clock: refused at its place.
expect_status 2 run chess --strategy async:switch_cost=2562047h
expect_stderr "^simul run --strategy: error: async:switch_cost=2562047h: switch_cost .* end of the simulated clock"
cat >"$TMP/cost.yaml" <<'YAML'
name: Dear dequeue
strategies:
  - sync
  - {queue: {latency: 1000000000h}}
tasks:
  - name: job
    count: 3
    steps: [{cpu: 1s}, {cpu: 1s}]
YAML
expect_status 2 check "$TMP/cost.yaml"
expect_stderr "cost.yaml:4:5: error: queue:latency=1000000000h: latency"

# A run that passes the end of the clock at run time (normal durations with
# a huge sd: the load bound is the mean) stops with exit 1 and says so; the
# strategy that fits is still reported.
cat >"$TMP/tail.yaml" <<'YAML'
name: Long tail
tasks:
  - name: a
    count: 100
    steps: [{wait: {normal: {mean: 1h, sd: 1000000000h}}}]
YAML
expect_status 1 run "$TMP/tail.yaml" --strategy sync,async
expect_stderr "strategy sync: the run would pass the end of the simulated clock"
grep -q '^async ' "$TMP/out" || fail "async, which fits, was not reported"
if grep -q -- '-[0-9]*:' "$TMP/out"; then fail "a negative time was printed"; fi

# --set strategies with a bad name blames the override, not the file.
expect_status 2 run chess --set 'strategies=[sync, nope]'
expect_stderr "^--set strategies=\[sync, nope\]: error: unknown strategy 'nope'"

# --seed 0 is a seed like any other, not "the file's seed".
cat >"$TMP/seed.yaml" <<'YAML'
name: Seeded
seed: 5
tasks: [{name: a, count: 3, steps: [{cpu: {exp: 1s}}]}]
YAML
expect_status 0 run "$TMP/seed.yaml" --format json
cp "$TMP/out" "$TMP/file-seed.json"
expect_status 0 run "$TMP/seed.yaml" --seed 5 --format json
cmp -s "$TMP/out" "$TMP/file-seed.json" || fail "--seed 5 differs from the file's seed 5"
expect_status 0 run "$TMP/seed.yaml" --seed 0 --format csv
cp "$TMP/out" "$TMP/seed0.csv"
expect_status 0 run "$TMP/seed.yaml" --format csv
if cmp -s "$TMP/out" "$TMP/seed0.csv"; then fail "--seed 0 gave the file's seed 5"; fi

# A worker name of 20 two-byte characters (40 bytes) is cut to fit the
# lane's 31 bytes on a character boundary: 15 characters, valid UTF-8.
worker=$(python3 -c "print('\u00e9' * 20)")
printf 'name: W\nworker: "%s"\ntasks: [{name: a, steps: [{cpu: 1s}]}]\n' "$worker" >"$TMP/w.yaml"
expect_status 0 run "$TMP/w.yaml" --format json
py 'assert data["results"][0]["lanes"] == ["\u00e9" * 15], data["results"][0]["lanes"]'

# 65 strategies in the file: refused at the 65th, with its position.
python3 - "$TMP/many.yaml" <<'PY'
import sys
open(sys.argv[1], "w").write("name: Many\nstrategies:\n" + "  - sync\n" * 65 +
                             "tasks: [{name: a, steps: [yield]}]\n")
PY
expect_status 2 check "$TMP/many.yaml"
expect_stderr "many.yaml:67:5: error: at most 64 strategies at once"
