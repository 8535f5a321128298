#!/usr/bin/env bash
# sweep_parallel.sh - the GNU Parallel recipe of docs/sweeps.md, run here on
# one machine: 4 shards as 4 processes, merged, must be exactly the whole
# sweep run in one process.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

command -v parallel >/dev/null || fail "GNU parallel is missing (scripts/install-deps.sh --test installs it)"
sweep=(sweep rq-jobs --strategy queue:latency=2ms --vary workers=1..16 --runs 3 --jobs 1)
parallel --will-cite --halt now,fail=1 "$SIMUL" "${sweep[@]}" --shard '{}/4' -o "$TMP/part{}.json" ::: 1 2 3 4 ||
  fail "a shard failed under GNU parallel"
for fmt in json table csv; do
  expect_status 0 merge "$TMP"/part*.json --format $fmt
  cp "$TMP/out" "$TMP/merged"
  expect_status 0 "${sweep[@]}" --format $fmt
  cmp -s "$TMP/merged" "$TMP/out" || fail "merged parts differ from the whole sweep ($fmt)"
done
