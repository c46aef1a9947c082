#!/usr/bin/env python3
"""Check `planc forecast` against an independent Monte Carlo simulation of DESIGN.md "Schedule confidence".

Written from DESIGN.md and the forecast contract (issue 14), without reading planc's Swift. For each
seed: generate a random plan with scripts/crosscheck.py's generator (summaries, gates, all link
types, team calendars, a status date with done and in-progress work, deadlines), add three-point
estimates (some on in-progress tasks), open risks with a probability or a likelihood and a fixed or
three-point delay (affecting tasks, and milestones/gates in plans without team calendars or
elapsed work), one or two correlation groups, a triangular or PERT distribution; run
`planc forecast --format json --iterations 20000 --seed S` (PLANC overrides the binary, default
.build/debug/planc); simulate the same plan here with numpy (its own RNG, 200,000 iterations),
scheduling each iteration with crosscheck.py's independent scheduler (each distinct duration vector
once), and compare:
  * every target's and the finish's P10/P50/P80/P90/P95 within one working day of the plan calendar,
    and the deterministic dates exactly;
  * deadline probabilities, deterministic percentiles, criticality and risk occurrence within two
    percentage points, risk mean_delay within half a working day;
  * the sign of the sensitivity of every strong driver (|rho| >= 0.2 here), null where nothing varies;
  * the ids listed (targets, tasks, risks) and iterations/seed/distribution.
Prints a minimal diff per mismatching plan, exits 1 on any.

    scripts/check-forecast.py                # seeds 0..19 (CI: ~15 s cpu on 2 cores plus planc's runs)
    scripts/check-forecast.py --seeds 100
    scripts/check-forecast.py --seed 7 -v    # one seed: the plan, both results side by side
    scripts/check-forecast.py --seed 7 --keep DIR
    scripts/check-forecast.py --self-test    # this simulator against analytical results (no planc)

Semantics implemented (DESIGN.md + the contract): a leaf task with an estimate draws triangular
(or PERT-beta, lambda 4: alpha = 1 + 4(m-a)/(b-a), beta = 1 + 4(b-m)/(b-a)) over low/likely/high
working days, rounded to the nearest day, halves up, at least 1; in progress: remaining =
ceil(drawn * (1 - progress)) (crosscheck's rule for remaining work); done: fixed. An open risk with
`probability` p% (else likelihood 1..5 -> 10/30/50/70/90%) occurs with probability p; its delay (a
duration, or a triangular draw rounded as above) is added to each affected leaf task's duration and
holds an affected milestone/gate back that many plan working days (modelled here as every link into
it and its start bound moved that many days). Correlation groups: rank coefficient rho_s, Gaussian
copula with r = 2 sin(pi rho_s / 6), Cholesky over all grouped tasks, u = Phi(z). Pk = the smallest
date on or before which at least k% of iterations finish; criticality = share of iterations with
total float <= 0; sensitivity = Spearman (average ranks) of drawn duration vs the plan finish in
working days; risk occurred = share of iterations; mean_delay = mean finish (working days) when it
occurred minus when it did not. The plan's finish: the latest finish of any task.
Not generated (ambiguous in the contract): risks on in-progress, elapsed or summary tasks, estimates
in weeks or on elapsed tasks, milestone risks beside team calendars or elapsed work, overlapping
correlation groups, levelling.
"""
import argparse
import concurrent.futures
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy import special, stats
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck as xc  # noqa: E402

PCTS = (10, 50, 80, 90, 95)
LIKELIHOOD = {1: 10, 2: 30, 3: 50, 4: 70, 5: 90}
MET_DEADLINES = False     # --met-deadlines: no deadline the deterministic schedule misses (no E301)
MAX_UNIQUE = 160          # distinct duration vectors scheduled per plan (keeps a seed ~1-2 s)


class FPlan(xc.Plan):
    """crosscheck's plan whose calendars survive schedule() (it resets them for its reducer)."""

    @property
    def _calendars(self):
        return self.__dict__.setdefault("_cc", {})

    @_calendars.setter
    def _calendars(self, v):
        pass


# ----------------------------------------------------------------------------------------------
# the forecast part of a plan


class Forecast:
    def __init__(self):
        self.distribution = "triangular"
        self.est = {}           # task id -> (low, likely, high) working days
        self.risks = []         # dicts: id, pct, likelihood, delay (n | (a, m, b)), affects, status
        self.groups = []        # (ids, rho_s)


