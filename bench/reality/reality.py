#!/usr/bin/env python3
"""The reality bench: simul's predictions against real CPython runs.

    python3 bench/reality/reality.py [--simul PATH] [--runs 5] [--quick]
                                     [--profile FILE] [--only TEXT] [--json FILE]

For each workload (workloads.py), concurrency mode and time unit it runs the
real program (real.py) --runs times and simul three ways - the textbook
model (model=ideal, no profile), CPython's rules (async:model=asyncio,
threads:model=cpython), and those rules with a profile measured just before
by `simul calibrate` (or --profile), its cpu_scale measured again just
before each configuration since a shared machine's load moves - and prints the measured median and
min-max beside each prediction and its error. A prediction inside the
measured range is marked with '*'. For the laundry it also prints the mean
error of every step's start time against each measured run, in units.

Sizes, chosen so that the whole bench takes a few minutes on two cores:
chess with 16 and 24 boards, 6 moves at 1 ms a unit and 2 moves at 10 ms
(sync: 2 boards, 1 ms only: a sync exhibition is long and exactly
predictable); the laundry with a 30-item checklist; the web page at a tenth
of the built-in's durations (timeout 300 units).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import workloads  # noqa: E402

MODES = [("sync", None), ("asyncio", None), ("threading", 0.005), ("threading", 0.05),
         ("multiprocessing", None)]


def configs(quick):
    units = [0.001] if quick else [0.001, 0.010]
    out = []
    for unit in units:
        moves = 6 if unit < 0.005 else 2
        for boards in (16, 24):
            for mode, sw in MODES[1:]:
                out.append(("chess", {"boards": boards, "moves": moves}, mode, sw, unit))
        if unit < 0.005:
            out.append(("chess", {"boards": 2, "moves": 6}, "sync", None, unit))
        for wl in ("laundry", "webpage"):
            for mode, sw in MODES:
                out.append((wl, {}, mode, sw, unit))
    return out


def strategies(mode, sw):
    """(ideal, CPython's rules, handoff=random) strategy texts for simul."""
    if mode == "sync":
        return "sync", "sync", None
    if mode == "asyncio":
        return "async", "async:model=asyncio", None
    if mode == "threading":
        s = "threads:switch=%dus" % round(sw * 1e6)
        return s, s + ",model=cpython", s + ",model=cpython,handoff=random"
    return "processes:processes=2", "processes:processes=2", None


def run_real(wl, size, mode, sw, unit, runs):
    cmd = [sys.executable, os.path.join(HERE, "real.py"), wl, mode, "--unit", str(unit),
           "--size", ",".join("%s=%d" % kv for kv in size.items())]
    if sw:
        cmd += ["--switch", str(sw)]
    out = []
    for _ in range(runs):
        res = subprocess.run(cmd, check=True, capture_output=True, text=True)
        out.append(json.loads(res.stdout))
    return out


def simul(args, scenario, strategy, profile, trace=None):
    cmd = [args.simul, "run", scenario, "--strategy", strategy, "--format", "json"]
    if profile:
        cmd += ["--profile", profile]
    if trace:
        cmd += ["--trace", trace]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(res.stdout)["results"][0]["makespan_s"]


def trace_starts(path, names):
    """{(task index, rep, step): start seconds} from a simul trace."""
    index = {n: i for i, n in enumerate(names)}
    with open(path) as f:
        events = json.load(f)["traceEvents"]
    starts = {}
    for ev in events:
        a = ev.get("args") or {}
        if ev.get("ph") != "X" or ev.get("cat") not in ("cpu", "wait") or "task" not in a:
            continue
        key = (index[a["task"]], a["repetition"] - 1, a["step"] - 1)
        t = ev["ts"] / 1e6
        if key not in starts or t < starts[key]:
            starts[key] = t
    return starts


def step_error(pred, real_runs, unit):
    """Mean |predicted - measured| step start over every run, in units."""
    errs = []
    for run in real_runs:
        for idx, rep, step, t in run["steps"]:
            p = pred.get((idx, rep, step))
            if p is not None:
                errs.append(abs(p - t) / unit)
    return statistics.mean(errs) if errs else float("nan")


def cell(pred, med, lo, hi):
    if pred is None:
        return "%17s" % "-"
    mark = "*" if lo <= pred <= hi else " "
    return "%8.3f %+6.1f%%%s" % (pred, 100 * (pred - med) / med, mark)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(HERE))
    ap.add_argument("--simul", default=os.path.join(root, "build", "app", "simul"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="1 ms a unit only")
    ap.add_argument("--profile", help="a profile to use instead of calibrating afresh")
    ap.add_argument("--fixed-profile", action="store_true",
                    help="use the one profile for every configuration (default: cpu_scale is "
                         "measured again before each)")
    ap.add_argument("--only", default="", help="run the configurations whose label contains this")
    ap.add_argument("--json", help="also write every figure to this file")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="simul-reality-")
    profile = args.profile
    if not profile:
        profile = os.path.join(tmp, "profile.yaml")
        subprocess.run([args.simul, "calibrate", "-o", profile], check=True)
    print("profile: %s" % profile)
    with open(profile) as f:
        base = [line for line in f if not line.startswith("#")]
    print("".join("  " + line for line in base), end="")
    if not args.fixed_profile:
        print("cpu_scale is measured again before each configuration (the load moves)")
    print("%-34s %24s   %17s %17s %17s %17s %6s" % (
        "configuration", "measured median [min-max]", "ideal", "CPython rules", "rules+profile",
        "random+profile", "scale"))
    rows = []
    for wl, size, mode, sw, unit in configs(args.quick):
        label = "%s%s %s%s %gms" % (
            wl, "".join(" %s=%d" % kv for kv in size.items()), mode,
            " %gms" % (sw * 1e3) if sw else "", unit * 1e3)
        if args.only and args.only not in label:
            continue
        groups, resources = workloads.WORKLOADS[wl](**size)
        scn = os.path.join(tmp, "%s.yaml" % label.replace(" ", "_").replace("=", ""))
        with open(scn, "w") as f:
            f.write(workloads.scenario_yaml(label, groups, resources, unit))
        prof, scale = profile, "-"
        if not args.fixed_profile:
            # The machine's load moves: measure the cpu stretch just before
            # the runs it is meant for, keep the rest of the full profile.
            quick = os.path.join(tmp, "quick.yaml")
            subprocess.run([args.simul, "calibrate", "--quick", "-o", quick], check=True)
            with open(quick) as f:
                scale = [l.split()[1] for l in f if l.startswith("cpu_scale:")][0]
            prof = os.path.join(tmp, "row.yaml")
            with open(prof, "w") as f:
                f.write("".join(l for l in base if not l.startswith("cpu_scale:")))
                f.write("cpu_scale: %s\n" % scale)
        real = run_real(wl, size, mode, sw, unit, args.runs)
        ms = [r["makespan"] for r in real]
        med, lo, hi = statistics.median(ms), min(ms), max(ms)
        ideal, rules, random_ = strategies(mode, sw)
        preds = [simul(args, scn, ideal, None), simul(args, scn, rules, None),
                 simul(args, scn, rules, prof),
                 simul(args, scn, random_, prof) if random_ else None]
        print("%-34s %8.3f [%6.3f-%6.3f]   %s %s %s %s %6s" % (
            label, med, lo, hi, *(cell(p, med, lo, hi) for p in preds), scale), flush=True)
        row = {"label": label, "measured": ms, "predicted": preds, "cpu_scale": scale}
        if wl == "laundry" and mode == "asyncio":
            names = workloads.task_names(groups)
            errs = []
            for strat, p in ((ideal, None), (rules, None), (rules, prof)):
                tr = os.path.join(tmp, "trace.json")
                simul(args, scn, strat, p, trace=tr)
                errs.append(step_error(trace_starts(tr, names), real, unit))
            print("%-34s step start error (units): ideal %.2f, asyncio %.2f, asyncio+profile %.2f"
                  % ("", *errs), flush=True)
            row["step_error_units"] = errs
        rows.append(row)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
