#!/usr/bin/env python3
"""A generated resource-levelling plan for planc, and the same problem for TaskJuggler.

    generate.py N [--seed S] [--teams 20] [--streams 20] [-o PLAN.yaml] [--tjp FILE] [--tj-report NAME]

N items (leaf tasks and milestones; summaries come on top): `--teams` teams of 2-10 people
(`capacity`); every leaf task lasts 1-10 working days and uses one team with
`assign: [{team, units}]` (a team chosen with odds in proportion to its size, so that no small
team is the bottleneck of every plan), units 1-3 and never above the team's capacity. The items are dealt
into `--streams` streams of work (programs: item i goes to stream i mod 20); each item after a
stream's first has finish-to-start links to 1-3 of the 50 items before it in its stream; every
100 items of a stream form a summary; every 250th item is a milestone; Monday-Friday with a few
holidays a year; `level: true`. With one stream the critical path grows with N (about 0.5
working days a task: 20 years at 10k, past TaskJuggler's last year, 2035); with 20 it stays near
a year at 10k while the teams' work needs about 3.5, so the plans are resource-bound and
levelling decides the finish. Deterministic: the same arguments give the same bytes.

With `--tjp` the same plan is written as a TaskJuggler 3 project. The mapping (see
docs/performance.md "Levelling at scale and TaskJuggler"):

- a team of capacity C is a resource group of C member resources (`team03_1` .. `team03_C`);
- a task that uses U units of a team for D days gets U allocations of that team's members, each
  `{ alternative <all other members> mandatory }` (any U different members, and only on slots
  where all U are free), and `effort` D x U: the U members together finish it in D working days;
  an `effort` task is what TaskJuggler levels (a `duration` task keeps its length and runs
  without its resources when they are busy: tried, it warns "did not get any resources");
- one working hour a day (`workinghours mon - fri 9:00 - 10:00`, `dailyworkinghours 1`,
  `timingresolution 60min`): a day is one scheduling slot, as in planc, and TaskJuggler does a
  day's work in one slot instead of eight (same problem, an eighth of its slots);
- holidays are global `leaves holiday`; FS links are `depends`; milestones are `milestone`;
  summaries are container tasks (ids become `wsNNN.tNNNNN` paths);
- a CSV task report (`<tj-report>.csv`, columns id, start, end as dates) gives the schedule.

Limits: TaskJuggler may interrupt an effort task when its members are busy and resume it later
(planc never splits a task), so it solves a looser, preemptive problem; it picks which members
work a task and may change them from day to day (planc counts units only, so that matches); it
levels with its own heuristic (priority, then path criticalness), so finishes differ; the project
interval is twice the larger of the critical path and the resource bound plus 3 months, and a
schedule that would run past it is an error in TaskJuggler.
"""

import argparse
import datetime
import random
import sys

START = datetime.date(2027, 1, 4)  # a Monday
WINDOW = 50
SUMMARY_EVERY = 100
MILESTONE_EVERY = 250
TJ_LAST_YEAR = 2035  # tj3 3.7: "Year 2036 out of range (1970 - 2035)"


def generate(n, seed, team_count, stream_count):
    """Items in file order: stream by stream; item ids number them in creation order."""
    rng = random.Random(seed)
    teams = [(f"team{t + 1:02d}", rng.randint(2, 10)) for t in range(team_count)]
    streams = [[] for _ in range(stream_count)]
    for i in range(n):
        stream = streams[i % stream_count]
        position = len(stream)
        item = {"id": f"t{i:05d}", "milestone": (i + 1) % MILESTONE_EVERY == 0, "after": [],
                "summary": f"ws{i % stream_count + 1:02d}{position // SUMMARY_EVERY + 1:03d}"}
        if position > 0:
            low = max(0, position - WINDOW)
            count = min(rng.randint(1, 3), position - low)
            item["after"] = [stream[p]["id"] for p in sorted(rng.sample(range(low, position), count))]
        if not item["milestone"]:
            team, capacity = rng.choices(teams, weights=[c for _, c in teams])[0]
            item["team"] = team
            item["units"] = min(rng.randint(1, 3), capacity)
            item["days"] = rng.randint(1, 10)
        stream.append(item)
    return teams, [item for stream in streams for item in stream]


