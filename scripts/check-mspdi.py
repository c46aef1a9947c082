#!/usr/bin/env python3
"""MS Project XML (MSPDI) from `planc schedule --format mspdi`, read back by MPXJ (the library
ProjectLibre and most converters use) and scheduled by MPXJ's MS Project-compatible scheduler.

For each plan (the example plan, the milestone golden plan and random plans from crosscheck.py's
generator): MPXJ must find every task with its name, outline level, summary and milestone flags,
every link with its type and lag, every holiday as a calendar exception, and the dates planc
computed. Then MPXJ's MicrosoftScheduler reschedules the file from the project start; its early
dates must equal planc's, day and time, for plans without progress (a second opinion that planc's
semantics match MS Project's: all four link types with lags, holidays, other work weeks,
summaries, milestones driven every way, not_before).

Teams: MPXJ must find every declared team as a resource named by its id with its capacity as max
units (none without one), and every team a leaf task uses as an assignment with the same units
(from `assign` or 1; effort-derived units are checked for presence). Plans with teams but no
team calendars are rescheduled too; with team calendars they are only read back: MPXJ's
MicrosoftScheduler schedules tasks on the task or project calendar, never on resource calendars.

    scripts/check-mspdi.py [--seeds N]     PLANC overrides the binary (default .build/debug/planc)
"""
import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import crosscheck  # noqa: E402  (the random plan generator)

import jpype  # noqa: E402
import mpxj  # noqa: E402,F401

TYPES = {"FS": "FS", "SS": "SS", "FF": "FF", "SF": "SF"}


