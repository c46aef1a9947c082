#!/usr/bin/env python3
"""`planc forecast` side by side with the pmcontrols package (PERT-beta, lambda = 4) on the same network.

Generates two activity networks (seeded): 1,000 tasks, and 89 tasks (the size of the example plan;
plans/perp-v2-launch.yaml has only two estimates, so it is not used). Every task has a three-point
estimate in working days and 1-3 finish-to-start predecessors among the 60 tasks before it; the plan
has a Monday-Friday calendar and no holidays, so a finish of D working days falls on the D-th
working day. The same network goes through
  * pmcontrols.pert(activities, n_sim=N, seed=1): continuous PERT-beta durations (alpha + beta = 6,
    i.e. lambda = 4), a forward pass, np.percentile of the finish;
  * this script's numpy reference: the same PERT-beta draws rounded to whole days (halves up, at
    least 1) as DESIGN.md specifies, a forward pass, Pk = the smallest day on which at least k% of
    iterations have finished;
  * `planc forecast --format json --iterations N --seed 1` on the plan with
    `forecast: {distribution: pert}` (PLANC overrides the binary; default .build/release/planc if
    built, else .build/debug/planc).
Prints P50/P80/P95 of the finish in working days from each and the wall time of pmcontrols and of
planc (time.perf_counter, the whole process for planc: parse, compile, simulate, write) for the same
iteration count. Exits 1 when planc's percentiles are more than one working day from the rounded
reference, or pmcontrols' (continuous, so up to a day below: a finish at 23.4 days is on day 24)
more than one day from it.

    scripts/check-pmcontrols.py                    # 10,000 iterations
    scripts/check-pmcontrols.py --iterations 20000 --keep DIR
"""
import argparse
import datetime as dt
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

try:
    import pmcontrols as pm
except ImportError:
    sys.exit("check-pmcontrols: pip install pmcontrols")

START = dt.date(2027, 1, 4)         # a Monday


def network(n, seed):
    rng = np.random.default_rng(seed)
    acts = []
    for i in range(n):
        m = int(rng.integers(1, 11))
        a = max(1, m - int(rng.integers(0, 4)))
        b = m + int(rng.integers(1, 8))
        k = 0 if i == 0 else int(rng.integers(1, 4))
        lo = max(0, i - 60)
        preds = sorted({"t%d" % int(rng.integers(lo, i)) for _ in range(k)}) if i else []
        acts.append({"id": "t%d" % i, "a": a, "m": m, "b": b, "predecessors": preds})
    return acts


def to_yaml(acts, name):
    out = ["plan: %s" % name, "start: %s" % START.isoformat(),
           "calendar:", "  workdays: [mon, tue, wed, thu, fri]", "forecast:", "  distribution: pert", "tasks:"]
    for x in acts:
        out.append("  - id: %s" % x["id"])
        out.append("    duration: %dd" % x["m"])
        out.append("    estimate: {low: %dd, likely: %dd, high: %dd}" % (x["a"], x["m"], x["b"]))
        if x["predecessors"]:
            out.append("    after: [%s]" % ", ".join(x["predecessors"]))
    return "\n".join(out) + "\n"


def reference(acts, n, seed):
    """Rounded PERT-beta draws and a forward pass (FS, no lags): the finish in working days."""
    rng = np.random.default_rng([seed, 0xbeef])
    ef = {}
    for x in acts:
        a, m, b = x["a"], x["m"], x["b"]
        al = 1 + 4 * (m - a) / (b - a)
        be = 1 + 4 * (b - m) / (b - a)
        d = np.maximum(1, np.floor(a + (b - a) * rng.beta(al, be, n) + 0.5))
        es = np.maximum.reduce([ef[p] for p in x["predecessors"]]) if x["predecessors"] else np.zeros(n)
        ef[x["id"]] = es + d
    fin = np.sort(np.maximum.reduce(list(ef.values())))
    return {k: int(fin[-(-k * n // 100) - 1]) for k in (50, 80, 95)}


def working_days(iso):
    """The working day (1 = the plan's first) a date is, Monday-Friday, no holidays."""
    d = dt.date.fromisoformat(iso)
    days = (d - START).days
    return days // 7 * 5 + min(days % 7, 4) + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iterations", type=int, default=10000)
    ap.add_argument("--keep", metavar="DIR")
    opts = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    rel = os.path.join(here, "..", ".build", "release", "planc")
    planc = os.environ.get("PLANC", rel if os.access(rel, os.X_OK) else os.path.join(here, "..", ".build", "debug", "planc"))
    tmp = opts.keep or tempfile.mkdtemp(prefix="check-pmcontrols-")
    os.makedirs(tmp, exist_ok=True)
    n = opts.iterations
    bad = False
    print("iterations %d; pmcontrols %s; planc %s" % (n, pm.__version__, os.path.relpath(planc)))
    print("%-10s %-28s %-22s %-22s %s" % ("network", "pmcontrols P50/P80/P95", "rounded ref", "planc", "time pmcontrols / planc"))
    for size, seed in ((1000, 1), (89, 2)):
        acts = network(size, seed)
        path = os.path.join(tmp, "pm-%d.yaml" % size)
        with open(path, "w") as f:
            f.write(to_yaml(acts, "pm-%d" % size))
        t0 = time.perf_counter()
        r = pm.pert(acts, n_sim=n, seed=1)
        t_pm = time.perf_counter() - t0
        pmv = {k: r.stats["mc_p%d" % k] for k in (50, 80, 95)}
        ref = reference(acts, n, seed)
        t0 = time.perf_counter()
        pr = subprocess.run([planc, "forecast", "--format", "json", "--iterations", str(n), "--seed", "1", path],
                            capture_output=True, text=True)
        t_planc = time.perf_counter() - t0
        try:
            got = json.loads(pr.stdout)
            pv = {k: working_days(got["finish"]["p%d" % k]) for k in (50, 80, 95)}
            ptxt = "%d / %d / %d" % (pv[50], pv[80], pv[95])
        except (ValueError, KeyError):
            pv = None
            ptxt = "exit %d: %s" % (pr.returncode, (pr.stderr.strip().splitlines() or ["no output"])[0][:60])
        print("%-10s %-28s %-22s %-22s %.2f s / %.2f s%s" % (
            "%d tasks" % size, "%.1f / %.1f / %.1f" % (pmv[50], pmv[80], pmv[95]),
            "%d / %d / %d" % (ref[50], ref[80], ref[95]), ptxt, t_pm, t_planc,
            "  (planc %.2fx the speed of pmcontrols)" % (t_pm / t_planc) if pv else ""))
        for k in (50, 80, 95):
            if abs(math.ceil(pmv[k]) - ref[k]) > 1:
                print("  P%d: pmcontrols %.2f (day %d) vs rounded reference %d" % (k, pmv[k], math.ceil(pmv[k]), ref[k]))
                bad = True
            if pv is not None and abs(pv[k] - ref[k]) > 1:
                print("  P%d: planc day %d vs rounded reference %d" % (k, pv[k], ref[k]))
                bad = True
        if pv is None:
            bad = True
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
