#!/usr/bin/env python3
"""PSPLIB `.sm` -> planc plan (docs/language.md "Resources and levelling").

    convert.py INSTANCE.sm [-o PLAN.yaml]

Every day is a working day; one team per resource (`r1` .. `r4`) with the resource's availability
as its `capacity`; one task per job (`j2` ..) with `duration: Nd` and `assign: [{team: r1, units: 2},
...]` for every non-zero request, `after:` from the precedence relations; the dummy source and sink
(duration 0) become milestones; `level: true`. Period p is the day `start + p`. The converted plan
is written to a temporary folder by run.py (`--planc`), never into the project: the data stays in
../shared/psplib.
"""

import argparse
import sys

from psplib import read_sm

START = "2027-01-04"


def plan_text(instance):
    name = instance.name[:-3].replace("_", "-")
    lines = [
        f"plan: psplib-{name}",
        f"title: PSPLIB {instance.name}",
        f"start: {START}",
        "level: true",
        "calendar:",
        "  workdays: [mon, tue, wed, thu, fri, sat, sun]",
        "teams:",
    ]
    for resource, capacity in enumerate(instance.capacities):
        lines.append(f"  r{resource + 1}: {{ name: Resource R{resource + 1}, capacity: {capacity} }}")
    predecessors = {job: [] for job in instance.jobs}
    for job, successors in instance.successors.items():
        for successor in successors:
            predecessors[successor].append(job)
    lines.append("tasks:")
    for job in instance.jobs:
        fields = [f"id: j{job}"]
        if instance.durations[job] == 0:
            fields.append("milestone: true")
        else:
            fields.append(f"duration: {instance.durations[job]}d")
            assign = [f"{{team: r{resource + 1}, units: {units}}}" for resource, units in enumerate(instance.demands[job]) if units > 0]
            if assign:
                fields.append(f"owner: r{next(r for r, u in enumerate(instance.demands[job]) if u > 0) + 1}")
                fields.append("assign: [" + ", ".join(assign) + "]")
        if predecessors[job]:
            fields.append("after: [" + ", ".join(f"j{p}" for p in sorted(predecessors[job])) + "]")
        lines.append("  - { " + ", ".join(fields) + " }")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("instance")
    parser.add_argument("-o", "--output")
    arguments = parser.parse_args()
    text = plan_text(read_sm(arguments.instance))
    if arguments.output:
        with open(arguments.output, "w") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