def planc(binary, args):
    r = subprocess.run([binary] + args, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def iso(java_date_time):
    return str(java_date_time)[:16] if java_date_time is not None else None


def check_plan(binary, path, reader, scheduler_cls, compare_schedule, problems, label):
    rc, xml, err = planc(binary, ["schedule", "--format", "mspdi", path])
    # A missed deadline (E301) is an error, and the schedule is still written.
    if rc != 0 and not (rc == 1 and xml.strip() and all("error[E301]" in l for l in err.splitlines() if ": error[" in l)):
        problems.append("%s: planc exit %d: %s" % (label, rc, err.strip()[:300]))
        return 0
    _, js, _ = planc(binary, ["schedule", "--format", "json", path])
    want = json.loads(js)
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(xml)
        xml_path = f.name
    project = reader.read(xml_path)
    tasks = [t for t in project.getTasks() if int(t.getUniqueID()) != 0]
    by_uid = {int(t.getUniqueID()): t for t in tasks}
    expected = want["tasks"]
    if len(tasks) != len(expected):
        problems.append("%s: MPXJ read %d tasks, planc wrote %d" % (label, len(tasks), len(expected)))
        return len(expected)
    ids = {t["id"]: i + 1 for i, t in enumerate(expected)}
    written = {}
    for i, t in enumerate(expected):
        m = by_uid[i + 1]
        where = "%s: %s" % (label, t["id"])
        if str(m.getName()) != (t["title"] or t["id"]):
            problems.append("%s: name %r, planc %r" % (where, str(m.getName()), t["title"] or t["id"]))
        level = 1
        parent = t["parent"]
        while parent is not None:
            level += 1
            parent = next(x["parent"] for x in expected if x["id"] == parent)
        if int(m.getOutlineLevel()) != level:
            problems.append("%s: outline level %s, planc %d" % (where, m.getOutlineLevel(), level))
        if bool(m.getSummary()) != t["summary"] or bool(m.getMilestone()) != (t["milestone"] and not t["summary"]):
            problems.append("%s: summary/milestone flags differ" % where)
        start, finish = iso(m.getStart()), iso(m.getFinish())
        written[t["id"]] = (start, finish)
        if start[:10] != t["start"] or (finish[:10] != t["finish"] and not finish.endswith("08:00")):
            problems.append("%s: dates %s..%s, planc %s..%s" % (where, start, finish, t["start"], t["finish"]))
    # links, from the plan text itself
    import yaml
    doc = yaml.safe_load(open(path))
    def walk(items):
        for item in items or []:
            yield item
            yield from walk(item.get("tasks"))
    plan_tasks = list(walk(doc.get("tasks"))) + list(doc.get("gates") or [])
    for item in plan_tasks:
        uid = ids[item["id"]]
        links = []
        for a in item.get("after") or []:
            if isinstance(a, str):
                links.append((ids[a], "FS", 0))
            else:
                lag = a.get("lag", 0)
                if isinstance(lag, str):
                    n = int(lag[:-1])
                    lag = n * len(doc.get("calendar", {}).get("workdays") or "12345") if lag.endswith("w") else n
                links.append((ids[a["task"]], a.get("type", "FS"), lag))
        got = []
        for r in by_uid[uid].getPredecessors():
            lag = r.getLag()
            got.append((int(r.getPredecessorTask().getUniqueID()), str(r.getType()), round(float(lag.getDuration()))))
        if sorted(got) != sorted(links):
            problems.append("%s: %s links %s, plan %s" % (label, item["id"], sorted(got), sorted(links)))
    # holidays as calendar exceptions
    holidays = []
    for h in (doc.get("calendar") or {}).get("holidays") or []:
        if isinstance(h, dict) and "from" in h:
            holidays.append((str(h["from"]), str(h["to"])))
        else:
            d = str(h["date"] if isinstance(h, dict) else h)
            holidays.append((d, d))
    def days(ranges):
        out = set()
        for a, b in ranges:
            d, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
            while d <= end:
                out.add(d)
                d += dt.timedelta(days=1)
        return out
    exceptions = [(str(e.getFromDate()), str(e.getToDate())) for e in project.getDefaultCalendar().getCalendarExceptions()]
    # Overlapping holidays are merged into one exception (MS Project refuses overlaps).
    if days(exceptions) != days(holidays) or sum(len(days([r])) for r in exceptions) != len(days(exceptions)):
        problems.append("%s: calendar exceptions %s, plan holidays %s" % (label, exceptions, holidays))
    check_resources(project, doc, walk, ids, problems, label)
    if compare_schedule:
        scheduler_cls().schedule(project, project.getProjectProperties().getStartDate())
        working = sorted(dt.date.fromisoformat(d) for d in
                         (str(x)[:10] for x in [m.getEarlyStart() for m in tasks] + [m.getEarlyFinish() for m in tasks]))
        for i, t in enumerate(expected):
            m = by_uid[i + 1]
            got = (iso(m.getEarlyStart()), iso(m.getEarlyFinish()))
            # The end of a working day and the start of the next are one instant of working time:
            # MS Project writes a milestone reached by a lag from a day's start at the end of the
            # day before (Mon 08:00 + 1 day = Mon 17:00), planc at the start of the day it falls
            # on, as docs/language.md says. Compare the instants.
            if tuple(instant(project, x) for x in got) != tuple(instant(project, x) for x in written[t["id"]]):
                problems.append("%s: %s MS Project scheduler %s..%s, planc %s..%s" % (
                    label, t["id"], got[0], got[1], written[t["id"]][0], written[t["id"]][1]))
    os.unlink(xml_path)
    return len(expected)


def check_resources(project, doc, walk, ids, problems, label):
    teams = doc.get("teams") or {}
    resources = {str(r.getName()): r for r in project.getResources() if int(r.getUniqueID()) != 0}
    if sorted(resources) != sorted(teams):
        problems.append("%s: MPXJ resources %s, plan teams %s" % (label, sorted(resources), sorted(teams)))
        return
    for team, spec in teams.items():
        spec = spec or {}
        units = resources[team].getMaxUnits()
        want = spec.get("capacity")
        got = None if units is None else float(units.doubleValue()) / 100
        if (want is None) != (got is None) or (want is not None and abs(got - want) > 1e-9):
            problems.append("%s: resource %s max units %s, plan capacity %s" % (label, team, got, want))
    # What each leaf task uses: its `assign`, else its owner or its nearest summary's.
    want = set()
    def uses(items, inherited):
        for item in items or []:
            owner = item.get("owner", inherited)
            if item.get("tasks"):
                uses(item["tasks"], owner)
                continue
            if item.get("milestone"):
                continue
            assign = item.get("assign")
            entries = assign if assign else ([owner] if owner is not None else [])
            for entry in entries:
                team = entry if isinstance(entry, str) else entry["team"]
                if team not in teams:
                    continue
                units = entry.get("units") if isinstance(entry, dict) else None
                units = None if units is None and item.get("effort") else (units if units is not None else 1)
                want.add((ids[item["id"]], team, units))
    uses(doc.get("tasks"), None)
    got = set()
    for a in project.getResourceAssignments():
        resource = a.getResource()
        if resource is None:
            continue
        units = float(a.getUnits().doubleValue()) / 100
        got.add((int(a.getTask().getUniqueID()), str(resource.getName()), units))
    loose = {(t, r) for t, r, u in want if u is None}
    got_cmp = {(t, r, None if (t, r) in loose else u) for t, r, u in got}
    if got_cmp != want:
        problems.append("%s: assignments MPXJ %s, plan %s" % (label, sorted(got_cmp - want)[:5], sorted(want - got_cmp)[:5]))


def with_capacities(text, seed):
    """The plan with a capacity on most of its teams (crosscheck.py's generator writes none)."""
    import random
    import yaml
    doc = yaml.safe_load(text)
    rnd = random.Random(seed)
    for team, spec in (doc.get("teams") or {}).items():
        if rnd.random() < 0.75:
            spec["capacity"] = rnd.randint(1, 6)
    return yaml.safe_dump(doc, sort_keys=False)


def instant(project, text):
    """A date-time as a working-time instant: 17:00 on a working day is 08:00 on the next."""
    day = dt.date.fromisoformat(text[:10])
    if text.endswith("17:00"):
        calendar = project.getDefaultCalendar()
        from java.time import LocalDate
        day += dt.timedelta(days=1)
        while not calendar.isWorkingDate(LocalDate.of(day.year, day.month, day.day)):
            day += dt.timedelta(days=1)
        return day.isoformat() + "T08:00"
    return text


def comparable(plan):
    """Random plans restricted to what planc and MS Project mean alike: MS Project lets work start
    before the project start (a negative lag, an SF link from the first day) and its scheduler
    does not hold a summary's parts back to the summary's start-no-earlier-than; planc never
    schedules work before the plan's start (docs/language.md)."""
    for n in plan.order:
        n.after = [(pid, typ, max(0, lag), y if lag >= 0 else {k: v for k, v in (y.items() if isinstance(y, dict) else [("task", y)]) if k != "lag"})
                   for pid, typ, lag, y in n.after if typ != "SF"]
        if n.kind == "summary":
            n.not_before = None
    return plan


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=60)
    ap.add_argument("-v", "--verbose", action="store_true")
    opts = ap.parse_args()
    binary = os.environ.get("PLANC", os.path.join(HERE, "..", ".build", "debug", "planc"))
    jpype.startJVM()
    from org.mpxj.reader import UniversalProjectReader
    from org.mpxj.cpm import MicrosoftScheduler
    reader = UniversalProjectReader()
    problems = []
    count = 0
    root = os.path.join(HERE, "..")
    count += check_plan(binary, os.path.join(root, "plans/perp-v2-launch.yaml"), reader, MicrosoftScheduler, False, problems, "perp-v2")
    count += check_plan(binary, os.path.join(root, "Tests/Golden/milestones.yaml"), reader, MicrosoftScheduler, True, problems, "milestones")

    class G:
        gates = True
        elapsed = False
        as_of = False
        out_of_sequence = False
        summary_start_links = False
        summary_finish_links = False
    tmp = tempfile.mkdtemp(prefix="check-mspdi-")
    for seed in range(opts.seeds):
        plan = comparable(crosscheck.generate(seed, G))
        path = os.path.join(tmp, "plan-%d.yaml" % seed)
        with open(path, "w") as f:
            f.write(plan.to_yaml("mspdi-%d" % seed))
        before = len(problems)
        count += check_plan(binary, path, reader, MicrosoftScheduler, True, problems, "seed %d" % seed)
        if opts.verbose and len(problems) > before:
            print(open(path).read())
    # Teams: without calendars of their own (rescheduled by MPXJ), and with them (read back only).
    G.teams = True
    team_plans = 0
    for seed in range(opts.seeds):
        for own_calendars in (False, True):
            plan = comparable(crosscheck.generate(seed, G))
            if not plan.teams:
                continue
            if not own_calendars:
                plan.teams = {t: (None, set()) for t in plan.teams}
            elif all(wd is None and not hol for wd, hol in plan.teams.values()):
                continue
            path = os.path.join(tmp, "teams-%d-%d.yaml" % (seed, own_calendars))
            with open(path, "w") as f:
                f.write(with_capacities(plan.to_yaml("mspdi-teams-%d" % seed), seed))
            before = len(problems)
            count += check_plan(binary, path, reader, MicrosoftScheduler, not own_calendars, problems,
                                "teams seed %d%s" % (seed, " (team calendars)" if own_calendars else ""))
            team_plans += 1
            if opts.verbose and len(problems) > before:
                print(open(path).read())
    for p in problems[:60]:
        print(p)
    print("mspdi: %d plans (%d with teams), %d tasks read back by MPXJ; %d problems" % (opts.seeds + 2 + team_plans, team_plans, count, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
