#!/usr/bin/env python3
"""Cross-check `planc schedule` against an independent implementation of the schedule semantics.

For each seed, generate a random valid plan (durations in d/w/ed, milestones, gates, nested summaries
with their own `after`, all four link types with positive and negative lags, holidays incl. ranges,
unusual work weeks, not_before, deadlines, optionally a status date with done / in-progress work,
and in most plans teams with calendars of their own: weekend teams, teams working fewer days, team
holidays, owners on tasks and summaries, assignments of one or two teams),
run `planc schedule --format json` on it (PLANC overrides the binary, default .build/debug/planc),
compute the schedule here from docs/language.md "Schedule semantics" (plus the clarifications the
team adopted, see SEMANTICS below), and compare start, finish, duration, total_float and critical
of every task. Prints a minimal diff per mismatching plan and exits 1 if any.

    scripts/crosscheck.py                 # seeds 0..199
    scripts/crosscheck.py --seeds 1000    # seeds 0..999
    scripts/crosscheck.py --seed 17 -v    # replay one seed, print the plan and both schedules
    scripts/crosscheck.py --seed 17 --keep DIR   # write the plan to DIR/plan-17.yaml
    scripts/crosscheck.py --reduce 17     # shrink seed 17's plan to a minimal failing one
    scripts/crosscheck.py --skip-known NAME  # do not compare what a reported planc discrepancy
                                             # affects (see KNOWN; `all` for every one)
    CI (.ci/run) runs `--seeds 200` and `--seeds 200 --out-of-sequence` with nothing skipped.

SEMANTICS (dates are inclusive days). Team calendars: a leaf task's calendar C is the days every
team it uses works (its `assign`, else its owner or its nearest summary's): the intersection of
their workdays (a team without `workdays` has the plan's), less the plan's holidays and theirs.
Milestones, summaries and tasks without a team use the plan calendar P. "Working days" of a task
below are C's, of a milestone or summary P's. The axis is every day some task may work on (P's
workdays and every team's, less P's holidays); points (below) are boundaries between axis days.
  * Nd = N working days, Nw = N * C's workdays-per-week; Ned = N calendar days starting on a
    working day (finish = start + N - 1, may be non-working).
  * start bound: first working day on/after plan start and not_before (own and ancestors'; a
    milestone: its own on P, a summary's at the first axis day on/after it).
  * FS lag L: succ.start >= C.after(pred.finish) + L (lag in C's days).  SS: succ.start >=
    C.on_or_after(pred.start) + L.  FF: succ.finish >= C.on_or_after(pred.finish) + L (a finish
    on a day C does not work: the first C day after; never before the predecessor).  SF:
    succ.finish >= C.before(pred.start) + L. A milestone source at the start of day d reads as a
    start on d, at the end of day f as a finish on f.
  * a link into a milestone or summary keeps its point with no lag (a Saturday team's finish: the
    end of Saturday; the end of a day no one works: the start of the next axis day), and with lag
    L moves it L days of P (start point: start of P.on_or_after(d) + L; end point: end of
    P.after(f) + L - 1, or of P.on_or_before(f) + L for L < 0). A summary's own link gives that
    point, and its parts start on their first working day at or after it.
  * a link from a summary leaves from one point: its parts' latest finish (the kind of point there:
    overhang, start or end); its late point caps every part.
  * milestone / gate: a point (boundary b between working days: b = start of working day b = end
    of working day b-1). Start-driven (plan start, not_before, status date, SS/SF) -> start of a
    day; finish-driven (FS/FF) -> end of a day; a summary's own link holding it back counts as that
    link (FS: end of a day, SS: start of one); b = max of its
    bounds, a tie goes to the start; its date is the day of the point. Links read "point >= point
    + lag" (+1 when a task's finish waits for an elapsed/done task ending on a non-working day; a
    milestone waiting for one is at the start of the next working day, as in MS Project). Float counts points; a milestone's own deadline allows the end of the deadline's last
    working day (its start, for a start-driven milestone).
  * summary: start = min, finish = max over its descendants; its `after` and not_before apply to
    every descendant; a link from a summary uses its (min) start / (max) finish.
  * backward pass: every finish <= plan finish (max finish); deadline -> finish <= last working day
    on/before the deadline; late dates mirror the forward rules (each link's demand is monotone in
    the point it leaves from: the latest point that meets the successor's late date is found by
    bisection); total_float = working days (C's) from early start to late start (milestone: P's
    days between its points, at least -1 when its late point is before its early one; summary:
    min of its descendants'); critical = float <= 0.
  * as_of: done -> actual dates, float 0, not critical; in-progress -> start = actual_start,
    remaining ceil(dur * (1 - progress)) C days starting C.after(as_of), only FF/SF links push it
    (elapsed: remaining ceil(N * (1 - progress)) calendar days from the day after as_of);
    not started -> start (milestone: date) >= wd_after(as_of).
  * JSON duration: d/w -> N; ed, done, in-progress -> C's working days in [start, finish]; milestone 0;
    summary -> axis days between its parts' first start point and last finish point.
"""
import argparse
import bisect
import concurrent.futures
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FAR = 10 ** 9


def iso(o):
    return dt.date.fromordinal(o).isoformat()


def ordn(s):
    return dt.date.fromisoformat(s).toordinal()


# ----------------------------------------------------------------------------------------------
# calendar


class Calendar:
    def __init__(self, workdays, holidays, lo, hi):
        wd = {DAYS.index(d) for d in workdays}
        self.wpw = len(wd)
        self.days = [o for o in range(lo, hi) if dt.date.fromordinal(o).weekday() in wd and o not in holidays]
        self.index = {o: i for i, o in enumerate(self.days)}

    def is_wd(self, o):
        return o in self.index

    def on_or_after(self, o):
        return self.days[bisect.bisect_left(self.days, o)]

    def after(self, o):
        return self.days[bisect.bisect_right(self.days, o)]

    def before(self, o):
        return self.days[bisect.bisect_left(self.days, o) - 1]

    def on_or_before(self, o):
        return self.days[bisect.bisect_right(self.days, o) - 1]

    def add(self, o, n):
        """Working day o moved n working days."""
        return self.days[self.index[o] + n]

    def diff(self, a, b):
        """Working days from working day a to working day b."""
        return self.index[b] - self.index[a]

    def count(self, a, b):
        """Working days in [a, b]."""
        return bisect.bisect_right(self.days, b) - bisect.bisect_left(self.days, a)


