#!/usr/bin/env python3
"""A generated portfolio for planc: P plans of N tasks sharing T teams, with L cross-plan links.

    generate.py OUT_DIR [--plans 50] [--tasks 1000] [--teams 10] [--links 200] [--seed 1]

Writes OUT_DIR/pmo.yaml and OUT_DIR/plan-NN.yaml. Each plan: N leaf tasks of 1-10 working days in
10 streams, each task after a stream's first with finish-to-start links to 1-2 of the 30 tasks
before it in its stream; one of its own teams (capacity 3) and the shared teams; every task uses
one team (a shared team one time in three) with 1 unit. Cross-plan links go from a task in the
second half of plan j to a task in the first half of plan k > j (always forward, so no cycle),
spread evenly over the plans, each with a lag of 0-2 working days. Every other plan works a
Sunday-Thursday week, so links cross calendars. Deterministic: the same arguments give the
same bytes.
"""
import argparse, os, random

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--links", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    shared = [f"shared{t:02d}" for t in range(args.teams)]
    cross = {}
    for _ in range(args.links):
        j = rng.randrange(args.plans - 1)
        k = rng.randrange(j + 1, args.plans)
        cross.setdefault(k, []).append((j, rng.randrange(args.tasks // 2, args.tasks), rng.randrange(args.tasks // 2), rng.randrange(3)))
    names = []
    for p in range(args.plans):
        name = f"plan-{p:02d}.yaml"
        names.append(name)
        lines = [f"plan: plan-{p:02d}", f"title: Generated plan {p}", f"priority: {rng.randrange(1, 1001)}", "start: 2027-01-04"]
        if p % 2:
            lines.append("calendar: { workdays: [sun, mon, tue, wed, thu] }")
        lines += ["teams:", f"  own{p:02d}: {{ capacity: 3 }}", "tasks:"]
        incoming = {}
        for (j, pred, succ, lag) in cross.get(p, []):
            incoming.setdefault(succ, []).append((j, pred, lag))
        for i in range(args.tasks):
            team = rng.choice(shared) if rng.random() < 1 / 3 else f"own{p:02d}"
            after = []
            stream = i % 10
            if i >= 10:
                candidates = [i - 10 * d for d in range(1, 4) if i - 10 * d >= 0]
                for c in rng.sample(candidates, min(len(candidates), rng.randrange(1, 3))):
                    after.append(f"t{c}")
            for (j, pred, lag) in incoming.get(i, []):
                after.append(f"{{ task: plan-{j:02d}:t{pred}, lag: {lag}d }}" if lag else f"plan-{j:02d}:t{pred}")
            text = f"  - {{ id: t{i}, duration: {rng.randrange(1, 11)}d, owner: {team}"
            if after:
                text += ", after: [" + ", ".join(after) + "]"
            lines.append(text + " }")
        with open(os.path.join(args.out, name), "w") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(args.out, "pmo.yaml"), "w") as f:
        f.write("portfolio: bench\ntitle: Generated portfolio\nplans: [\"plan-*.yaml\"]\nteams:\n")
        for team in shared:
            f.write(f"  {team}: {{ capacity: {rng.randrange(4, 9)} }}\n")

if __name__ == "__main__":
    main()