def opts_for(teams, elapsed):
    return argparse.Namespace(gates=True, elapsed=elapsed, summary_finish_links=False,
                              summary_start_links=False, teams=teams, as_of=True, out_of_sequence=False)


def generate(seed, shrink=0):
    rnd = random.Random(seed * 7717 + 3)
    simple = rnd.random() < 0.35            # no team calendars, no elapsed work: milestone risks
    opts = opts_for(not simple, not simple)
    for j in range(1000):
        p = xc.generate(seed * 1000 + j, opts)
        if 6 <= len(p.order) <= 20 and (not simple or not p.teams):
            break
    p.__class__ = FPlan
    f = Forecast()
    f.distribution = rnd.choice(["triangular", "triangular", "pert"])
    base = xc.schedule(p)
    # more deadlines on milestones, near the deterministic date, so probabilities are mid-range
    for n in p.order:
        if n.kind == "milestone" and n.deadline is None and n.status != "done" and rnd.random() < 0.5:
            n.deadline = base[n.id]["finish"] + rnd.randint(0, 8)
    if MET_DEADLINES:
        for n in p.order:
            if n.deadline is not None and n.deadline < base[n.id]["finish"]:
                n.deadline = base[n.id]["finish"] + rnd.randint(0, 3)
    cands = [n for n in p.order if n.kind == "task" and n.dur[0] == "d" and n.status != "done"]
    rnd.shuffle(cands)
    k = max(0, min(len(cands), rnd.randint(2, 4)) - shrink)
    for n in cands[:k]:
        m = n.dur[1]
        a = max(1, m - rnd.randint(0, 2))
        b = m + rnd.randint(1, 3)
        f.est[n.id] = (a, m, b)
    est = [i for i in f.est]
    if len(est) >= 2 and rnd.random() < 0.75:
        pool = est[:]
        rnd.shuffle(pool)
        sizes = [2, 2] if len(pool) >= 4 and rnd.random() < 0.4 else [rnd.randint(2, len(pool))]
        for s in sizes:
            g, pool = pool[:s], pool[s:]
            rho = rnd.choice([0.5, 0.8, 0.9] + ([-0.5] if s == 2 else []))
            f.groups.append((g, rho))
    free = [n for n in p.order if n.kind == "task" and n.dur[0] == "d" and n.status is None]
    mil = [n for n in p.order if simple and n.kind == "milestone" and n.parent is None and n.status is None]
    for i in range(max(0, rnd.randint(1, 3) - shrink)):
        targets = free + mil
        if not targets:
            break
        r = {"id": "r%d" % (i + 1), "likelihood": rnd.randint(1, 5), "status": "open",
             "pct": rnd.choice([None, 10, 25, 30, 50, 70, 85])}
        r["delay"] = rnd.randint(1, 4) if rnd.random() < 0.6 else (1, rnd.randint(1, 2), 3)
        r["affects"] = [x.id for x in rnd.sample(targets, min(len(targets), rnd.choice([1, 1, 2])))]
        if rnd.random() < 0.12:
            r["status"] = rnd.choice(["mitigated", "closed"])
        f.risks.append(r)
    return p, f


def to_yaml(p, f, name, extra=None):
    doc = yaml.safe_load(p.to_yaml(name))

    def walk(items):
        for t in items:
            if t["id"] in f.est:
                a, m, b = f.est[t["id"]]
                t["estimate"] = {"low": "%dd" % a, "likely": "%dd" % m, "high": "%dd" % b}
            walk(t.get("tasks", []))

    walk(doc["tasks"])
    fc = {"distribution": f.distribution}
    if f.groups:
        fc["correlations"] = [{"tasks": list(g), "coefficient": rho} for g, rho in f.groups]
    fc.update(extra or {})
    doc["forecast"] = fc
    if f.risks:
        rs = []
        for r in f.risks:
            y = {"id": r["id"], "title": "risk " + r["id"], "likelihood": r["likelihood"], "impact": 2,
                 "status": r["status"], "affects": list(r["affects"])}
            if r["pct"] is not None:
                y["probability"] = "%d%%" % r["pct"]
            d = r["delay"]
            y["delay"] = "%dd" % d if isinstance(d, int) else {"low": "%dd" % d[0], "likely": "%dd" % d[1],
                                                                "high": "%dd" % d[2]}
            rs.append(y)
        doc["risks"] = rs
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=200)


