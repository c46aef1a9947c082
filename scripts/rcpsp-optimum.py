#!/usr/bin/env python3
"""Exact optima of small random levelling problems, for Tests/PlanKitTests/LevellerOptimumFixture.swift.

    pip install ortools
    python3 scripts/rcpsp-optimum.py [--count 12] [--seed 13] > Tests/PlanKitTests/LevellerOptimumFixture.swift

Generates `count` instances of at most 12 activities in the shape of planc's `LevellingProblem`:
2 resources whose capacity drops for a while (an absence), demands within the maximum, links of all
four types with lags (some negative), release dates, one fixed activity (started work), equal
priorities; and solves each to optimality with OR-Tools CP-SAT (makespan = the latest finish).
The semantics are those of Sources/PlanKit/Levelling: a link binds the successor's point
(start for FS/SS, finish for FF/SF) to at least the predecessor's point plus the lag; a link into
a fixed activity binds nothing; a milestone (duration 0) uses nothing; capacity is piecewise
constant (before the first change, the first change's units). The Swift test needs no Python.
"""

import argparse
import random
import sys

from ortools.sat.python import cp_model

TYPES = ["FS", "SS", "FF", "SF"]


def generate(rng):
    count = rng.randint(6, 12)
    resources = []
    for _ in range(2):
        units = rng.choice([2000, 3000, 4000])
        low, start = rng.randint(0, units // 1000 - 1) * 1000, rng.randint(2, 8)
        resources.append([(0, units), (start, max(low, 1000)), (start + rng.randint(2, 6), units)])
    activities = []
    for index in range(count):
        duration = 0 if rng.random() < 0.1 else rng.randint(1, 6)
        demands = []
        for resource, capacity in enumerate(resources):
            if rng.random() < 0.7:
                demands.append((resource, rng.randint(1, max(c for _, c in capacity) // 1000) * 1000 // rng.choice([1, 1, 2])))
        release = rng.choice([0, 0, 0, rng.randint(1, 5)])
        activities.append({"duration": duration, "demands": demands, "release": release, "fixed": None})
    # One started activity at period 0 using one unit of resource 0 (within the capacity).
    activities[0]["fixed"] = 0
    activities[0]["duration"] = max(1, activities[0]["duration"])
    activities[0]["demands"] = [(0, 1000)]
    links = []
    for to in range(1, count):
        for _ in range(rng.randint(0, 2)):
            frm = rng.randrange(0, to)
            kind = rng.choice(TYPES)
            lag = rng.choice([0, 0, 1, 2, -1])
            links.append((frm, to, kind, lag))
    return {"activities": activities, "links": links, "resources": resources}


def capacity_at(changes, period):
    units = changes[0][1]
    for start, value in changes:
        if start <= period:
            units = value
    return units


def solve(instance):
    activities, links, resources = instance["activities"], instance["links"], instance["resources"]
    horizon = sum(a["duration"] for a in activities) + max(a["release"] for a in activities) + 3 * len(links) + 20
    model = cp_model.CpModel()
    starts, intervals = [], []
    for index, activity in enumerate(activities):
        if activity["fixed"] is not None:
            start = model.NewConstant(activity["fixed"])
        else:
            start = model.NewIntVar(activity["release"], horizon, f"s{index}")
        starts.append(start)
        intervals.append(model.NewFixedSizeIntervalVar(start, activity["duration"], f"i{index}"))
    for frm, to, kind, lag in links:
        if activities[to]["fixed"] is not None:
            continue
        d_from, d_to = activities[frm]["duration"], activities[to]["duration"]
        point_from = starts[frm] + (d_from if kind in ("FS", "FF") else 0)
        point_to = starts[to] + (d_to if kind in ("FF", "SF") else 0)
        model.Add(point_to >= point_from + lag)
    for resource, changes in enumerate(resources):
        peak = max(units for _, units in changes)
        used, demands = [], []
        for index, activity in enumerate(activities):
            for r, units in activity["demands"]:
                if r == resource and units > 0 and activity["duration"] > 0:
                    used.append(intervals[index])
                    demands.append(units)
        # The capacity below the peak is taken by fixed blocks, period by period up to the horizon.
        for period in range(horizon + 1):
            missing = peak - capacity_at(changes, period)
            if missing > 0:
                used.append(model.NewFixedSizeIntervalVar(period, 1, f"gap{resource}_{period}"))
                demands.append(missing)
        model.AddCumulative(used, demands, peak)
    finish = model.NewIntVar(0, 2 * horizon, "finish")
    for index, activity in enumerate(activities):
        model.Add(finish >= starts[index] + activity["duration"])
    model.Minimize(finish)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = 60
    status = solver.Solve(model)
    if status != cp_model.OPTIMAL:
        raise SystemExit("rcpsp-optimum.py: an instance was not solved to optimality")
    return int(solver.Value(finish))


def swift(instances):
    lines = [
        "// GENERATED by `python3 scripts/rcpsp-optimum.py " + " ".join(sys.argv[1:]) + "` (OR-Tools CP-SAT): do not edit.",
        "// Small random levelling problems and their exact optimal finish, for LevellerTests.",
        "@testable import PlanKit",
        "",
        "enum LevellerOptimumFixture {",
        "    static let instances: [(problem: LevellingProblem, optimum: Int)] = [",
    ]
    for instance, optimum in instances:
        acts = []
        for a in instance["activities"]:
            demands = ", ".join(f".init(resource: {r}, units: {u})" for r, u in a["demands"])
            fixed = f", fixedStart: {a['fixed']}" if a["fixed"] is not None else ""
            acts.append(f".init(duration: {a['duration']}, demands: [{demands}], release: {a['release']}{fixed})")
        types = {"FS": ".finishToStart", "SS": ".startToStart", "FF": ".finishToFinish", "SF": ".startToFinish"}
        links = ", ".join(f".init(from: {f}, to: {t}, type: {types[k]}, lag: {l})" for f, t, k, l in instance["links"])
        resources = ", ".join(".init(capacity: [" + ", ".join(f".init(from: {s}, units: {u})" for s, u in changes) + "])"
                              for changes in instance["resources"])
        lines.append("        (LevellingProblem(")
        lines.append("            activities: [")
        for act in acts:
            lines.append(f"                {act},")
        lines.append("            ],")
        lines.append(f"            links: [{links}],")
        lines.append(f"            resources: [{resources}]), {optimum}),")
    lines += ["    ]", "}", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=13)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    instances = []
    for _ in range(arguments.count):
        instance = generate(rng)
        instances.append((instance, solve(instance)))
    sys.stdout.write(swift(instances))


if __name__ == "__main__":
    main()
