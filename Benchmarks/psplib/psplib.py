"""Reading PSPLIB single-mode `.sm` files and their optimum tables (../shared/psplib).

Shared by convert.py, check.py and run.py. Jobs keep PSPLIB's numbering (1 .. n, 1 and n the dummy
source and sink); resources are 0-based (R 1 is resource 0).
"""

import csv
import os

DATA = os.environ.get("PSPLIB_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "psplib"))


class Instance:
    def __init__(self, name, durations, demands, successors, capacities):
        self.name = name
        self.durations = durations      # job -> periods
        self.demands = demands          # job -> [units per resource]
        self.successors = successors    # job -> [jobs]
        self.capacities = capacities    # [units per resource]

    @property
    def jobs(self):
        return sorted(self.durations)

    def critical_path(self):
        """The longest path of durations along the precedences, ignoring resources."""
        finish = {}
        predecessors = {job: [] for job in self.jobs}
        for job, successors in self.successors.items():
            for successor in successors:
                predecessors[successor].append(job)
        for job in topological(self.jobs, self.successors):
            start = max((finish[p] for p in predecessors[job]), default=0)
            finish[job] = start + self.durations[job]
        return max(finish.values(), default=0)


def topological(jobs, successors):
    indegree = {job: 0 for job in jobs}
    for job in jobs:
        for successor in successors.get(job, []):
            indegree[successor] += 1
    ready = sorted(job for job in jobs if indegree[job] == 0)
    order = []
    while ready:
        job = ready.pop(0)
        order.append(job)
        for successor in successors.get(job, []):
            indegree[successor] -= 1
            if indegree[successor] == 0:
                ready.append(successor)
    if len(order) != len(jobs):
        raise ValueError("precedence cycle")
    return order


def read_sm(path):
    section = None
    durations, demands, successors, capacities = {}, {}, {}, []
    with open(path) as handle:
        for line in handle:
            if line.startswith("PRECEDENCE RELATIONS"):
                section = "precedence"
                continue
            if line.startswith("REQUESTS/DURATIONS"):
                section = "requests"
                continue
            if line.startswith("RESOURCEAVAILABILITIES"):
                section = "availabilities"
                continue
            if line.startswith("*"):
                section = None
                continue
            fields = line.split()
            if not fields or not all(field.lstrip("-").isdigit() for field in fields):
                continue
            numbers = [int(field) for field in fields]
            if section == "precedence":
                successors[numbers[0]] = numbers[3:]
            elif section == "requests":
                durations[numbers[0]] = numbers[2]
                demands[numbers[0]] = numbers[3:]
            elif section == "availabilities":
                capacities = numbers
    if not durations or not capacities:
        raise ValueError(f"{path}: not a PSPLIB single-mode file")
    return Instance(os.path.basename(path), durations, demands, successors, capacities)


def read_optima(set_name):
    """instance name -> (lower, upper): equal when the optimum is known; lower is None when the
    table gives only an upper bound (`..103`)."""
    table = {}
    with open(os.path.join(DATA, set_name, "optimum", "optimum.csv")) as handle:
        for row in csv.DictReader(handle):
            value = row["optimum"].strip()
            if ".." in value:
                lower, upper = value.split("..")
                table[row["problem"]] = (int(lower) if lower else None, int(upper))
            else:
                table[row["problem"]] = (int(value), int(value))
    return table