# ----------------------------------------------------------------------------------------------
# draws


def tri_ppf(u, a, m, b):
    c = (m - a) / (b - a)
    return np.where(u < c, a + np.sqrt(u * (b - a) * (m - a)), b - np.sqrt((1 - u) * (b - a) * (b - m)))


def pert_ppf(u, a, m, b):
    al = 1 + 4 * (m - a) / (b - a)
    be = 1 + 4 * (b - m) / (b - a)
    return a + (b - a) * stats.beta.ppf(u, al, be)


def rounded(x):
    return np.maximum(1, np.floor(x + 0.5)).astype(np.int64)


def uniforms(f, rng, n):
    """u per estimated task: a Gaussian copula over the correlation groups, plain uniforms else."""
    ids = list(f.est)
    u = {i: None for i in ids}
    grouped = [t for g, _ in f.groups for t in g]
    if grouped:
        ix = {t: k for k, t in enumerate(grouped)}
        R = np.eye(len(grouped))
        for g, rho in f.groups:
            r = 2 * math.sin(math.pi * rho / 6)
            for x in g:
                for y in g:
                    if x != y:
                        R[ix[x], ix[y]] = r
        L = np.linalg.cholesky(R)
        z = rng.standard_normal((n, len(grouped))) @ L.T
        for t in grouped:
            u[t] = special.ndtr(z[:, ix[t]])
    for i in ids:
        if u[i] is None:
            u[i] = rng.random(n)
    return u


def simulate(p, f, n, seed):
    """Returns per-iteration arrays and per-distinct-vector schedules."""
    rng = np.random.default_rng([seed, 0x5eed])
    ppf = pert_ppf if f.distribution == "pert" else tri_ppf
    u = uniforms(f, rng, n)
    drawn = {i: rounded(ppf(u[i], *f.est[i])) for i in f.est}
    occurred, delays = {}, {}
    for r in f.risks:
        if r["status"] != "open":
            continue
        pr = (r["pct"] if r["pct"] is not None else LIKELIHOOD[r["likelihood"]]) / 100
        occurred[r["id"]] = rng.random(n) < pr
        d = r["delay"]
        delays[r["id"]] = np.full(n, d) if isinstance(d, int) else rounded(tri_ppf(rng.random(n), *d))
    cols = []           # (node id, kind) per column of the key matrix
    mats = []
    hit = {}
    for r in f.risks:
        if r["status"] == "open":
            for t in r["affects"]:
                hit.setdefault(t, []).append(r["id"])
    for nd in p.order:
        if nd.id in f.est or nd.id in hit:
            v = drawn[nd.id].copy() if nd.id in f.est else np.zeros(n, np.int64)
            if nd.kind == "task" and nd.id not in f.est:
                v += nd.dur[1]
            for rid in hit.get(nd.id, []):
                v += np.where(occurred[rid], delays[rid], 0)
            cols.append(nd.id)
            mats.append(v)
    K = np.stack(mats, axis=1) if mats else np.zeros((n, 0), np.int64)
    uniq, inv = np.unique(K, axis=0, return_inverse=True)
    inv = inv.reshape(-1)
    return dict(u=u, drawn=drawn, occurred=occurred, cols=cols, uniq=uniq, inv=inv, n=n)


def schedule_with(p, cols, row):
    """Schedule p with the durations / milestone hold-backs of one key row; restores p."""
    saved = []
    P = p.calendar()
    for nid, v in zip(cols, row):
        nd = p.nodes[nid]
        v = int(v)
        saved.append((nd, nd.dur, nd.after, nd.not_before))
        if nd.kind == "task":
            nd.dur = ("d", v)
        elif v > 0:
            # held back v plan working days: every link into it and its start bound move v days
            nd.after = [(a, t, lag + v, {"task": a, "type": t}) for a, t, lag, _ in nd.after]
            b = max(p.start, nd.not_before or p.start, (p.as_of + 1) if p.as_of is not None else p.start)
            nd.not_before = P.add(P.on_or_after(b), v)
    try:
        return xc.schedule(p)
    finally:
        for nd, d, a, nb in saved:
            nd.dur, nd.after, nd.not_before = d, a, nb


