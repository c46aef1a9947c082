#!/usr/bin/env python3
"""`planc import` on MSPDI that MPXJ wrote: each plan (the example plan, the milestone golden plan,
random plans from crosscheck.py's generator with elapsed durations, gates and every link type)
goes planc → MSPDI → MPXJ (read, then written again by its MSPDIWriter) → planc import, and the
imported plan must compile without errors and schedule every task to the same start and finish
as the original, keep every team's lead and absence names, and match schemas/plan.schema.json. The MS Project files in ../shared/msproject, when present, are converted from
.mpp by MPXJ and imported the same way: they must import and check clean.

    scripts/check-import.py [--seeds N]     PLANC overrides the binary (default .build/debug/planc)
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import crosscheck  # noqa: E402  (the random plan generator)

import jpype  # noqa: E402
import mpxj  # noqa: E402,F401


def planc(binary, args):
    r = subprocess.run([binary] + args, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def errors(stderr):
    return [line for line in stderr.splitlines() if ": error" in line]


def dates(binary, path):
    rc, out, err = planc(binary, ["schedule", "--format", "json", path])
    if not out.strip():
        return None, err
    return [(t["start"], t["finish"]) for t in json.loads(out)["tasks"]], err


def team_facts(path):
    """Each team's lead and its absences' names, which MSPDI keeps only in custom fields."""
    import yaml
    with open(path) as f:
        teams = (yaml.safe_load(f) or {}).get("teams") or {}
    facts = set()
    for team, spec in teams.items():
        spec = spec or {}
        if spec.get("lead") is not None:
            facts.add("%s lead %s" % (team, spec["lead"]))
        for absence in spec.get("absences") or []:
            if absence.get("name") is not None:
                facts.add("%s absence %s %s %s" % (team, absence.get("from"), absence.get("to"), absence["name"]))
    return facts


def through_mpxj(reader, writer, source, target):
    writer.write(reader.read(source), target)


def import_and_check(binary, xml, tmp, label, problems, allowed=None):
    plan = os.path.join(tmp, label.replace(" ", "-") + ".yaml")
    rc, _, err = planc(binary, ["import", xml, "--output", plan])
    if rc != 0:
        problems.append("%s: import exit %d: %s" % (label, rc, err.strip()[:300]))
        return None
    rc, out, err = planc(binary, ["check", plan])
    # Only what the original has too: a random plan may miss a deadline (E301).
    unexpected = [line for line in errors(out + err) if allowed is None or not any(code in line for code in allowed)]
    if unexpected:
        problems.append("%s: the imported plan does not check clean: %s" % (label, "; ".join(unexpected)[:300]))
        return None
    return plan


def round_trip(binary, path, reader, writer, tmp, label, problems):
    rc, xml, err = planc(binary, ["schedule", "--format", "mspdi", path])
    # A missed deadline (E301) is an error, and the schedule is still written.
    if not xml.strip():
        problems.append("%s: planc exit %d: %s" % (label, rc, err.strip()[:300]))
        return 0
    exported = os.path.join(tmp, label.replace(" ", "-") + ".planc.xml")
    with open(exported, "w") as f:
        f.write(xml)
    rewritten = os.path.join(tmp, label.replace(" ", "-") + ".mpxj.xml")
    through_mpxj(reader, writer, exported, rewritten)
    _, out, _ = planc(binary, ["check", path])
    allowed = {line.split("error[")[1][:4] for line in errors(out) if "error[" in line}
    imported = import_and_check(binary, rewritten, tmp, label, problems, allowed)
    if imported is None:
        return 0
    want, _ = dates(binary, path)
    lost = team_facts(path) - team_facts(imported)
    if lost:
        problems.append("%s: lost through MPXJ: %s" % (label, ", ".join(sorted(lost))[:300]))
    got, err = dates(binary, imported)
    if got is None:
        problems.append("%s: the imported plan has no schedule: %s" % (label, err.strip()[:300]))
        return 0
    if len(got) != len(want):
        problems.append("%s: %d tasks imported, %d in the plan" % (label, len(got), len(want)))
        return 0
    for index, (a, b) in enumerate(zip(want, got)):
        if a != b:
            problems.append("%s: task %d scheduled %s..%s after the round trip, %s..%s before" % (label, index + 1, b[0], b[1], a[0], a[1]))
    return len(want)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=40)
    opts = ap.parse_args()
    binary = os.environ.get("PLANC", os.path.join(HERE, "..", ".build", "debug", "planc"))
    jpype.startJVM()
    from org.mpxj.reader import UniversalProjectReader
    from org.mpxj.mspdi import MSPDIWriter
    reader, writer = UniversalProjectReader(), MSPDIWriter()
    problems = []
    count = 0
    root = os.path.join(HERE, "..")
    tmp = tempfile.mkdtemp(prefix="check-import-")
    count += round_trip(binary, os.path.join(root, "plans/perp-v2-launch.yaml"), reader, writer, tmp, "perp-v2", problems)
    count += round_trip(binary, os.path.join(root, "plans/exchange-listing.yaml"), reader, writer, tmp, "exchange-listing", problems)
    count += round_trip(binary, os.path.join(root, "Tests/Golden/milestones.yaml"), reader, writer, tmp, "milestones", problems)
    count += round_trip(binary, os.path.join(root, "Tests/Golden/progress.yaml"), reader, writer, tmp, "progress", problems)

    class G:
        gates = True
        elapsed = True
        # With a status date: done and in-progress work, on pace or behind (planc's MSPDI keeps
        # a task's planned length in Duration, so `progress` comes back meaning the same).
        as_of = True
        out_of_sequence = False
        summary_start_links = False
        summary_finish_links = False
    for seed in range(opts.seeds):
        path = os.path.join(tmp, "plan-%d.yaml" % seed)
        with open(path, "w") as f:
            f.write(crosscheck.generate(seed, G).to_yaml("import-%d" % seed))
        count += round_trip(binary, path, reader, writer, tmp, "seed %d" % seed, problems)

    # Teams (calendars of their own, owners, assignments of one or two teams): the same dates
    # after the round trip means the teams, their calendars and every task's teams came back.
    G.teams = True
    team_plans = 0
    for seed in range(opts.seeds):
        plan = crosscheck.generate(seed, G)
        if not plan.teams:
            continue
        path = os.path.join(tmp, "plan-teams-%d.yaml" % seed)
        with open(path, "w") as f:
            f.write(plan.to_yaml("import-teams-%d" % seed))
        count += round_trip(binary, path, reader, writer, tmp, "teams seed %d" % seed, problems)
        team_plans += 1

    files = sorted(glob.glob(os.path.join(root, "..", "shared", "msproject", "*.mpp")))
    for mpp in files:
        label = os.path.basename(mpp)[:-4]
        xml = os.path.join(tmp, label + ".xml")
        through_mpxj(reader, writer, mpp, xml)
        import_and_check(binary, xml, tmp, label, problems)
    # The imported plans against the plan schema too (check-jsonschema, as scripts/validate-schema.sh).
    imported = sorted(glob.glob(os.path.join(tmp, "*.yaml")))
    imported = [p for p in imported if not os.path.basename(p).startswith("plan-")]
    checker = [shutil.which("check-jsonschema")] if shutil.which("check-jsonschema") else [sys.executable, "-m", "check_jsonschema"]
    r = subprocess.run(checker + ["--schemafile",
                        os.path.join(root, "schemas", "plan.schema.json")] + imported, capture_output=True, text=True)
    if r.returncode != 0:
        problems.append("schema: " + (r.stdout + r.stderr).strip()[:600])
    for p in problems[:60]:
        print(p)
    print("import: %d plans round-tripped through MPXJ (%d tasks), %d MS Project files; %d problems"
          % (opts.seeds + 4 + team_plans, count, len(files), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
