#!/usr/bin/env python3
"""simul calibrate: measure CPython's fixed costs on this machine and write
them as a simul profile (YAML). Standard library only.

    python3 calibrate.py [-o profile.yaml] [--quick]

Each figure is the median of many trials, so one preempted trial on a busy
machine does not move it. What each key means is in the simul README
("Profiles"); in short:
  timer_resolution  an idle asyncio loop's sleep is rounded up to this (epoll: 1 ms)
  timer_late        ...and it wakes this much later still
  loop_hop          one trip of a task through asyncio's ready queue
  sleep_late        time.sleep(d) returns this much after d
  cpu_scale         wall time per second of cpu work (above 1 on a busy machine)
  step_cost         a busy cpu step's overrun (call and loop set-up)
  thread_start      threading.Thread(...).start() until the thread runs
  process_start     starting one worker process (fork) until it runs
  task_memory       bytes one asyncio task and its coroutine hold
  thread_stack      bytes a thread's stack reserves (virtual)
  thread_memory     bytes a thread actually adds to the resident size
  process_memory    resident bytes of one more interpreter process
"""
import argparse
import asyncio
import datetime
import math
import multiprocessing
import os
import platform
import resource
import selectors
import statistics
import sys
import threading
import time
import tracemalloc


def median(xs):
    return statistics.median(xs)


# --- time ---------------------------------------------------------------------

def timer_resolution():
    # asyncio's selector on Linux is epoll, whose select() rounds the timeout
    # up to whole milliseconds (selectors.EpollSelector.select).
    sel = selectors.DefaultSelector()
    name = type(sel).__name__
    sel.close()
    return 0.001 if name in ("EpollSelector", "PollSelector", "DevpollSelector") else 0.0


def timer_late(trials, resolution):
    async def main():
        out = []
        for i in range(trials):
            d = 0.002 + 0.0001 * (i % 10)
            start = time.perf_counter()
            await asyncio.sleep(d)
            elapsed = time.perf_counter() - start
            # The loop sleeps ceil(d) (the time to the timer, just under d,
            # rounded up), then wakes `late` after it.
            rounded = math.ceil((d - 1e-5) / resolution) * resolution if resolution else d
            out.append(elapsed - rounded)
        return out

    return max(0.0, median(asyncio.run(main())))


