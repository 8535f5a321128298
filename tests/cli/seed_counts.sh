#!/usr/bin/env bash
# seed_counts.sh - a group whose arrivals stop at `until` has as many tasks
# as arrive under the run's seed: `--seed N` gives what a file saying
# `seed: N` gives, a given `count:` stays the cap for every seed, and a seed
# under which none arrives is one error, not one per strategy.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

# Poisson at 1/s until 1 min with a cap of 100 it never reaches: seed 1 has
# 62 arrivals, seed 2 has 63 (the engine's draws; test_queueing.c pins the
# same pair). Once the loader overwrote the cap with seed 1's 62, and
# `--seed 2` stopped at 62.
scenario() {
  printf 'name: arrivals\nseed: %s\ntasks:\n' "$1"
  printf '  - {name: req, count: 100, arrivals: {poisson: 1}, until: 1min, steps: [{cpu: 10ms}]}\n'
}
scenario 1 >"$TMP/seed1.yaml"
scenario 2 >"$TMP/seed2.yaml"

expect_status 0 run "$TMP/seed2.yaml" --tasks
cp "$TMP/out" "$TMP/file2.txt"
grep -q '^arrivals — 63 reqs$' "$TMP/out" || fail "seed 2's title: $(head -1 "$TMP/out")"
expect_status 0 run "$TMP/seed1.yaml" --tasks
grep -q '^arrivals — 62 reqs$' "$TMP/out" || fail "seed 1's title: $(head -1 "$TMP/out")"
expect_status 0 run "$TMP/seed1.yaml" --tasks --seed 2
cmp -s "$TMP/out" "$TMP/file2.txt" || fail "--seed 2 differs from seed: 2: $(diff "$TMP/file2.txt" "$TMP/out")"
# One process, seeds 1 then 2: the title shows the last seed's count, 63,
# which the cap left at seed 1's count once cut to 62.
expect_status 0 run "$TMP/seed1.yaml" --runs 2
grep -q '^arrivals — 63 reqs$' "$TMP/out" || fail "--runs 2's title: $(head -1 "$TMP/out")"

# Poisson at 1/s until 300 ms: seed 6 has an arrival, seed 1 none.
printf 'name: rare\nseed: 6\ntasks:\n  - {name: req, arrivals: {poisson: 1}, until: 300ms, steps: [{cpu: 10ms}]}\n' \
  >"$TMP/rare.yaml"
expect_status 0 run "$TMP/rare.yaml"
expect_status 2 run "$TMP/rare.yaml" --seed 1
want="$TMP/rare.yaml:4:5: error: no task of group 'req' arrives before 'until' (seed 1)"
[ "$(cat "$TMP/err")" = "$want" ] || fail "one error for the seed, got: $(cat "$TMP/err")"
[ ! -s "$TMP/out" ] || fail "no report for a seed without tasks: $(cat "$TMP/out")"