# ----------------------------------------------------------------------------------------------
# plan model (what the generator produces and the scheduler reads)


class Node:
    def __init__(self, id, kind, parent=None, gate=False):
        self.id = id
        self.kind = kind            # task | milestone | summary
        self.gate = gate
        self.parent = parent
        self.children = []
        self.after = []             # (pred id, type, lag in working days, yaml form)
        self.dur = None             # ("d"|"w"|"ed", n)
        self.not_before = None
        self.deadline = None
        self.status = None          # None | done | in-progress
        self.actual_start = None
        self.actual_finish = None
        self.progress = None        # integer percent
        self.owner = None           # team id
        self.assign = []            # team ids


class Plan:
    def __init__(self):
        self.start = None
        self.as_of = None
        self.workdays = None
        self.holidays = []          # ("date", o) | ("range", a, b)
        self.teams = {}             # id -> (workdays or None for the plan's, holiday ordinals)
        self._calendars = {}
        self.order = []             # nodes in pre-order (gates interleaved at top level)
        self.nodes = {}

    def holiday_set(self):
        s = set()
        for h in self.holidays:
            if h[0] == "range":
                s.update(range(h[1], h[2] + 1))
            else:
                s.add(h[1])
        return s

    def calendar(self):
        return self.cached(tuple(self.workdays), frozenset())

    def cached(self, workdays, extra_holidays):
        key = (tuple(d for d in DAYS if d in workdays), extra_holidays)
        if key not in self._calendars:
            self._calendars[key] = Calendar(key[0], self.holiday_set() | extra_holidays,
                                            self.start - 1500, self.start + 6500)
        return self._calendars[key]

    def team_workdays(self, t):
        return self.teams[t][0] or self.workdays

    def teams_of(self, n):
        """The teams a leaf task uses: its `assign`, else its owner or its nearest summary's."""
        if n.kind != "task":
            return []
        if n.assign:
            return n.assign
        for x in [n] + self.ancestors(n):
            if x.owner is not None:
                return [x.owner]
        return []

    def task_calendar(self, n):
        """A leaf task works on the days every team it uses works; its holidays add to the plan's.
        Milestones, summaries and tasks without a team: the plan's calendar."""
        teams = self.teams_of(n)
        if not teams:
            return self.calendar()
        wd = set(DAYS)
        hol = set()
        for t in teams:
            wd &= set(self.team_workdays(t))
            hol |= self.teams[t][1]
        return self.cached(tuple(wd), frozenset(hol))

    def axis(self):
        """Every day some task may work: the plan's workdays and every team's, less the plan's
        holidays."""
        wd = set(self.workdays)
        for t in self.teams:
            wd |= set(self.team_workdays(t))
        return self.cached(tuple(wd), frozenset())

    def leaves(self, n):
        if n.kind != "summary":
            return [n]
        out = []
        for c in n.children:
            out.extend(self.leaves(c))
        return out

    def ancestors(self, n):
        out = []
        while n.parent is not None:
            n = self.nodes[n.parent]
            out.append(n)
        return out

    # --- YAML ---------------------------------------------------------------------------------

    def to_yaml(self, name):
        def dur(d):
            return "%d%s" % (d[1], d[0])

        def dep(a):
            return a[3]

        def node(n):
            m = {"id": n.id}
            if n.kind == "milestone" and not n.gate:
                m["milestone"] = True
            if n.kind == "task":
                m["duration"] = dur(n.dur)
            if n.after:
                m["after"] = [dep(a) for a in n.after]
            if n.not_before is not None:
                m["not_before"] = dt.date.fromordinal(n.not_before)
            if n.deadline is not None:
                m["deadline"] = dt.date.fromordinal(n.deadline)
            if n.owner is not None:
                m["owner"] = n.owner
            if n.assign:
                m["assign"] = list(n.assign)
            if n.status:
                m["status"] = n.status
            if n.actual_start is not None:
                m["actual_start"] = dt.date.fromordinal(n.actual_start)
            if n.actual_finish is not None:
                m["actual_finish"] = dt.date.fromordinal(n.actual_finish)
            if n.progress is not None:
                m["progress"] = "%d%%" % n.progress
            if n.kind == "summary":
                m["tasks"] = [node(c) for c in n.children]
            return m

        doc = {"plan": name, "start": dt.date.fromordinal(self.start)}
        if self.as_of is not None:
            doc["as_of"] = dt.date.fromordinal(self.as_of)
        hol = []
        for h in self.holidays:
            if h[0] == "range":
                hol.append({"from": dt.date.fromordinal(h[1]), "to": dt.date.fromordinal(h[2]), "name": "break"})
            elif h[2]:
                hol.append({"date": dt.date.fromordinal(h[1]), "name": "holiday"})
            else:
                hol.append(dt.date.fromordinal(h[1]))
        doc["calendar"] = {"workdays": list(self.workdays), "holidays": hol}
        if self.teams:
            doc["teams"] = {}
            for t, (wd, th) in self.teams.items():
                m = {"name": t.upper()}
                if wd is not None:
                    m["workdays"] = list(wd)
                if th:
                    m["holidays"] = [dt.date.fromordinal(o) for o in sorted(th)]
                doc["teams"][t] = m
        # E402 (a milestone done while work before it is not) is a status-consistency rule that
        # --out-of-sequence trips on purpose; turned off, planc still schedules such plans.
        doc["rules"] = {"W301": "off", "W302": "off", "E402": "off"}
        doc["tasks"] = [node(n) for n in self.order if n.parent is None and not n.gate]
        gates = [node(n) for n in self.order if n.gate]
        if gates:
            doc["gates"] = gates
        return yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=200)