def loop_hop(trips):
    async def worker(n):
        for _ in range(n):
            await asyncio.sleep(0)

    async def main(ntasks):
        start = time.perf_counter()
        await asyncio.gather(*(worker(trips // ntasks) for _ in range(ntasks)))
        return (time.perf_counter() - start) / trips

    # Ten tasks share each loop iteration's select(0), as a busy loop's do.
    return median([asyncio.run(main(10)) for _ in range(5)])


def sleep_late(trials):
    out = []
    for i in range(trials):
        d = 0.001 + 0.0001 * (i % 10)
        start = time.perf_counter()
        time.sleep(d)
        out.append(time.perf_counter() - start - d)
    return max(0.0, median(out))


def cpu_step(seconds):
    # A fixed amount of this thread's CPU time, as bench/reality's programs
    # run a cpu step: on a busy machine the wall clock stretches around it.
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def cpu_costs(trials):
    """(cpu_scale, step_cost): a line through the wall time of 1 ms and 5 ms steps."""
    short = median([timed(cpu_step, 0.001) for _ in range(trials)])
    long_ = median([timed(cpu_step, 0.005) for _ in range(trials)])
    scale = max(1.0, (long_ - short) / 0.004)
    return scale, max(0.0, short - scale * 0.001)


def timed(f, *args):
    start = time.perf_counter()
    f(*args)
    return time.perf_counter() - start


def thread_start(trials):
    out = []
    for _ in range(trials):
        started = threading.Event()
        t = threading.Thread(target=started.set)
        start = time.perf_counter()
        t.start()
        started.wait()
        out.append(time.perf_counter() - start)
        t.join()
    return median(out)


def _child_ready(conn):
    conn.send(time.perf_counter())
    conn.close()


def process_start(trials):
    ctx = multiprocessing.get_context()
    out = []
    for _ in range(trials):
        parent, child = ctx.Pipe(duplex=False)
        start = time.perf_counter()
        p = ctx.Process(target=_child_ready, args=(child,))
        p.start()
        began = parent.recv()
        out.append(began - start)
        p.join()
    return median(out)


# --- memory ---------------------------------------------------------------------

def rss_bytes(pid="self"):
    with open("/proc/%s/statm" % pid) as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def task_memory(n):
    async def idle(ev):
        await ev.wait()

    async def main():
        ev = asyncio.Event()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tasks = [asyncio.ensure_future(idle(ev)) for _ in range(n)]
        await asyncio.sleep(0)  # every task started and parked on the event
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        ev.set()
        await asyncio.gather(*tasks)
        return (after - before) / n

    return int(asyncio.run(main()))


def thread_stack():
    size = threading.stack_size()
    if size:
        return size
    soft, _hard = resource.getrlimit(resource.RLIMIT_STACK)
    # glibc sizes a default thread stack from RLIMIT_STACK (8 MiB when unlimited).
    return soft if soft not in (resource.RLIM_INFINITY, -1) else 8 << 20


def thread_memory(n):
    ev = threading.Event()
    before = rss_bytes()
    threads = [threading.Thread(target=ev.wait) for _ in range(n)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    after = rss_bytes()
    ev.set()
    for t in threads:
        t.join()
    return max(0, int((after - before) / n))


def _child_idle(conn):
    conn.send(os.getpid())
    conn.recv()


def process_memory():
    # A worker started the way multiprocessing starts one (fork on Linux);
    # its resident size counts the pages it shares with the parent too, as
    # the operating system's RSS does.
    ctx = multiprocessing.get_context()
    a, b = ctx.Pipe()
    p = ctx.Process(target=_child_idle, args=(b,))
    p.start()
    pid = a.recv()
    time.sleep(0.05)
    size = rss_bytes(pid)
    a.send(None)
    p.join()
    return size


# --- the profile ----------------------------------------------------------------------

def machine():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cpus, %s %s" % (model, os.cpu_count() or 0, platform.system(), platform.release())


def us(seconds):
    return "%dus" % round(seconds * 1e6)


def main():
    ap = argparse.ArgumentParser(description="measure CPython's costs; write a simul profile")
    ap.add_argument("-o", "--output", default="-", help="the profile to write (default: stdout)")
    ap.add_argument("--quick", action="store_true", help="fewer trials (a rougher profile)")
    args = ap.parse_args()
    k = 1 if args.quick else 4
    res = timer_resolution()
    scale, cost = cpu_costs(30 * k)
    values = [
        ("timer_resolution", us(res), "the epoll selector rounds an idle loop's sleep up to this"),
        ("timer_late", us(timer_late(50 * k, res)), "an idle loop wakes this much after that"),
        ("loop_hop", us(loop_hop(20000 * k)), "one trip of a task through the ready queue"),
        ("sleep_late", us(sleep_late(50 * k)), "time.sleep(d) returns this much after d"),
        ("cpu_scale", "%.3f" % scale, "wall time per second of cpu work (1: a quiet machine)"),
        ("step_cost", us(cost), "a busy cpu step's overrun"),
        ("thread_start", us(thread_start(50 * k)), "Thread.start() until the thread runs"),
        ("process_start", us(process_start(5 * k)), "a worker process started until it runs"),
        ("task_memory", str(task_memory(2000 * k)), "bytes: an asyncio task and its coroutine"),
        ("thread_stack", str(thread_stack()), "bytes reserved (virtual) per thread stack"),
        ("thread_memory", str(thread_memory(50 * k)), "bytes resident per thread"),
        ("process_memory", str(process_memory()), "bytes resident per interpreter process"),
    ]
    lines = [
        "# simul profile, measured by `simul calibrate` on %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "# python: %s %s" % (platform.python_implementation(), sys.version.split()[0]),
        "# machine: %s" % machine(),
        "# Medians of many trials; a busy machine makes them larger.",
    ]
    width = max(len(k) for k, _, _ in values)
    for key, value, why in values:
        lines.append("%-*s %-10s # %s" % (width + 1, key + ":", value, why))
    text = "\n".join(lines) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        tmp = args.output + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
