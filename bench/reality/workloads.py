"""The reality bench's workloads, in units, shared by the real programs and
the scenario files written for simul.

A workload is a list of groups (name, count, repeat, steps); a step is
("cpu", units), ("wait", units, timeout_units or None), ("yield",),
("acquire", resource) or ("release", resource). One unit is --unit seconds
(1 ms or 10 ms in the bench). Sizes are cut down from the built-in scenarios
so that five runs of every configuration fit in a few minutes.
"""


def chess(boards=24, moves=6):
    # The built-in exhibition: 5 units of the master's thought, 55 of the
    # opponent's, per move.
    return [("board", boards, moves, [("cpu", 5), ("wait", 55, None)])], {}


def laundry(items=30):
    # The built-in laundry (minutes become units) with a 30-item checklist
    # that yields after every item.
    checklist = [("cpu", 5), ("yield",)]
    load = [
        ("acquire", "washer"),
        ("cpu", 3),
        ("wait", 40, None),
        ("acquire", "dryer"),
        ("cpu", 2),
        ("release", "washer"),
        ("wait", 50, None),
        ("cpu", 5),
        ("release", "dryer"),
    ]
    return [("checklist", 1, items, checklist), ("load", 3, 1, load)], {"washer": 1, "dryer": 1}


def webpage():
    # The built-in web page at a tenth of its size: six downloads with a
    # timeout of 300 units, one from a server that never answers in time.
    waits = [("logo", 20), ("banner", 90), ("ad", 12000), ("photo", 150), ("avatar", 40),
             ("chart", 110)]
    return [(n, 1, 1, [("wait", w, 300), ("cpu", 2)]) for n, w in waits], {}


WORKLOADS = {"chess": chess, "laundry": laundry, "webpage": webpage}


def task_names(groups):
    """Task names in file order, as simul names them ("board 3", "checklist")."""
    names = []
    for name, count, _repeat, _steps in groups:
        names += [name] if count == 1 else ["%s %d" % (name, i + 1) for i in range(count)]
    return names


def scenario_yaml(title, groups, resources, unit):
    """The same workload as a simul scenario, durations in microseconds."""
    us = lambda units: "%dus" % round(units * unit * 1e6)
    out = ["name: %s" % title]
    if resources:
        out.append("resources: {%s}" % ", ".join("%s: %d" % kv for kv in resources.items()))
    out.append("tasks:")
    for name, count, repeat, steps in groups:
        out += ["  - name: %s" % name, "    count: %d" % count, "    repeat: %d" % repeat,
                "    steps:"]
        for s in steps:
            if s[0] == "cpu":
                out.append("      - cpu: %s" % us(s[1]))
            elif s[0] == "wait":
                t = ", timeout: %s" % us(s[2]) if s[2] else ""
                out.append("      - {wait: %s%s}" % (us(s[1]), t))
            elif s[0] == "yield":
                out.append("      - yield")
            else:
                out.append("      - %s: %s" % s)
    return "\n".join(out) + "\n"