def plan_order(p):
    """The order the YAML lists them: the task tree (pre-order), then the gates."""
    return [nd for nd in p.order if not nd.gate] + [nd for nd in p.order if nd.gate]


def targets_of(p):
    return [nd for nd in plan_order(p) if nd.kind == "milestone" or nd.deadline is not None]


def pct_date(values, k):
    """Smallest value v with at least k% of values <= v (values sorted)."""
    n = len(values)
    idx = -(-k * n // 100) - 1
    return int(values[max(0, idx)])


def results(p, f, sim):
    P = p.calendar()
    tg = targets_of(p)
    leaves = [nd for nd in plan_order(p) if nd.kind == "task"]
    U = len(sim["uniq"])
    ufin = {nd.id: np.zeros(U, np.int64) for nd in tg}
    uplan = np.zeros(U, np.int64)
    ucrit = {nd.id: np.zeros(U, bool) for nd in leaves}
    for k, row in enumerate(sim["uniq"]):
        s = schedule_with(p, sim["cols"], row)
        for nd in tg:
            ufin[nd.id][k] = s[nd.id]["finish"]
        uplan[k] = max(s[nd.id]["finish"] for nd in p.order)
        for nd in leaves:
            ucrit[nd.id][k] = bool(s[nd.id]["critical"])
    inv, n = sim["inv"], sim["n"]
    det = xc.schedule(p)
    planfin = np.sort(uplan[inv])
    wd = np.array([P.count(p.start, int(x)) for x in range(int(uplan.min()), int(uplan.max()) + 1)])
    finwd = wd[uplan[inv] - uplan.min()]
    out = {"deterministic_finish": xc.iso(max(det[nd.id]["finish"] for nd in p.order)),
           "finish": dict({"p%d" % k: xc.iso(pct_date(planfin, k)) for k in PCTS}, _v=planfin),
           "targets": [], "tasks": [],
           "risks": []}
    for nd in tg:
        v = np.sort(ufin[nd.id][inv])
        t = {"id": nd.id, "deadline": xc.iso(nd.deadline) if nd.deadline is not None else None,
             "deterministic": xc.iso(det[nd.id]["finish"]), "_v": v}
        for k in PCTS:
            t["p%d" % k] = xc.iso(pct_date(v, k))
        t["probability"] = float(np.mean(v <= nd.deadline)) if nd.deadline is not None else None
        t["deterministic_percentile"] = 100.0 * float(np.mean(v <= det[nd.id]["finish"]))
        out["targets"].append(t)
    hit = {t for r in f.risks if r["status"] == "open" for t in r["affects"]}
    for nd in leaves:
        sens = None
        if nd.id in f.est:
            d = sim["drawn"][nd.id]
            if d.min() != d.max() and finwd.min() != finwd.max():
                sens = float(stats.spearmanr(d, finwd)[0])
        out["tasks"].append({"id": nd.id, "criticality": float(np.mean(ucrit[nd.id][inv])),
                             "sensitivity": sens, "risk_hit": nd.id in hit})
    for r in f.risks:
        if r["status"] != "open":
            continue
        occ = sim["occurred"][r["id"]]
        pr = (r["pct"] if r["pct"] is not None else LIKELIHOOD[r["likelihood"]]) / 100
        md = None
        if occ.any() and not occ.all():
            md = float(finwd[occ].mean() - finwd[~occ].mean())
        out["risks"].append({"id": r["id"], "probability": pr, "occurred": float(occ.mean()), "mean_delay": md})
    return out


# ----------------------------------------------------------------------------------------------
# comparing


def wd_apart(P, a, b):
    lo, hi = sorted((xc.ordn(a), xc.ordn(b)))
    return P.count(lo + 1, hi)


def compare(p, got, want, opts):
    P = p.calendar()
    diffs = []
    for key, val in (("iterations", opts.iterations), ("seed", opts.planc_seed)):
        if got.get(key) != val:
            diffs.append("%s: planc=%s expected=%s" % (key, got.get(key), val))
    if got.get("deterministic_finish") != want["deterministic_finish"]:
        diffs.append("deterministic_finish: planc=%s mine=%s" % (got.get("deterministic_finish"),
                                                                 want["deterministic_finish"]))

    def dates(where, g, w):
        v = w["_v"]
        for k in PCTS:
            key = "p%d" % k
            if g.get(key) is None:
                diffs.append("%s %s: missing" % (where, key))
                continue
            if wd_apart(P, g[key], w[key]) <= 1:
                continue
            # a gap in the distribution (a risk's delay) right at k%: planc's date is still right if
            # it is the Pk' of this simulation for some k' within sampling error (1 point) of k
            d = xc.ordn(g[key])
            le, lt = np.searchsorted(v, d, "right") / len(v), np.searchsorted(v, d, "left") / len(v)
            if not (le >= k / 100 - 0.01 and lt < k / 100 + 0.01):
                diffs.append("%s %s: planc=%s mine=%s (%.1f%% of mine on or before planc's, %.1f%% before)" % (
                    where, key, g[key], w[key], 100 * le, 100 * lt))

    dates("finish", got.get("finish", {}), want["finish"])
    gt = {t["id"]: t for t in got.get("targets", [])}
    if [t["id"] for t in got.get("targets", [])] != [t["id"] for t in want["targets"]]:
        diffs.append("targets: planc=%s mine=%s" % ([t["id"] for t in got.get("targets", [])],
                                                    [t["id"] for t in want["targets"]]))
    for w in want["targets"]:
        g = gt.get(w["id"])
        if g is None:
            continue
        for key in ("deadline", "deterministic"):
            if g.get(key) != w[key]:
                diffs.append("%s %s: planc=%s mine=%s" % (w["id"], key, g.get(key), w[key]))
        dates(w["id"], g, w)
        if (g.get("probability") is None) != (w["probability"] is None) or \
                (w["probability"] is not None and abs(g["probability"] - w["probability"]) > 0.02):
            diffs.append("%s probability: planc=%s mine=%.4f" % (w["id"], g.get("probability"), w["probability"]
                                                                  if w["probability"] is not None else float("nan")))
        dp = g.get("deterministic_percentile")
        if dp is None or abs(dp - w["deterministic_percentile"]) > 2.0:
            diffs.append("%s deterministic_percentile: planc=%s mine=%.1f" % (w["id"], dp, w["deterministic_percentile"]))
    gk = {t["id"]: t for t in got.get("tasks", [])}
    if [t["id"] for t in got.get("tasks", [])] != [t["id"] for t in want["tasks"]]:
        diffs.append("tasks: planc=%s mine=%s" % ([t["id"] for t in got.get("tasks", [])],
                                                  [t["id"] for t in want["tasks"]]))
    for w in want["tasks"]:
        g = gk.get(w["id"])
        if g is None:
            continue
        if g.get("criticality") is None or abs(g["criticality"] - w["criticality"]) > 0.02:
            diffs.append("%s criticality: planc=%s mine=%.4f" % (w["id"], g.get("criticality"), w["criticality"]))
        s, ws = g.get("sensitivity"), w["sensitivity"]
        if w["risk_hit"]:
            continue            # a risk varies its duration too: which "drawn duration" is ambiguous
        if ws is None and p.nodes[w["id"]].id not in opts.est_ids:
            if s is not None:
                diffs.append("%s sensitivity: planc=%s, but its duration never varies" % (w["id"], s))
        elif ws is not None and abs(ws) >= 0.2 and (s is None or s * ws <= 0):
            diffs.append("%s sensitivity: planc=%s mine=%.4f (sign)" % (w["id"], s, ws))
    gr = {r["id"]: r for r in got.get("risks", [])}
    if [r["id"] for r in got.get("risks", [])] != [r["id"] for r in want["risks"]]:
        diffs.append("risks: planc=%s mine=%s" % ([r["id"] for r in got.get("risks", [])],
                                                  [r["id"] for r in want["risks"]]))
    for w in want["risks"]:
        g = gr.get(w["id"])
        if g is None:
            continue
        if g.get("probability") is None or abs(g["probability"] - w["probability"]) > 1e-9:
            diffs.append("%s probability: planc=%s expected=%s" % (w["id"], g.get("probability"), w["probability"]))
        if g.get("occurred") is None or abs(g["occurred"] - w["occurred"]) > 0.02:
            diffs.append("%s occurred: planc=%s mine=%.4f" % (w["id"], g.get("occurred"), w["occurred"]))
        m, wm = g.get("mean_delay"), w["mean_delay"]
        if (m is None) != (wm is None) or (wm is not None and abs(m - wm) > 0.5):
            diffs.append("%s mean_delay: planc=%s mine=%s" % (w["id"], m, None if wm is None else round(wm, 2)))
    return diffs


def make(seed):
    shrink = 0
    while True:
        p, f = generate(seed, shrink)
        sim = simulate(p, f, 2000, seed)
        if len(sim["uniq"]) * 1.3 <= MAX_UNIQUE or shrink > 4:
            return p, f
        shrink += 1


def check(seed, opts, tmp):
    global MET_DEADLINES
    MET_DEADLINES = opts.met_deadlines
    p, f = make(seed)
    name = "fc-%d" % seed
    text = to_yaml(p, f, name)
    path = os.path.join(tmp, "plan-%d.yaml" % seed)
    with open(path, "w") as fh:
        fh.write(text)
    t0 = time.perf_counter()
    pr = subprocess.run([opts.planc, "forecast", "--format", "json", "--iterations", str(opts.iterations),
                         "--seed", str(seed), path], capture_output=True, text=True)
    t_planc = time.perf_counter() - t0
    t0 = time.perf_counter()
    sim = simulate(p, f, opts.mine, seed)
    want = results(p, f, sim)
    t_mine = time.perf_counter() - t0
    o = argparse.Namespace(iterations=opts.iterations, planc_seed=seed, est_ids=set(f.est))
    try:
        got = json.loads(pr.stdout)
    except ValueError:
        return seed, ["planc exit %d, no JSON:\n%s" % (pr.returncode, pr.stderr.strip()[:2000])], text, None, want, \
            (t_planc, t_mine, len(sim["uniq"]))
    diffs = compare(p, got, want, o)
    if got.get("distribution") != f.distribution:
        diffs.append("distribution: planc=%s plan=%s" % (got.get("distribution"), f.distribution))
    return seed, diffs, text, got, want, (t_planc, t_mine, len(sim["uniq"]))


def show(got, want):
    def line(tag, g, w):
        if isinstance(w, dict):
            w = {k: x for k, x in w.items() if k != "_v"}
        print("  %-10s planc %s | mine %s" % (tag, json.dumps(g), json.dumps(w)))
    if got:
        line("finish", got.get("finish"), want["finish"])
    gt = {t["id"]: t for t in (got or {}).get("targets", [])}
    for w in want["targets"]:
        line(w["id"], gt.get(w["id"]), {k: (round(v, 4) if isinstance(v, float) else v) for k, v in w.items()
                                         if k != "_v"})
    gk = {t["id"]: t for t in (got or {}).get("tasks", [])}
    for w in want["tasks"]:
        line(w["id"], gk.get(w["id"]), {k: (round(v, 4) if isinstance(v, float) else v) for k, v in w.items()})
    gr = {t["id"]: t for t in (got or {}).get("risks", [])}
    for w in want["risks"]:
        line(w["id"], gr.get(w["id"]), {k: (round(v, 4) if isinstance(v, float) else v) for k, v in w.items()})


# ----------------------------------------------------------------------------------------------
# self-test: this simulator against analytical results


def mkplan(workdays=("mon", "tue", "wed", "thu", "fri")):
    p = FPlan()
    p.start = dt.date(2027, 1, 4).toordinal()       # a Monday
    p.workdays = list(workdays)
    return p


def add(p, nid, kind="task", dur=None, after=()):
    nd = xc.Node(nid, kind)
    nd.dur = ("d", dur) if dur else None
    nd.after = [(a, "FS", 0, a) for a in after]
    p.order.append(nd)
    p.nodes[nid] = nd
    return nd


def pmf_rounded(a, m, b, dist):
    """Exact distribution of the rounded draw: P(k) = F(k + 1/2) - F(k - 1/2), at least 1."""
    if dist == "pert":
        al, be = 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a)

        def F(x):
            return float(stats.beta.cdf(min(max((x - a) / (b - a), 0), 1), al, be))
    else:
        def F(x):
            if x <= a:
                return 0.0
            if x >= b:
                return 1.0
            if x <= m:
                return (x - a) ** 2 / ((b - a) * (m - a))
            return 1 - (b - x) ** 2 / ((b - a) * (b - m))
    pm = {}
    for k in range(max(1, a), b + 1):
        lo = -math.inf if k == 1 else k - 0.5
        pm[k] = F(k + 0.5) - (F(lo) if lo != -math.inf else 0.0)
    return pm


