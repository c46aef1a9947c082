#!/usr/bin/env python3
"""An independent feasibility check of a levelled PSPLIB schedule: every precedence (finish to
start), every resource within its availability on every period, no negative start, and the
makespan claimed is the schedule's. Written from the PSPLIB format alone, sharing nothing with
planc but the file.

    check.py INSTANCE.sm START_1 START_2 ... [--makespan N]    (exit 1 and the faults when infeasible)
Used as a module by run.py: `faults(instance, starts, makespan)`.
"""

import sys

from psplib import read_sm


def faults(instance, starts, makespan=None):
    """starts: job -> start period. Returns a list of faults (empty when feasible)."""
    found = []
    jobs = instance.jobs
    if sorted(starts) != jobs:
        return [f"starts given for {len(starts)} jobs, the instance has {len(jobs)}"]
    for job in jobs:
        if starts[job] < 0:
            found.append(f"job {job} starts at {starts[job]} < 0")
        for successor in instance.successors.get(job, []):
            if starts[successor] < starts[job] + instance.durations[job]:
                found.append(f"job {successor} starts at {starts[successor]} before job {job} finishes at "
                             f"{starts[job] + instance.durations[job]}")
    horizon = max(starts[job] + instance.durations[job] for job in jobs)
    for resource, capacity in enumerate(instance.capacities):
        usage = [0] * (horizon + 1)
        for job in jobs:
            units = instance.demands[job][resource]
            for period in range(starts[job], starts[job] + instance.durations[job]):
                usage[period] += units
        for period, used in enumerate(usage):
            if used > capacity:
                found.append(f"resource R{resource + 1} uses {used} > {capacity} in period {period}")
    if makespan is not None and makespan != horizon:
        found.append(f"makespan claimed {makespan}, the schedule's is {horizon}")
    return found


def main():
    arguments = sys.argv[1:]
    makespan = None
    if "--makespan" in arguments:
        at = arguments.index("--makespan")
        makespan = int(arguments[at + 1])
        del arguments[at:at + 2]
    instance = read_sm(arguments[0])
    starts = {job: int(value) for job, value in zip(instance.jobs, arguments[1:])}
    problems = faults(instance, starts, makespan)
    for problem in problems:
        print(f"{instance.name}: {problem}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