# ----------------------------------------------------------------------------------------------
# the independent scheduler


class Sched:
    """start/finish/duration/total_float/critical per node id."""


def schedule(plan, summary_ss_all=True, known=()):
    plan._calendars = {}        # the reducer edits copies of plans: never reuse their calendars
    ax = plan.axis()
    P = plan.calendar()
    nodes = plan.nodes
    lo_day, hi_day = plan.start - 1000, plan.start + 5000

    def C(n):
        return plan.task_calendar(n)

    def lagdays(spec, cal):
        """A lag in `cal`'s working days: weeks are its working weeks (the generator's lag is in
        the plan's days; the form written tells weeks)."""
        lag, y = spec
        written = y.get("lag") if isinstance(y, dict) else None
        if isinstance(written, str) and written.endswith("w"):
            return int(written[:-1]) * cal.wpw
        return lag

    def fin_b(o):
        """Axis boundary at the end of the last axis working day on or before calendar day o."""
        return ax.index[ax.on_or_before(o)] + 1

    def wd_len(n):
        k, v = n.dur
        return v * C(n).wpw if k == "w" else v

    def remaining(n):
        total = n.dur[1] if n.dur[0] == "ed" else wd_len(n)
        return max(1, -(-(total * (100 - n.progress)) // 100))

    # A point is ("start", d): the start of calendar day d, or ("end", f): the end of day f. Task
    # starts are start points, task finishes end points, a milestone is whichever drives it.
    def to_task(src, cal, L, finish):
        """The own working day a point bounds: a start (the first own working day at or after
        the point, moved L) or a finish (from an end: the first own working day ending at or after
        it; from a start: the own working day before it; moved L)."""
        kind, d = src
        if not finish:
            return cal.add(cal.on_or_after(d) if kind == "start" else cal.after(d), L)
        return cal.add(cal.on_or_after(d) if kind == "end" else cal.before(d), L)

    def to_point(src, L):
        """The point a link gives a milestone or summary (plan calendar): without lag the point
        itself (an end on a day no one works: the start of the next working day), with lag L it
        moves L of the plan's working days. Returns (axis boundary, start-kind)."""
        kind, d = src
        if kind == "start":
            b, k = ax.index[ax.on_or_after(d)], True
        elif ax.is_wd(d):
            b, k = ax.index[d] + 1, False
        else:
            b, k = ax.index[ax.after(d)], True
        if L == 0:
            return b, k
        if k:
            return ax.index[P.add(P.on_or_after(ax.days[b]), L)], True
        f = ax.days[b - 1]
        e = P.add(P.after(f), L - 1) if L > 0 else P.add(P.on_or_before(f), L)
        return ax.index[e] + 1, False

    def src_of_point(b, k):
        return ("start", ax.days[b]) if k else ("end", ax.days[b - 1])

    ES, EF = {}, {}             # early start / finish (ordinals; EF may be non-working for ed)
    SB_, FB_ = {}, {}           # early start / finish points (axis boundaries)
    KS, KF = {}, {}             # start / finish point is the start of a day

    def links(n):
        out = []
        for x in [n] + plan.ancestors(n):
            for pid, typ, lag, y in x.after:
                out.append((pid, typ, (lag, y), x is not n))
        return out

    def inherited_nb(n):
        nb = [x.not_before for x in [n] + plan.ancestors(n) if x.not_before is not None]
        return max(nb) if nb else None

    def fin_src(l):
        if l.kind == "milestone" and l.status != "done":
            return src_of_point(SB_[l.id], KS[l.id])
        return ("end", EF[l.id])

    def summary_fin(p):
        """A summary's finish: the latest of its parts' finish points, as one point (axis
        boundary, mode): "overhang" when a part at it ends on a day no one works, else "start"
        when a start-driven milestone is at it, else "finish"."""
        ls = plan.leaves(p)
        m = max(FB_[l.id] for l in ls)
        at = [l for l in ls if FB_[l.id] == m]
        start = any(KF[l.id] for l in at)
        if any(not ax.is_wd(EF[l.id]) for l in at if l.kind != "milestone" or l.status == "done"):
            return m, "overhang", start
        return m, "start" if start else "finish", start

    def mode_src(b, mode):
        if mode == "start":
            return ("start", ax.days[b])
        return ("end", ax.days[b - 1] if mode == "finish" else ax.days[b] - 1)

    def sta_src(l):
        return src_of_point(SB_[l.id], KS[l.id]) if l.kind == "milestone" else ("start", ax.days[SB_[l.id]])

    def uses_finish(typ):
        return typ in ("FS", "FF")

    def bound(n, typ, L, inherited, src):
        """What one link (from one leaf's point) demands of n: a day (tasks) or a point."""
        if n.kind == "milestone":
            return to_point(src, lagdays(L, P))     # through a summary: its point, then lag 0
        cal = C(n)
        if inherited:
            b, k = to_point(src, lagdays(L, P))
            return to_task(src_of_point(b, k), cal, 0, False)
        return to_task(src, cal, lagdays(L, cal), typ in ("FF", "SF"))

    def fin(p):
        """(boundary, start-kind) of p's finish; a summary's is its parts' latest."""
        ls = plan.leaves(p)
        m = max(FB_[l.id] for l in ls)
        return m, any(KF[l.id] for l in ls if FB_[l.id] == m)

    def sta(p):
        ls = plan.leaves(p)
        m = min(SB_[l.id] for l in ls)
        return m, any(KS[l.id] for l in ls if SB_[l.id] == m)

    def agg(p):
        ls = plan.leaves(p)
        return min(ES[l.id] for l in ls), max(EF[l.id] for l in ls)

    leaves = [n for n in plan.order if n.kind != "summary"]
    for n in leaves:
        cal = C(n)
        if n.status == "done":
            if n.kind == "milestone":
                f = n.actual_finish
                ES[n.id] = EF[n.id] = f
                SB_[n.id] = FB_[n.id] = fin_b(f)
                KS[n.id] = KF[n.id] = False
            else:
                ES[n.id], EF[n.id] = n.actual_start, n.actual_finish
                FB_[n.id] = fin_b(n.actual_finish)
                SB_[n.id] = min(ax.index[ax.on_or_after(n.actual_start)], FB_[n.id])
                KS[n.id], KF[n.id] = True, False
            continue
        ms = n.kind == "milestone"
        fcal = P if ms else cal
        floors = [fcal.on_or_after(plan.start)]
        if n.status != "in-progress":
            nb = inherited_nb(n)
            if nb is not None and not ms:
                floors.append(fcal.on_or_after(nb))
            elif ms:
                # its own not_before on the plan's calendar; a summary's holds it back at the
                # start of the first day anyone works, as it holds back every part
                if n.not_before is not None:
                    floors.append(P.on_or_after(n.not_before))
                up = [x.not_before for x in plan.ancestors(n) if x.not_before is not None]
                if up:
                    floors.append(ax.on_or_after(max(up)))
            if plan.as_of is not None:
                floors.append(fcal.after(plan.as_of))
        sb, fb = [], []
        for pid, typ, lag, inherited in links(n):
            if n.status == "in-progress" and typ in ("FS", "SS"):
                continue
            if nodes[pid].kind == "summary" and uses_finish(typ):
                srcs = [mode_src(*summary_fin(nodes[pid])[:2])]
            else:
                srcs = [fin_src(l) if uses_finish(typ) else sta_src(l) for l in plan.leaves(nodes[pid])]
            for src in srcs:
                x = bound(n, typ, lag, inherited, src)
                (fb if typ in ("FF", "SF") and not inherited and not ms else sb).append(x)
        if ms:
            cands = [(ax.index[d], True) for d in floors] + sb
            m = max(b for b, _ in cands)
            k = any(kk for b, kk in cands if b == m)
            SB_[n.id] = FB_[n.id] = m
            KS[n.id] = KF[n.id] = k
            ES[n.id] = EF[n.id] = ax.days[m] if k else ax.days[m - 1]
            continue
        KS[n.id], KF[n.id] = True, False
        sb += floors
        if n.status == "in-progress":
            r = remaining(n)
            ES[n.id] = n.actual_start
            SB_[n.id] = ax.index[ax.on_or_after(n.actual_start)]
            if n.dur[0] == "ed":
                f = max(plan.as_of + 1, n.actual_start) + r - 1
                for x in fb:
                    if f < x:
                        f = x
            else:
                rs = cal.after(plan.as_of)
                for x in fb:
                    rs = max(rs, cal.add(x, -(r - 1)))
                f = cal.add(rs, r - 1)
            EF[n.id] = f
            FB_[n.id] = max(fin_b(f), SB_[n.id])
        elif n.dur[0] == "ed":
            N = n.dur[1]
            s = max(sb)
            for x in fb:
                s = max(s, cal.on_or_after(x - (N - 1)))
            ES[n.id], EF[n.id] = s, s + N - 1
            SB_[n.id], FB_[n.id] = ax.index[s], fin_b(s + N - 1)
        else:
            N = wd_len(n)
            s = max(sb)
            for x in fb:
                s = max(s, cal.add(x, -(N - 1)))
            ES[n.id], EF[n.id] = s, cal.add(s, N - 1)
            SB_[n.id], FB_[n.id] = ax.index[s], ax.index[EF[n.id]] + 1

    # the plan's finish: the latest finish point, as a calendar day (an elapsed or done task may
    # end after the last working day)
    pfb = max(FB_.values())
    pf_plan = ax.days[pfb - 1]
    for n in leaves:
        if n.kind != "milestone" and (n.status == "done" or n.dur[0] == "ed"):
            pf_plan = max(pf_plan, EF[n.id])

    # backward pass: the mirror image. Each link's demand is a monotone function of the point it
    # leaves from, so the latest point that still meets the successor's late date is found by
    # bisection over that point.
    FB = {n.id: pf_plan for n in leaves}        # finish upper bounds (calendar ordinals)
    SB = {n.id: FAR for n in leaves}            # start upper bounds (calendar ordinals)
    MB = {n.id: FAR for n in leaves}            # milestones: upper bound on the point
    for n in plan.order:
        if n.deadline is not None and n.kind != "milestone":
            for l in plan.leaves(n):
                FB[l.id] = min(FB[l.id], n.deadline)
    LS, LF, LB = {}, {}, {}

    def latest(lo, hi, ok):
        """The largest v in [lo, hi] with ok(v) (ok is monotone: true, then false); lo - 1 if none."""
        if not ok(lo):
            return lo - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if ok(mid):
                lo = mid
            else:
                hi = mid - 1
        return lo

    b_lo, b_hi = ax.index[ax.on_or_after(lo_day)], ax.index[ax.on_or_before(hi_day)]
    off_axis = [o for o in range(lo_day, hi_day) if o not in ax.index]

    def latest_in(days, ok):
        """The latest of `days` (sorted) within the window with ok (monotone on them); -FAR if none."""
        a, b = bisect.bisect_left(days, lo_day), bisect.bisect_right(days, hi_day) - 1
        if a > b:
            return -FAR
        i = latest(a, b, lambda j: ok(days[j]))
        return days[i] if i >= a else -FAR

    for n in reversed(leaves):
        if n.status == "done":
            continue
        ms = n.kind == "milestone"
        cal = C(n)
        if ms:
            lb = min(fin_b(FB[n.id]), MB[n.id])
            if n.deadline is not None:
                lb = min(lb, fin_b(n.deadline) - (1 if KS[n.id] else 0))
            LB[n.id] = lb
        elif n.status == "in-progress":
            LF[n.id] = FB[n.id] if n.dur[0] == "ed" else cal.on_or_before(FB[n.id])
        elif n.dur[0] == "ed":
            N = n.dur[1]
            ls = min(cal.on_or_before(FB[n.id] - (N - 1)), cal.on_or_before(min(SB[n.id], hi_day)))
            LS[n.id], LF[n.id] = ls, ls + N - 1
        else:
            N = wd_len(n)
            ls = min(cal.add(cal.on_or_before(FB[n.id]), -(N - 1)), cal.on_or_before(min(SB[n.id], hi_day)))
            LS[n.id], LF[n.id] = ls, cal.add(ls, N - 1)
        for pid, typ, lag, inherited in links(n):
            if n.status == "in-progress" and typ in ("FS", "SS"):
                continue
            if ms:
                limit = LB[n.id]
                def meets(x):
                    return bound(n, typ, lag, inherited, x)[0] <= limit
            else:
                limit = LF[n.id] if typ in ("FF", "SF") and not inherited else LS[n.id]
                def meets(x):
                    return bound(n, typ, lag, inherited, x) <= limit
            p = nodes[pid]
            ls_ = plan.leaves(p)
            if p.kind == "summary" and uses_finish(typ):
                # a link from a summary leaves from its finish point, as one point: its latest
                # point (the kind it has, start or end), which caps every part; a finish waiting
                # for it on a working day caps its parts' finishes at the working day before
                mode = "start" if summary_fin(p)[2] else "finish"
                v = latest(b_lo, b_hi, lambda b: meets(mode_src(b, mode)))
                on = not ms and typ in ("FF", "SF") and not inherited
                for l in ls_:
                    if l.kind == "milestone":
                        MB[l.id] = min(MB[l.id], v)
                    else:
                        FB[l.id] = min(FB[l.id], ax.days[v - 1] if on else ax.days[v] - 1)
                continue
            if not uses_finish(typ) and p.kind == "summary" and not summary_ss_all:
                first = min(ES[l.id] for l in ls_)
                ls_ = [l for l in ls_ if ES[l.id] == first]
            for l in ls_:
                if l.kind == "milestone":
                    k = KS[l.id]
                    v = latest(b_lo, b_hi, lambda b: meets(src_of_point(b, k)))
                    MB[l.id] = min(MB[l.id], v)
                elif uses_finish(typ):
                    if l.dur[0] == "ed":
                        # an elapsed finish may fall on any day: on a day someone works it is
                        # the end of that day, on another the start of the next working day
                        v = max(latest_in(ax.days, lambda f: meets(("end", f))),
                                latest_in(off_axis, lambda f: meets(("end", f))))
                    else:
                        v = latest_in(C(l).days, lambda f: meets(("end", f)))
                    FB[l.id] = min(FB[l.id], v)
                else:
                    v = latest_in(C(l).days, lambda d: meets(("start", d)))
                    SB[l.id] = min(SB[l.id], v)

    out = {}
    for n in leaves:
        s, f = ES[n.id], EF[n.id]
        cal = C(n)
        if n.status == "done":
            dur = 0 if n.kind == "milestone" else cal.count(s, f)
            out[n.id] = dict(start=s, finish=f, duration=dur, total_float=0, critical=False)
            continue
        if n.kind == "milestone":
            dur = 0
            # float in the plan's working days between the two points
            fl = bisect.bisect_left(P.days, ax.days[LB[n.id]]) - bisect.bisect_left(P.days, ax.days[SB_[n.id]])
            if LB[n.id] < SB_[n.id]:
                fl = min(fl, -1)        # late, if by a day on which only a team works
        elif n.status == "in-progress":
            dur = cal.count(s, f)           # the span shown: actual start to forecast finish
            fl = bisect.bisect_right(cal.days, LF[n.id]) - bisect.bisect_right(cal.days, f)
        elif n.dur[0] == "ed":
            dur = cal.count(s, f)
            fl = cal.diff(s, LS[n.id])
        else:
            dur = wd_len(n)
            fl = cal.diff(s, LS[n.id])
        out[n.id] = dict(start=s, finish=f, duration=dur, total_float=fl, critical=fl <= 0)
    for n in plan.order:
        if n.kind == "summary":
            ls_ = [l for l in plan.leaves(n) if l.status != "done"]
            s, f = agg(n)
            fl = min(out[l.id]["total_float"] for l in ls_) if ls_ else 0
            # the working days (of the axis) between its parts' first start point and last finish point
            dur = max(0, fin(n)[0] - sta(n)[0])
            crit = fl <= 0 and bool(ls_)            # done work is never critical
            out[n.id] = dict(start=s, finish=f, duration=dur, total_float=fl, critical=crit)
    return out


# ----------------------------------------------------------------------------------------------
# random plans


PRESET_WEEKS = [
    ["mon", "tue", "wed", "thu", "fri"],
    ["mon", "tue", "wed", "thu", "fri"],
    ["mon", "tue", "wed", "thu", "fri"],
    ["sun", "mon", "tue", "wed", "thu"],
    ["mon", "tue", "wed", "thu", "fri", "sat"],
    ["tue", "wed", "thu", "fri", "sat"],
]


TEAM_WEEKS = [
    None,                                           # the plan's workdays
    ["mon", "tue", "wed", "thu"],
    ["mon", "tue", "wed", "thu", "fri", "sat"],
    ["tue", "wed", "thu", "fri", "sat", "sun"],
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    ["sat", "sun"],
    ["mon", "wed", "fri"],
]


def add_teams(p, rnd):
    """Teams with calendars of their own (some working weekends, some fewer days, holidays of
    their own), owners (on tasks and summaries) and assignments of one or two teams."""
    if rnd.random() < 0.4:
        return
    for i in range(rnd.randint(1, 3)):
        if rnd.random() < 0.75:
            wd = rnd.choice(TEAM_WEEKS)
        else:
            chosen = rnd.sample(DAYS, rnd.randint(1, 6))
            wd = [d for d in DAYS if d in chosen]
        hol = set()
        for _ in range(rnd.choice([0, 0, 1, 2, 3])):
            a = p.start + rnd.randrange(-5, 120)
            hol.update(range(a, a + rnd.choice([1, 1, 1, 3, 6])))
        p.teams["team%d" % (i + 1)] = (wd, hol)
    names = sorted(p.teams)
    for n in p.order:
        r = rnd.random()
        if n.kind == "summary":
            if r < 0.3:
                n.owner = rnd.choice(names)
        elif n.kind == "task":
            if r < 0.45:
                n.owner = rnd.choice(names)
            elif r < 0.7:
                pair = rnd.sample(names, min(2, len(names)))
                # teams with no workday in common are E208, not a schedule
                if len(pair) == 2 and not set(p.team_workdays(pair[0])) & set(p.team_workdays(pair[1])):
                    pair = pair[:1]
                n.assign = pair
        elif not n.gate and r < 0.2:
            n.owner = rnd.choice(names)             # a milestone's owner changes nothing


def generate(seed, opts):
    rnd = random.Random(seed)
    p = Plan()
    p.start = dt.date(2026, 1, 1).toordinal() + rnd.randrange(0, 900)
    if rnd.random() < 0.8:
        p.workdays = rnd.choice(PRESET_WEEKS)
    else:
        k = rnd.randint(3, 6)
        chosen = rnd.sample(DAYS, k)   # once: a sample per day could leave no workday at all
        p.workdays = [d for d in DAYS if d in chosen]
    for _ in range(rnd.randint(0, 5)):
        p.holidays.append(("date", p.start + rnd.randrange(-5, 150), rnd.random() < 0.3))
    for _ in range(rnd.randint(0, 2)):
        a = p.start + rnd.randrange(-5, 150)
        p.holidays.append(("range", a, a + rnd.randrange(1, 9)))

    ntasks = rnd.randint(5, 40)
    stack = []
    counter = [0]

    def new(kind, gate=False):
        counter[0] += 1
        prefix = {"task": "t", "milestone": "m", "summary": "s"}[kind]
        n = Node("%s%d" % ("g" if gate else prefix, counter[0]), kind,
                 parent=stack[-1].id if stack else None, gate=gate)
        if stack:
            stack[-1].children.append(n)
        p.order.append(n)
        p.nodes[n.id] = n
        return n

    while counter[0] < ntasks:
        r = rnd.random()
        if stack and stack[-1].children and r < 0.2:
            stack.pop()
            continue
        if len(stack) < 3 and r < 0.35:
            stack.append(new("summary"))
            continue
        if not stack and r < 0.42 and opts.gates:
            new("milestone", gate=True)
            continue
        if r < 0.55:
            new("milestone")
        else:
            n = new("task")
            k = rnd.random()
            if k < 0.6:
                n.dur = ("d", rnd.randint(1, 10))
            elif k < 0.75 or not opts.elapsed:
                n.dur = ("w", rnd.randint(1, 3))
            else:
                n.dur = ("ed", rnd.randint(1, 12))
    while stack:
        s = stack.pop()
        if not s.children:
            stack.append(s)
            n = new("task")
            n.dur = ("d", rnd.randint(1, 5))
            stack.pop()

    types = ["FS"] * 11 + ["SS"] * 4 + ["FF"] * 3 + ["SF"] * 2
    for i, n in enumerate(p.order):
        anc = {a.id for a in p.ancestors(n)}
        cands = [c for c in p.order[:i] if c.id not in anc]
        k = rnd.choice([0, 1, 1, 1, 2, 2, 3]) if cands else 0
        for pred in rnd.sample(cands, min(k, len(cands))):
            typ = rnd.choice(types)
            if n.kind == "summary" and typ in ("FF", "SF") and not opts.summary_finish_links:
                typ = rnd.choice(["FS", "SS"])
            if pred.kind == "summary" and typ in ("SS", "SF") and not opts.summary_start_links:
                typ = "FS"
            lag = 0
            form = None
            if rnd.random() < 0.4:
                if rnd.random() < 0.15:
                    w = rnd.choice([1, -1])
                    lag = w * len(p.workdays)
                    form = "%dw" % w
                else:
                    lag = rnd.randint(-4, 6)
                    form = rnd.choice([lag, "%dd" % lag])
            if typ == "FS" and lag == 0 and rnd.random() < 0.7:
                y = pred.id
            else:
                y = {"task": pred.id}
                if typ != "FS" or rnd.random() < 0.3:
                    y["type"] = typ
                if form is not None:
                    y["lag"] = form
            n.after.append((pred.id, typ, lag, y))
        if not n.gate and rnd.random() < 0.1:
            n.not_before = p.start + rnd.randrange(0, 60)

    if getattr(opts, "teams", False):      # check-mspdi.py and check-import.py: no teams
        add_teams(p, random.Random(seed * 7919 + 1))

    # deadlines relative to the forecast, so some are tight and some are missed
    base = schedule(p)
    for n in p.order:
        if rnd.random() < (0.05 if n.kind == "summary" else 0.12):
            n.deadline = base[n.id]["finish"] + rnd.randint(-4, 12)

    if opts.as_of and rnd.random() < 0.4:
        span = max(base[n.id]["finish"] for n in p.order) - p.start
        p.as_of = p.start + rnd.randrange(0, max(1, span))
        for n in p.order:
            if n.kind == "summary":
                continue
            cal = p.task_calendar(n)
            s, f = base[n.id]["start"], base[n.id]["finish"]
            preds = [l for x in [n] + p.ancestors(n) for a in x.after for l in p.leaves(p.nodes[a[0]])]
            if not opts.out_of_sequence:
                # progress in sequence: done only after every predecessor is done, started only
                # once every predecessor has started
                if not all(l.status == "done" for l in preds):
                    f = FAR
                if not all(l.status for l in preds):
                    s = FAR
            if n.kind == "milestone":
                if f <= p.as_of and rnd.random() < 0.9:
                    n.status = "done"
                    n.actual_finish = f
                continue
            if f <= p.as_of and rnd.random() < 0.9:
                n.status = "done"
                # jitter the actual dates by a working day or two, keeping them by the status date
                # (only with --out-of-sequence: jitter can end a task after its successor started)
                j = (lambda *c: rnd.choice(c)) if opts.out_of_sequence else (lambda *c: 0)
                a = cal.add(s, j(0, 0, 0, -1, 1, 2))
                if n.dur[0] == "ed":
                    b = a + n.dur[1] - 1 + j(0, 0, -1, 1)
                else:
                    b = cal.add(cal.on_or_before(f), j(0, 0, 0, -1, 1, 2))
                if b > p.as_of:
                    b = cal.on_or_before(p.as_of) if n.dur[0] != "ed" else p.as_of
                a = min(a, cal.on_or_before(b))
                n.actual_start, n.actual_finish = a, b
            elif s <= p.as_of < f and rnd.random() < 0.9:
                n.status = "in-progress"
                n.actual_start = s
                n.progress = rnd.choice([0, 10, 25, 33, 50, 60, 75, 90, 99])
    return p


# ----------------------------------------------------------------------------------------------
# running and comparing


# planc discrepancies reported to the team; --skip-known NAME stops comparing what each affects
KNOWN = {
    # None open. Fixed in planc: milestone-sf, elapsed-float, done-summary, summary-span and
    # summary-float (their --skip-known handling below is kept for bisecting older builds).
    name: "fixed in planc" for name in
    ("milestone-sf", "elapsed-float", "done-summary", "summary-span", "summary-float")
}

FIELDS = ["start", "finish", "duration", "total_float", "critical"]


def run_planc(planc, path):
    pr = subprocess.run([planc, "schedule", "--format", "json", path], capture_output=True, text=True)
    return pr.returncode, pr.stdout, pr.stderr


def check(seed, opts, tmp):
    plan = generate(seed, opts)
    path = os.path.join(tmp, "plan-%d.yaml" % seed)
    text = plan.to_yaml("xc-%d" % seed)
    with open(path, "w") as f:
        f.write(text)
    rc, out, err = run_planc(opts.planc, path)
    errors = [l for l in err.splitlines() if ": error[" in l]
    if rc not in (0, 1) or (rc == 1 and (not out.strip() or any("error[E301]" not in l for l in errors))):
        return seed, len(plan.order), ["planc exit %d:\n%s" % (rc, err.strip())], text, None
    got = {t["id"]: t for t in json.loads(out)["tasks"]}
    want = schedule(plan, summary_ss_all=not opts.summary_ss_first, known=opts.known)
    diffs = []
    skip = float_unchecked(plan) if "elapsed-float" in opts.known else set()
    for n in plan.order:
        g, w = got.get(n.id), want[n.id]
        if g is None:
            diffs.append("%s: missing from planc's output" % n.id)
            continue
        bad = []
        for k in FIELDS:
            wv = w[k]
            if wv is None:
                continue
            if k in ("total_float", "critical") and (n.id in skip or known_summary(n, opts.known, plan)):
                continue
            if k != "start" and n.kind == "summary" and "summary-span" in opts.known and \
                    any(l.status == "done" for l in plan.leaves(n)):
                continue
            if k in ("start", "finish"):
                wv = iso(wv)
            if g[k] != wv:
                bad.append("%s planc=%s mine=%s" % (k, json.dumps(g[k]), json.dumps(wv)))
        if bad:
            diffs.append("%s (%s): %s" % (n.id, describe(n), "; ".join(bad)))
    return seed, len(plan.order), diffs, text, (got, want)


def compare(plan, opts, tmp, name="reduce"):
    path = os.path.join(tmp, name + ".yaml")
    text = plan.to_yaml(name)
    with open(path, "w") as f:
        f.write(text)
    rc, out, err = run_planc(opts.planc, path)
    errors = [l for l in err.splitlines() if ": error[" in l]
    if rc not in (0, 1) or (rc == 1 and (not out.strip() or any("error[E301]" not in l for l in errors))):
        return None, text
    got = {t["id"]: t for t in json.loads(out)["tasks"]}
    want = schedule(plan, summary_ss_all=not opts.summary_ss_first, known=opts.known)
    diffs = []
    skip = float_unchecked(plan) if "elapsed-float" in opts.known else set()
    for n in plan.order:
        g, w = got[n.id], want[n.id]
        for k in FIELDS:
            wv = w[k]
            if wv is None or (k in ("total_float", "critical") and (n.id in skip or known_summary(n, opts.known, plan))) \
                    or (k != "start" and n.kind == "summary" and "summary-span" in opts.known and
                        any(l.status == "done" for l in plan.leaves(n))):
                continue
            if k in ("start", "finish"):
                wv = iso(wv)
            if g[k] != wv:
                diffs.append((n.id, k, g[k], wv))
    return diffs, text


def reduce_plan(plan, opts, tmp):
    """Greedy delta debugging: drop nodes, links, dates and holidays while a mismatch remains."""
    import copy

    def still_bad(p):
        try:
            d, _ = compare(p, opts, tmp)
        except Exception:
            return False
        return bool(d)

    def without(p, nid):
        q = copy.deepcopy(p)
        drop = {x.id for x in q.leaves(q.nodes[nid])} | {nid}
        stack = [q.nodes[nid]]
        while stack:
            x = stack.pop()
            drop.add(x.id)
            stack.extend(x.children)
        n = q.nodes[nid]
        if n.parent:
            par = q.nodes[n.parent]
            par.children = [c for c in par.children if c.id != nid]
            if not par.children:
                return None
        q.order = [x for x in q.order if x.id not in drop]
        for x in drop:
            del q.nodes[x]
        for x in q.order:
            x.after = [a for a in x.after if a[0] not in drop]
        return q

    changed = True
    while changed:
        changed = False
        for n in list(reversed(plan.order)):
            if n.id not in plan.nodes:
                continue
            q = without(plan, n.id)
            if q is not None and q.order and still_bad(q):
                plan, changed = q, True
        for n in plan.order:
            for i in range(len(n.after) - 1, -1, -1):
                q = copy.deepcopy(plan)
                del q.nodes[n.id].after[i]
                if still_bad(q):
                    plan, changed = q, True
            for attr in ("deadline", "not_before"):
                if getattr(n, attr) is not None:
                    q = copy.deepcopy(plan)
                    setattr(q.nodes[n.id], attr, None)
                    if still_bad(q):
                        plan, changed = q, True
        for i in range(len(plan.holidays) - 1, -1, -1):
            q = copy.deepcopy(plan)
            del q.holidays[i]
            if still_bad(q):
                plan, changed = q, True
    return plan


def known_summary(n, known, plan):
    """Is n a summary whose float / critical flag a known discrepancy makes planc report differently?"""
    if n.kind != "summary":
        return False
    if "summary-float" in known:
        return True
    return "done-summary" in known and all(l.status == "done" for l in plan.leaves(n))


def float_unchecked(plan):
    """Ids whose float the known elapsed-float discrepancy can change: every elapsed task that is
    not done, everything it waits for (transitively, through summaries) and the summaries
    that hold any of them."""
    preds = {}
    for n in plan.order:
        for l in plan.leaves(n):
            for x in [n] + plan.ancestors(n):
                for pid, _, _, _ in x.after:
                    preds.setdefault(l.id, set()).update(y.id for y in plan.leaves(plan.nodes[pid]))
    elapsed = [n for n in plan.order if n.kind == "task" and n.dur[0] == "ed" and n.status != "done"]
    todo = [n.id for n in elapsed]
    for n in elapsed:       # a link to a summary holding elapsed work binds all its parts
        for a in plan.ancestors(n):
            todo.extend(l.id for l in plan.leaves(a))
    seen = set()
    while todo:
        i = todo.pop()
        if i not in seen:
            seen.add(i)
            todo.extend(preds.get(i, ()))
    for i in list(seen):
        seen.update(a.id for a in plan.ancestors(plan.nodes[i]))
    return seen


def describe(n):
    bits = [n.kind if not n.gate else "gate"]
    if n.dur:
        bits.append("%d%s" % (n.dur[1], n.dur[0]))
    if n.status:
        bits.append(n.status)
    return " ".join(bits)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=200, help="check seeds 0..N-1 (default 200)")
    ap.add_argument("--seed", type=int, help="replay this one seed")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep", metavar="DIR", help="keep the generated plans in DIR")
    ap.add_argument("-v", "--verbose", action="store_true", help="print plan and schedules of failing seeds")
    ap.add_argument("--no-as-of", dest="as_of", action="store_false", help="never generate a status date")
    ap.add_argument("--no-elapsed", dest="elapsed", action="store_false",
                    help="never generate elapsed (Ned) durations, so elapsed-float skips no float")
    ap.add_argument("--no-gates", dest="gates", action="store_false", help="never generate gates")
    ap.add_argument("--no-teams", dest="teams", action="store_false", help="never generate team calendars")
    ap.add_argument("--out-of-sequence", action="store_true",
                    help="with a status date, also mark work done / in progress whose predecessors are not")
    ap.add_argument("--summary-start-links", action="store_true",
                    help="also generate SS/SF links FROM summaries (semantics unspecified)")
    ap.add_argument("--summary-finish-links", action="store_true",
                    help="also generate FF/SF links in a summary's own `after` (semantics unspecified)")
    ap.add_argument("--summary-ss-first", action="store_true",
                    help="backward pass: a start bound on a summary binds only its earliest descendants")
    ap.add_argument("--reduce", type=int, metavar="SEED", help="shrink a failing seed's plan to a minimal one")
    ap.add_argument("--skip-known", dest="known", action="append", default=[], choices=sorted(KNOWN) + ["all"],
                    help="do not compare what a reported planc discrepancy affects (repeatable; "
                         "`all` for every one): " + "; ".join("%s: %s" % kv for kv in sorted(KNOWN.items())))
    opts = ap.parse_args()
    if "all" in opts.known:
        opts.known = sorted(KNOWN)
    opts.planc = os.environ.get("PLANC", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                      "..", ".build", "debug", "planc"))
    if not os.access(opts.planc, os.X_OK):
        sys.exit("crosscheck: %s not found; run `swift build` or set PLANC" % opts.planc)
    if opts.reduce is not None:
        tmp = tempfile.mkdtemp(prefix="crosscheck-")
        plan = reduce_plan(generate(opts.reduce, opts), opts, tmp)
        diffs, text = compare(plan, opts, tmp)
        print(text)
        for d in diffs or []:
            print("  %s %s: planc=%s mine=%s" % d)
        shutil.rmtree(tmp, ignore_errors=True)
        return
    seeds = [opts.seed] if opts.seed is not None else list(range(opts.seeds))
    tmp = opts.keep or tempfile.mkdtemp(prefix="crosscheck-")
    os.makedirs(tmp, exist_ok=True)
    bad_plans = ntasks = bad_tasks = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
            for seed, n, diffs, text, scheds in ex.map(lambda s: check(s, opts, tmp), seeds):
                ntasks += n
                if diffs or (opts.verbose and opts.seed is not None):
                    if diffs:
                        bad_plans += 1
                        bad_tasks += len(diffs)
                        print("seed %d: %d mismatch(es)" % (seed, len(diffs)))
                        for d in diffs:
                            print("  " + d)
                    if opts.verbose:
                        print(text)
                        if scheds:
                            got, want = scheds
                            for k in got:
                                w = want.get(k, {})
                                print("  %-5s planc %s..%s d=%s tf=%s | mine %s..%s d=%s tf=%s" % (
                                    k, got[k]["start"], got[k]["finish"], got[k]["duration"], got[k]["total_float"],
                                    iso(w["start"]), iso(w["finish"]), w["duration"], w["total_float"]))
    finally:
        if not opts.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print("crosscheck: %d plans, %d tasks, %d mismatches%s" % (
        len(seeds), ntasks, bad_tasks, " (in %d plans)" % bad_plans if bad_plans else ""))
    if opts.known:
        print("crosscheck: not compared (known planc discrepancies): " + ", ".join(opts.known))
    sys.exit(1 if bad_plans else 0)


if __name__ == "__main__":
    main()
