#!/usr/bin/env python3
"""Independent feasibility check of a levelled schedule of a generate.py plan.

    check.py PLAN.yaml SCHEDULE.json          # planc's `schedule --format json`
    check.py PLAN.yaml --tj TJ-SCHEDULE.csv   # TaskJuggler's CSV report (id;start;end)

Reads the plan with PyYAML (not planc) and computes its calendar itself (Monday-Friday less the
plan's holidays). Checks, for planc's schedule:
- every leaf task starts and finishes on working days and spans exactly its duration in working days;
- per team per working day, the sum of `units` of the leaf tasks working that day <= `capacity`;
- every finish-to-start link: a leaf successor starts after its predecessor's finish (a later
  working day); a milestone falls on or after every predecessor's finish.
For TaskJuggler it checks the links and counts the tasks whose span is longer than their duration
(TaskJuggler may interrupt an effort task, planc never does); its capacity use cannot be read from
start and end dates alone. Prints one line of counts and the finish; exits 1 on any violation.
"""

import argparse
import csv
import datetime
import json
import sys

import yaml

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def load_plan(path):
    with open(path) as handle:
        plan = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    calendar = plan.get("calendar", {})
    workdays = {WEEKDAYS[d] for d in calendar.get("workdays", ["mon", "tue", "wed", "thu", "fri"])}
    holidays = set()
    for entry in calendar.get("holidays", []):
        holidays.add(entry["date"] if isinstance(entry, dict) else entry)
    capacity = {team: spec["capacity"] for team, spec in plan["teams"].items()}
    tasks = {}

    def walk(entries):
        for entry in entries:
            if "tasks" in entry:
                walk(entry["tasks"])
                continue
            task = {"milestone": bool(entry.get("milestone")), "after": entry.get("after", [])}
            if not task["milestone"]:
                (assign,) = entry["assign"]
                task["team"], task["units"] = assign["team"], assign["units"]
                task["days"] = int(str(entry["duration"]).rstrip("d"))
            tasks[entry["id"]] = task

    walk(plan["tasks"])
    return workdays, holidays, capacity, tasks


def working(day, workdays, holidays):
    return day.weekday() in workdays and day not in holidays


def parse_date(text):
    return datetime.date.fromisoformat(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("plan")
    parser.add_argument("schedule", nargs="?")
    parser.add_argument("--tj", help="TaskJuggler CSV report instead of planc JSON")
    arguments = parser.parse_args()
    workdays, holidays, capacity, tasks = load_plan(arguments.plan)

    dates = {}
    if arguments.tj:
        with open(arguments.tj, newline="") as handle:
            rows = csv.reader(handle, delimiter=";")
            next(rows)
            for row in rows:
                task_id = row[0].rsplit(".", 1)[-1]
                if task_id in tasks:
                    dates[task_id] = (parse_date(row[1]), parse_date(row[2]))
    else:
        with open(arguments.schedule) as handle:
            schedule = json.load(handle)
        for entry in schedule["tasks"]:
            if entry["id"] in tasks:
                dates[entry["id"]] = (parse_date(entry["start"]), parse_date(entry["finish"]))

    errors = []
    missing = [t for t in tasks if t not in dates]
    if missing:
        errors.append(f"{len(missing)} tasks have no dates, e.g. {missing[0]}")
    load = {}  # (team, day) -> units
    interrupted = 0
    links = 0
    for task_id, task in tasks.items():
        if task_id not in dates:
            continue
        start, finish = dates[task_id]
        if not task["milestone"]:
            if not (working(start, workdays, holidays) and working(finish, workdays, holidays)):
                errors.append(f"{task_id}: starts or finishes on a non-working day ({start}, {finish})")
            days = []
            day = start
            while day <= finish:
                if working(day, workdays, holidays):
                    days.append(day)
                day += datetime.timedelta(days=1)
            if len(days) != task["days"]:
                if arguments.tj and len(days) > task["days"]:
                    interrupted += 1
                else:
                    errors.append(f"{task_id}: spans {len(days)} working days, duration {task['days']}")
            if not arguments.tj:
                for day in days:
                    key = (task["team"], day)
                    load[key] = load.get(key, 0) + task["units"]
        for predecessor in task["after"]:
            links += 1
            if predecessor not in dates:
                continue
            before = dates[predecessor][1]
            if task["milestone"] and start < before:
                errors.append(f"{task_id}: milestone {start} before its predecessor {predecessor} finishes {before}")
            if not task["milestone"] and start <= before:
                errors.append(f"{task_id}: starts {start}, not after {predecessor} finishes {before}")
    for (team, day), units in sorted(load.items()):
        if units > capacity[team]:
            errors.append(f"{team} on {day}: {units} units, capacity {capacity[team]}")

    finish = max((d[1] for d in dates.values()), default=None)
    summary = f"{len(dates)} tasks, {links} links"
    if arguments.tj:
        summary += f", {interrupted} interrupted (span > duration); capacity not checked"
    else:
        summary += f", {len(load)} team-days"
    print(f"finish {finish}; {summary}; {len(errors)} violations")
    for error in errors[:20]:
        print("  " + error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