def self_test():
    fails = []
    n = 200000

    def expect(what, ok, detail):
        print("  %-58s %s  %s" % (what, "ok  " if ok else "FAIL", detail))
        if not ok:
            fails.append(what)

    for dist in ("triangular", "pert"):
        # 1. a chain of triangulars: the finish is the sum; its mean and percentiles exact
        p = mkplan()
        ests = [(2, 4, 9), (1, 3, 4), (3, 5, 10)]
        prev = []
        f = Forecast()
        f.distribution = dist
        for i, e in enumerate(ests):
            add(p, "c%d" % i, dur=e[1], after=prev)
            prev = ["c%d" % i]
            f.est["c%d" % i] = e
        add(p, "end", "milestone", after=prev)
        sim = simulate(p, f, n, 1)
        res = results(p, f, sim)
        tot = {0: 1.0}
        for e in ests:
            pm = pmf_rounded(*e, dist)
            nt = {}
            for s, q in tot.items():
                for k, r in pm.items():
                    nt[s + k] = nt.get(s + k, 0) + q * r
            tot = nt
        mean = sum(s * q for s, q in tot.items())
        sd = math.sqrt(sum((s - mean) ** 2 * q for s, q in tot.items()))
        P = p.calendar()
        sums = sum(sim["drawn"]["c%d" % i] for i in range(3))
        expect("%s chain: mean of the sum %.3f" % (dist, mean), abs(sums.mean() - mean) < 4 * sd / math.sqrt(n),
               "sim %.3f" % sums.mean())
        cdf, acc = [], 0
        for s in sorted(tot):
            acc += tot[s]
            cdf.append((s, acc))
        for k in (50, 80, 95):
            ks = next(s for s, c in cdf if c >= k / 100 - 1e-12)
            want_date = xc.iso(P.add(p.start, ks - 1))
            row = next(t for t in res["targets"] if t["id"] == "end")
            expect("%s chain: P%d of the finish = day %d (%s)" % (dist, k, ks, want_date),
                   wd_apart(P, row["p%d" % k], want_date) <= (0 if abs(dict(cdf)[ks] - k / 100) > 0.005 else 1),
                   row["p%d" % k])
    # 2. two equal parallel paths: P(max <= x) = F(x)^2
    p = mkplan()
    add(p, "k", "milestone")
    add(p, "a", dur=5, after=["k"])
    add(p, "b", dur=5, after=["k"])
    add(p, "end", "milestone", after=["a", "b"])
    f = Forecast()
    f.est = {"a": (3, 5, 9), "b": (3, 5, 9)}
    sim = simulate(p, f, n, 2)
    res = results(p, f, sim)
    pm = pmf_rounded(3, 5, 9, "triangular")
    dmax = np.maximum(sim["drawn"]["a"], sim["drawn"]["b"])
    acc = 0
    worst = 0
    for x in sorted(pm):
        acc += pm[x]
        worst = max(worst, abs(np.mean(dmax <= x) - acc ** 2))
    expect("parallel paths: P(max <= x) = F(x)^2 for every x", worst < 0.005, "worst gap %.4f" % worst)
    crit = {t["id"]: t["criticality"] for t in res["tasks"]}
    pt = sum(q * q for q in pm.values())    # a tie: both critical
    want_c = 0.5 + pt / 2
    expect("parallel paths: criticality = P(a >= b) = %.4f" % want_c, abs(crit["a"] - want_c) < 0.005 and
           abs(crit["b"] - want_c) < 0.005, "a %.4f b %.4f" % (crit["a"], crit["b"]))
    # 3. a risk with p = 0.3 adds its delay in 30% of iterations
    p = mkplan()
    add(p, "w", dur=5)
    add(p, "end", "milestone", after=["w"])
    f = Forecast()
    f.risks = [{"id": "r", "pct": 30, "likelihood": 1, "status": "open", "delay": 4, "affects": ["w"]}]
    sim = simulate(p, f, n, 3)
    res = results(p, f, sim)
    r = res["risks"][0]
    P = p.calendar()
    e = res["targets"][0]
    expect("risk p=0.3: occurs in 30%", abs(r["occurred"] - 0.3) < 0.005, "%.4f" % r["occurred"])
    expect("risk p=0.3: adds 4 working days to the finish", abs(r["mean_delay"] - 4) < 1e-9, "%.2f" % r["mean_delay"])
    expect("risk p=0.3: P50 = day 5, P80 = day 9", e["p50"] == xc.iso(P.add(p.start, 4)) and
           e["p80"] == xc.iso(P.add(p.start, 8)), "%s %s" % (e["p50"], e["p80"]))
    # 4. a risk on a milestone holds it back that many working days
    p = mkplan()
    add(p, "w", dur=5)
    add(p, "m", "milestone", after=["w"])
    add(p, "x", dur=2, after=["m"])
    f = Forecast()
    f.risks = [{"id": "r", "pct": 50, "likelihood": 1, "status": "open", "delay": 3, "affects": ["m"]}]
    res = results(p, f, simulate(p, f, n, 4))
    m = next(t for t in res["targets"] if t["id"] == "m")
    expect("milestone risk: P10 day 5, P90 day 8", m["p10"] == xc.iso(P.add(p.start, 4)) and
           m["p90"] == xc.iso(P.add(p.start, 7)), "%s %s" % (m["p10"], m["p90"]))
    # 5. correlation: the copula keeps the rank correlation asked for
    for rho in (0.8, -0.5):
        f = Forecast()
        f.est = {"a": (3, 5, 9), "b": (3, 5, 9)}
        f.groups = [(["a", "b"], rho)]
        u = uniforms(f, np.random.default_rng(5), n)
        got_r = stats.spearmanr(u["a"], u["b"])[0]
        expect("copula: rank correlation %.1f" % rho, abs(got_r - rho) < 0.01, "%.4f" % got_r)
    # 6. the percentile rule: smallest d with at least k% on or before it
    v = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect("percentile rule on 1..10", [pct_date(v, k) for k in PCTS] == [1, 5, 8, 9, 10],
           str([pct_date(v, k) for k in PCTS]))
    print("self-test: %d failure(s)" % len(fails))
    return 1 if fails else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=20, help="check seeds 0..N-1 (default 20)")
    ap.add_argument("--seed", type=int, help="replay this one seed")
    ap.add_argument("--iterations", type=int, default=20000, help="planc's iterations (default 20000)")
    ap.add_argument("--mine", type=int, default=200000, help="this simulation's iterations (default 200000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep", metavar="DIR", help="keep the generated plans in DIR")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--met-deadlines", action="store_true",
                    help="move deadlines the deterministic schedule misses (E301) to or after its dates")
    ap.add_argument("--self-test", action="store_true", help="check this simulator against analytical results")
    opts = ap.parse_args()
    global MET_DEADLINES
    MET_DEADLINES = opts.met_deadlines
    if opts.self_test:
        sys.exit(self_test())
    opts.planc = os.environ.get("PLANC", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                      "..", ".build", "debug", "planc"))
    if not os.access(opts.planc, os.X_OK):
        sys.exit("check-forecast: %s not found; run `swift build` or set PLANC" % opts.planc)
    seeds = [opts.seed] if opts.seed is not None else list(range(opts.seeds))
    tmp = opts.keep or tempfile.mkdtemp(prefix="check-forecast-")
    os.makedirs(tmp, exist_ok=True)
    bad = 0
    t0 = time.perf_counter()
    tp = tm = 0.0
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
            for seed, diffs, text, got, want, (a, b, u) in ex.map(check, seeds, [opts] * len(seeds),
                                                                   [tmp] * len(seeds)):
                tp, tm = tp + a, tm + b
                if diffs:
                    bad += 1
                    print("seed %d: %d mismatch(es)" % (seed, len(diffs)))
                    for d in diffs:
                        print("  " + d)
                if opts.verbose:
                    print(text)
                    print("  (%d distinct duration vectors; planc %.2f s, mine %.2f s)" % (u, a, b))
                    show(got, want)
    finally:
        if not opts.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print("check-forecast: %d plans, %d with mismatches (%.1f s; planc %.1f s, this simulation %.1f s)" % (
        len(seeds), bad, time.perf_counter() - t0, tp, tm))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
