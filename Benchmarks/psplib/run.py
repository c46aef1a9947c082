#!/usr/bin/env python3
"""The levelling benchmark on PSPLIB (docs/performance.md, "Levelling (PSPLIB)"). Not run in CI.

    run.py [--set j30|j120|all] [--every N] [--search lft|fbi|sampling|genetic] [--schedules N]
           [--no-build] [--jobs N] [--planc]

Levels every instance of ../shared/psplib (or $PSPLIB_DIR) with the release build of planc's
levelling engine (`planc-bench`, the engine on the `.sm` file), checks every schedule with the
independent checker (check.py), and prints, per set: the average deviation of the makespan from
the optimum (j30) or from the critical-path lower bound and the best known upper bound (j120), the
number of instances solved to the optimum, and the engine's time per instance (mean and worst).
`--every 10` takes every 10th instance, for iterating; the figures in docs/performance.md are
from full runs.

`--planc` levels through the compiler instead: each instance converted to a plan (convert.py, in
$BENCH_DIR, default /tmp/planc-bench/psplib) and scheduled by the release `planc schedule --level
--format json`; the time per instance is then the whole command's (parse, schedule, levelling,
JSON). The dummy source and sink are placed at 0 and the makespan.
"""

import argparse
import json
import os
import subprocess
import sys
import datetime
import time

from check import faults
from convert import START, plan_text
from psplib import DATA, read_optima, read_sm

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def instances(set_name, every):
    folder = os.path.join(DATA, set_name)
    names = sorted((name for name in os.listdir(folder) if name.endswith(".sm")),
                   key=lambda name: [int(part) for part in name[len(set_name):-3].split("_")])
    return [os.path.join(folder, name) for name in names[::every]]


def level(binary, paths, options, jobs):
    """One planc-bench process per slice of the files, `jobs` at a time; JSON lines back."""
    slices = [paths[index::jobs] for index in range(jobs)]
    processes = [subprocess.Popen([binary, *options, *part], stdout=subprocess.PIPE, text=True) for part in slices if part]
    results = {}
    for process in processes:
        output, _ = process.communicate()
        if process.returncode != 0:
            sys.exit(f"run.py: planc-bench failed ({process.returncode})")
        for line in output.splitlines():
            record = json.loads(line)
            results[record["instance"]] = record
    return results


def level_with_planc(binary, paths):
    folder = os.path.join(os.environ.get("BENCH_DIR", "/tmp/planc-bench"), "psplib")
    os.makedirs(folder, exist_ok=True)
    origin = datetime.date.fromisoformat(START)
    results = {}
    for path in paths:
        instance = read_sm(path)
        plan = os.path.join(folder, instance.name[:-3] + ".yaml")
        with open(plan, "w") as handle:
            handle.write(plan_text(instance))
        started = time.monotonic()
        done = subprocess.run([binary, "schedule", "--level", "--format", "json", plan], capture_output=True, text=True)
        seconds = time.monotonic() - started
        if done.returncode != 0:
            sys.exit(f"run.py: planc schedule failed on {plan}: {done.stderr.strip()}")
        tasks = {task["id"]: task for task in json.loads(done.stdout)["tasks"]}
        starts = {}
        for job in instance.jobs:
            if instance.durations[job] > 0:
                starts[job] = (datetime.date.fromisoformat(tasks[f"j{job}"]["start"]) - origin).days
        makespan = max(starts[job] + instance.durations[job] for job in starts)
        for job in instance.jobs:
            if instance.durations[job] == 0:
                starts[job] = makespan if not instance.successors.get(job) else 0
        results[instance.name] = {"instance": instance.name, "makespan": makespan, "critical_path": instance.critical_path(),
                                  "seconds": seconds, "starts": [starts[job] for job in instance.jobs]}
    return results


def report(set_name, paths, results, wall):
    optima = read_optima(set_name)
    deviations_optimum, deviations_cp, deviations_upper = [], [], []
    optimal, infeasible, times, cpu = 0, 0, [], []
    for path in paths:
        instance = read_sm(path)
        record = results[instance.name]
        starts = dict(zip(instance.jobs, record["starts"]))
        problems = faults(instance, starts, record["makespan"])
        if problems:
            infeasible += 1
            print(f"INFEASIBLE {instance.name}: {problems[0]} ({len(problems)} faults)")
        makespan = record["makespan"]
        lower, upper = optima[instance.name]
        cp = instance.critical_path()
        if cp != record["critical_path"]:
            print(f"MISMATCH {instance.name}: critical path {record['critical_path']}, the checker's {cp}")
        deviations_cp.append(100.0 * (makespan - cp) / cp)
        deviations_upper.append(100.0 * (makespan - upper) / upper)
        if lower == upper:
            deviations_optimum.append(100.0 * (makespan - lower) / lower)
        if makespan <= (lower if lower is not None else cp):
            optimal += 1
        times.append(record["seconds"])
        cpu.append(record.get("cpu_seconds", record["seconds"]))
    count = len(paths)
    mean = lambda values: sum(values) / len(values) if values else float("nan")
    print(f"{set_name}: {count} instances, {infeasible} infeasible")
    if set_name == "j30":
        print(f"  deviation from the optimum: {mean(deviations_optimum):.2f} % (max {max(deviations_optimum):.2f} %)")
    else:
        print(f"  deviation from the critical-path bound: {mean(deviations_cp):.2f} %")
        print(f"  deviation from the best known upper bound: {mean(deviations_upper):.2f} %")
        known = len(deviations_optimum)
        print(f"  deviation from the optimum where known ({known}): {mean(deviations_optimum):.2f} %")
    print(f"  at the optimum (or best lower bound): {optimal} of {count}")
    print(f"  time per instance: wall mean {mean(times):.3f} s, max {max(times):.3f} s; "
          f"CPU mean {mean(cpu):.3f} s, max {max(cpu):.3f} s; run wall {wall:.1f} s")
    return infeasible


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="all", choices=["j30", "j120", "all"])
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--search", default=None)
    parser.add_argument("--schedules", default=None)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="instances levelled at once (each uses up to 2 threads)")
    parser.add_argument("--planc", action="store_true", help="level converted plans with `planc schedule --level`")
    arguments = parser.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"run.py: PSPLIB data not found at {os.path.normpath(DATA)} (set PSPLIB_DIR); nothing measured")
    product = "planc" if arguments.planc else "planc-bench"
    if not arguments.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True)
    binary = os.environ.get("PLANC_BIN") or os.path.join(ROOT, ".build", "release", product)
    options = []
    if arguments.search:
        options += ["--search", arguments.search]
    if arguments.schedules:
        options += ["--schedules", arguments.schedules]
    failed = 0
    for set_name in (["j30", "j120"] if arguments.set == "all" else [arguments.set]):
        paths = instances(set_name, arguments.every)
        started = time.monotonic()
        results = level_with_planc(binary, paths) if arguments.planc else level(binary, paths, options, arguments.jobs)
        failed += report(set_name, paths, results, time.monotonic() - started)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