def working_days_bound(teams, items):
    """The resource bound in working days: the busiest team's person-days over its capacity."""
    demand = {team: 0 for team, _ in teams}
    for item in items:
        if not item["milestone"]:
            demand[item["team"]] += item["days"] * item["units"]
    return max((demand[team] + capacity - 1) // capacity for team, capacity in teams)


def holidays(years):
    days = []
    for year in range(START.year, START.year + years + 1):
        for month, day, name in ((1, 1, "New Year"), (5, 1, "Labour Day"), (10, 1, "National Day"),
                                 (12, 25, "Christmas"), (12, 26, "Boxing Day")):
            date = datetime.date(year, month, day)
            if date.weekday() < 5 and date >= START:
                days.append((date, name))
    return days


def critical_path_days(items):
    """The unlevelled finish in working days (every link finish-to-start, no lag)."""
    finish = {}
    for item in items:  # a predecessor comes before its successors in file order
        start = max((finish[p] for p in item["after"]), default=0)
        finish[item["id"]] = start + (0 if item["milestone"] else item["days"])
    return max(finish.values(), default=0)


def horizon_years(teams, items):
    # Levelled finishes land above both bounds; give twice the larger and 3 months of room, up to
    # the end of 2035, the last year TaskJuggler 3 can represent.
    bound = max(working_days_bound(teams, items), critical_path_days(items))
    calendar_days = bound * 7 // 5 * 2 + 90
    return min(calendar_days // 365 + 1, TJ_LAST_YEAR - START.year)


def plan_yaml(n, seed, teams, items, years):
    out = [
        f"plan: levelling-{n}",
        f"title: Generated levelling benchmark, {n} tasks, {len(teams)} teams, seed {seed}",
        f"start: {START.isoformat()}",
        "level: true",
        "calendar:",
        "  workdays: [mon, tue, wed, thu, fri]",
        "  holidays:",
    ]
    for date, name in holidays(years):
        out.append(f"    - {{ date: {date.isoformat()}, name: {name} }}")
    out.append("teams:")
    for team, capacity in teams:
        out.append(f"  {team}: {{ name: Team {team[4:]}, capacity: {capacity} }}")
    out.append("tasks:")
    summary = None
    for item in items:
        if item["summary"] != summary:
            summary = item["summary"]
            out.append(f"  - id: {summary}")
            out.append(f"    title: Stream {summary[2:4]} part {summary[4:]}")
            out.append("    tasks:")
        fields = [f"id: {item['id']}"]
        if item["milestone"]:
            fields.append("milestone: true")
        else:
            fields.append(f"owner: {item['team']}")
            fields.append(f"duration: {item['days']}d")
            fields.append(f"assign: [{{ team: {item['team']}, units: {item['units']} }}]")
        if item["after"]:
            fields.append("after: [" + ", ".join(item["after"]) + "]")
        out.append("      - { " + ", ".join(fields) + " }")
    return "\n".join(out) + "\n"


def plan_tjp(n, seed, teams, items, years, report):
    out = [
        f'project levelling{n} "Generated levelling benchmark, {n} tasks, seed {seed}" '
        f"{START.isoformat()} +{years}y {{",
        '  timezone "UTC"',
        "  timingresolution 60min",
        "  dailyworkinghours 1",
        "  workinghours mon - fri 9:00 - 10:00",
        "  workinghours sat, sun off",
        "}",
    ]
    for date, name in holidays(years):
        out.append(f'leaves holiday "{name}" {date.isoformat()}')
    for team, capacity in teams:
        out.append(f'resource {team} "Team {team[4:]}" {{')
        for member in range(1, capacity + 1):
            out.append(f'  resource {team}_{member} "Team {team[4:]} member {member}"')
        out.append("}")
    capacities = dict(teams)
    summary_by_id = {item["id"]: item["summary"] for item in items}
    summary = None
    for item in items:
        if item["summary"] != summary:
            if summary:
                out.append("}")
            summary = item["summary"]
            out.append(f'task {summary} "Stream {summary[2:4]} part {summary[4:]}" {{')
        body = []
        if item["milestone"]:
            body.append("milestone")
        else:
            team, units = item["team"], item["units"]
            members = [f"{team}_{m}" for m in range(1, capacities[team] + 1)]
            allocations = []
            for k in range(units):
                others = [m for m in members if m != members[k]]
                allocations.append(f"{members[k]} {{ alternative {', '.join(others)} mandatory }}")
            body.append(f"effort {item['days'] * units}h")
            body.append("allocate " + ", ".join(allocations))
        if item["after"]:
            body.append("depends " + ", ".join(f"{summary_by_id[p]}.{p}" for p in item["after"]))
        out.append(f'  task {item["id"]} "{item["id"]}" {{ ' + " ".join(body) + " }")
    if items:
        out.append("}")
    out.append(f'taskreport "{report}" {{ formats csv columns id, start, end '
               f'timeformat "%Y-%m-%d" hideresource 1 }}')
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="items: leaf tasks and milestones")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--streams", type=int, default=20,
                        help="independent chains of work the items are dealt into (default 20)")
    parser.add_argument("-o", "--output", help="the planc plan (default: standard output)")
    parser.add_argument("--tjp", help="also write the TaskJuggler project here")
    parser.add_argument("--tj-report", default="tj-schedule",
                        help="name of the TaskJuggler CSV report (written beside where tj3 runs)")
    arguments = parser.parse_args()
    if min(arguments.n, arguments.teams, arguments.streams) < 1:
        parser.error("N, --teams and --streams must be at least 1")
    teams, items = generate(arguments.n, arguments.seed, arguments.teams, arguments.streams)
    years = horizon_years(teams, items)
    text = plan_yaml(arguments.n, arguments.seed, teams, items, years)
    if arguments.output:
        with open(arguments.output, "w") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    if arguments.tjp:
        with open(arguments.tjp, "w") as handle:
            handle.write(plan_tjp(arguments.n, arguments.seed, teams, items, years, arguments.tj_report))


if __name__ == "__main__":
    main()
