#!/usr/bin/env python3
"""One real run of a reality-bench workload under CPython: plain blocking
code, asyncio, threading or multiprocessing. Standard library only.

    real.py WORKLOAD MODE --unit SECONDS [--switch SECONDS] [--procs N] [--size k=v,...]

Prints one JSON object: the makespan in seconds and, per step, when it began
([task, repetition, step, seconds], 0-based), measured from just before the
first task starts. cpu is a fixed amount
of this thread's CPU time (time.thread_time), not a wall-clock deadline, so
a thread that loses the GIL mid-step really runs longer; a wait
is a sleep (asyncio.sleep, time.sleep); a timeout is wait_for or a sleep cut
at the timeout, as requests.get(timeout=) would be.
"""
import argparse
import asyncio
import json
import multiprocessing
import sys
import threading
import time

import workloads

def cpu(seconds):
    # CPU time of this thread, not wall time: a thread waiting for the GIL,
    # or preempted by the OS for another program on a shared machine, does
    # not advance it, so a step is a fixed amount of work as in simul.
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def plan(groups):
    """(task index, name, repeat, steps) in file order."""
    names = workloads.task_names(groups)
    tasks = []
    for name, count, repeat, steps in groups:
        for _ in range(count):
            tasks.append((len(tasks), names[len(tasks)], repeat, steps))
    return tasks


# --- blocking code (sync, threading, multiprocessing) ---------------------------

def walk(task, t0, record):
    """The task's steps in order, each cpu and wait step's start recorded."""
    idx, _name, repeat, steps = task
    for rep in range(repeat):
        for s_i, s in enumerate(steps):
            if s[0] in ("cpu", "wait"):
                record.append((idx, rep, s_i, time.perf_counter() - t0))
            yield s


def run_blocking(task, unit, t0, locks, record):
    for s in walk(task, t0, record):
        kind = s[0]
        if kind == "cpu":
            cpu(s[1] * unit)
        elif kind == "wait":
            if s[2] is not None and s[1] > s[2]:
                time.sleep(s[2] * unit)
                return  # requests' Timeout, uncaught: the task stops (on_error: stop)
            time.sleep(s[1] * unit)
        elif kind == "yield":
            time.sleep(0)
        elif kind == "acquire":
            locks[s[1]].acquire()
        elif kind == "release":
            locks[s[1]].release()


def mode_sync(tasks, resources, unit, args):
    locks = {r: threading.Lock() for r in resources}
    record = []
    t0 = time.perf_counter()
    for t in tasks:
        run_blocking(t, unit, t0, locks, record)
    return time.perf_counter() - t0, record


def mode_threading(tasks, resources, unit, args):
    sys.setswitchinterval(args.switch)
    locks = {r: threading.Lock() for r in resources}
    record = []  # list.append is atomic under the GIL
    t0 = time.perf_counter()
    threads = [threading.Thread(target=run_blocking, args=(t, unit, t0, locks, record))
               for t in tasks]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - t0, record


_MP = {}


def _mp_init(locks, t0, unit):
    _MP.update(locks=locks, t0=t0, unit=unit)


def _mp_task(task):
    record = []
    run_blocking(task, _MP["unit"], _MP["t0"], _MP["locks"], record)
    return record


def mode_multiprocessing(tasks, resources, unit, args):
    ctx = multiprocessing.get_context("fork")
    locks = {r: ctx.Lock() for r in resources}
    t0 = time.perf_counter()
    with ctx.Pool(args.procs, _mp_init, (locks, t0, unit)) as pool:
        parts = pool.map(_mp_task, tasks, chunksize=1)
    return time.perf_counter() - t0, [r for p in parts for r in p]


# --- asyncio ------------------------------------------------------------------------

async def run_async(task, unit, t0, locks, record):
    for s in walk(task, t0, record):
        kind = s[0]
        if kind == "cpu":
            cpu(s[1] * unit)
        elif kind == "wait":
            if s[2] is None:
                await asyncio.sleep(s[1] * unit)
            else:
                try:
                    await asyncio.wait_for(asyncio.sleep(s[1] * unit), s[2] * unit)
                except asyncio.TimeoutError:
                    return  # the task stops, as the scenario's on_error: stop
        elif kind == "yield":
            await asyncio.sleep(0)
        elif kind == "acquire":
            await locks[s[1]].acquire()
        elif kind == "release":
            locks[s[1]].release()


def mode_asyncio(tasks, resources, unit, args):
    record = []
    out = {}

    async def main():
        locks = {r: asyncio.Lock() for r in resources}
        t0 = time.perf_counter()
        await asyncio.gather(*(run_async(t, unit, t0, locks, record) for t in tasks))
        out["makespan"] = time.perf_counter() - t0

    asyncio.run(main())
    return out["makespan"], record


MODES = {"sync": mode_sync, "asyncio": mode_asyncio, "threading": mode_threading,
         "multiprocessing": mode_multiprocessing}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workload", choices=sorted(workloads.WORKLOADS))
    ap.add_argument("mode", choices=sorted(MODES))
    ap.add_argument("--unit", type=float, default=0.001)
    ap.add_argument("--switch", type=float, default=0.005)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--size", default="", help="workload sizes, e.g. boards=16,moves=6")
    args = ap.parse_args()
    kw = {k: int(v) for k, v in (p.split("=", 1) for p in args.size.split(",") if p)}
    groups, resources = workloads.WORKLOADS[args.workload](**kw)
    makespan, record = MODES[args.mode](plan(groups), resources, args.unit, args)
    json.dump({"makespan": makespan, "steps": sorted(record)}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
