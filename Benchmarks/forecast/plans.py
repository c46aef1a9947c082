#!/usr/bin/env python3
"""Plans for the forecast benchmark (Benchmarks/forecast/run.sh). Deterministic: same arguments, same bytes.

    plans.py generate TASKS [--seed N] [-o FILE]   # a generated plan of TASKS leaf tasks
    plans.py estimated EXAMPLE [-o FILE]           # the example plan with no status, every leaf estimated

`generate`: programs (summaries) of workstreams (summaries) of leaf tasks, each with a three-point
estimate and 1-3 links to earlier leaves of its program (about 1 in 10 SS or FF with a lag of 0-3d);
a milestone closing each workstream, a gate closing each program with a deadline; a risk per ~40
tasks (probability 10-60%, a fixed delay or a three-point one, on one to three tasks or a
milestone); one correlation group per program (its first workstream's first four tasks, 0.5);
Monday-Friday with holidays; one team without a capacity (nothing to level). Links stay inside a program, so the network is a few hundred working
days long whatever its size.

`estimated`: drops `as_of` and every task's status, actual dates and progress (so the whole plan is
still to do), and gives every leaf task with a `duration: Nd` and no estimate
`estimate: {low: max(1, N - N/4)d, likely: Nd, high: N + N/2 + 1d}`.
"""
import argparse
import random
import re
import sys


def parse_size(text):
    text = text.strip().lower()
    scale = {"k": 1000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def generate(total, seed, out):
    rng = random.Random(seed)
    w = out.write
    w("plan: forecast-%d\ntitle: Forecast benchmark, %d tasks\nstart: 2027-01-04\n" % (total, total))
    w("teams:\n  dev: { name: Development }\n")
    w("calendar:\n  workdays: [mon, tue, wed, thu, fri]\n  holidays:\n")
    for year in range(2027, 2031):
        w("    - %d-01-01\n    - %d-12-25\n    - { from: %d-08-09, to: %d-08-13 }\n" % (year, year, year, year))
    program_size = 400
    programs = max(1, (total + program_size - 1) // program_size)
    correlations, risks, body = [], [], []
    made = 0
    risk_number = 0
    for p in range(programs):
        size = min(program_size, total - made)
        if size <= 0:
            break
        leaves = []
        body.append("  - id: p%d\n    title: Program %d\n    owner: dev\n    tasks:\n" % (p, p))
        streams = max(1, size // 40)
        for s in range(streams):
            count = size // streams + (1 if s < size % streams else 0)
            body.append("      - id: p%d-w%d\n        tasks:\n" % (p, s))
            first = []
            for _ in range(count):
                tid = "t%d" % made
                made += 1
                m = rng.randint(1, 10)
                a = max(1, m - rng.randint(0, 3))
                b = m + rng.randint(1, 8)
                links = []
                if leaves:
                    for _ in range(rng.randint(1, 3)):
                        target = leaves[rng.randrange(max(0, len(leaves) - 60), len(leaves))]
                        roll = rng.random()
                        if roll < 0.05:
                            links.append("{ task: %s, type: SS, lag: %dd }" % (target, rng.randint(0, 3)))
                        elif roll < 0.1:
                            links.append("{ task: %s, type: FF, lag: %dd }" % (target, rng.randint(0, 3)))
                        else:
                            links.append(target)
                links = sorted(set(links))
                after = ", after: [%s]" % ", ".join(links) if links else ""
                body.append("          - { id: %s, estimate: { low: %dd, likely: %dd, high: %dd }%s }\n" % (tid, a, m, b, after))
                leaves.append(tid)
                if s == 0 and len(first) < 4:
                    first.append(tid)
                if made % 40 == 0:
                    risk_number += 1
                    prob = rng.randint(1, 6) * 10
                    delay = ("{ low: 1d, likely: %dd, high: %dd }" % (rng.randint(2, 4), rng.randint(5, 10))
                             if rng.random() < 0.5 else "%dd" % rng.randint(1, 6))
                    hit = sorted({leaves[rng.randrange(len(leaves))] for _ in range(rng.randint(1, 3))})
                    risks.append("  - { id: r%d, title: Risk %d, owner: dev, likelihood: 2, impact: 2, status: open, probability: %d%%, "
                                 "delay: %s, affects: [%s] }\n" % (risk_number, risk_number, prob, delay, ", ".join(hit)))
            body.append("          - { id: p%d-w%d-done, milestone: true, after: [%s] }\n"
                        % (p, s, ", ".join(leaves[-min(3, count):])))
            if len(first) >= 2:
                correlations.append("    - { tasks: [%s], coefficient: 0.5 }\n" % ", ".join(first))
        body.append("  - { id: p%d-done, owner: dev, milestone: true, after: [%s], deadline: 2028-06-30 }\n"
                    % (p, ", ".join("p%d-w%d-done" % (p, s) for s in range(streams))))
        risk_number += 1
        risks.append("  - { id: r%d, title: Late sign-off %d, owner: dev, likelihood: 2, impact: 2, status: open, probability: 20%%, "
                     "delay: 3d, affects: [p%d-done] }\n" % (risk_number, p, p))
    w("forecast:\n  correlations:\n")
    w("".join(correlations))
    w("tasks:\n")
    w("".join(body))
    w("risks:\n")
    w("".join(risks))


def estimated(path, out):
    drop = re.compile(r"^\s*(as_of|status|actual_start|actual_finish|progress):")
    lines = open(path).read().splitlines()
    # Tasks that already have an estimate keep it: find them by the `- id:` block they are in.
    blocks, current = {}, None
    for i, line in enumerate(lines):
        if re.match(r"^\s*- id:", line):
            current = i
        blocks[i] = current
    has_estimate = {blocks[i] for i, line in enumerate(lines) if re.match(r"^\s*estimate:", line)}
    for i, line in enumerate(lines):
        if drop.match(line):
            continue
        out.write(line + "\n")
        m = re.match(r"^(\s*)duration: (\d+)d\s*(#.*)?$", line)
        if m and blocks[i] not in has_estimate:
            n = int(m.group(2))
            out.write("%sestimate: { low: %dd, likely: %dd, high: %dd }\n" % (m.group(1), max(1, n - n // 4), n, n + n // 2 + 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("tasks")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("-o", "--output")
    e = sub.add_parser("estimated")
    e.add_argument("example")
    e.add_argument("-o", "--output")
    opts = ap.parse_args()
    out = open(opts.output, "w") if opts.output else sys.stdout
    if opts.command == "generate":
        generate(parse_size(opts.tasks), opts.seed, out)
    else:
        estimated(opts.example, out)
    out.close()


if __name__ == "__main__":
    main()
