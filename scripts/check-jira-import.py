#!/usr/bin/env python3
"""`planc import --from jira` against Python's own readers: the Jira fixtures in Tests/Golden are
read with the csv module (RFC 4180) and the json module, and the plan planc writes, read with
PyYAML, must have every issue as a task (id = key lower-cased, title = summary, tags [jira:KEY]),
nested under its parent, and exactly the Blocks links of the export (either side) as `after`;
the plan must also match schemas/plan.schema.json (check-jsonschema).

    scripts/check-jira-import.py            PLANC overrides the binary (default .build/debug/planc)
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLANC = os.environ.get("PLANC", os.path.join(ROOT, ".build", "debug", "planc"))


def from_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = [h.strip().lower() for h in rows[0]]
    col = lambda name: [i for i, h in enumerate(header) if h == name.lower()]
    key, summary, parent, issue_id = col("Issue key")[0], col("Summary")[0], col("Parent"), col("Issue id")
    issues, key_of_id = {}, {}
    for row in rows[1:]:
        k = row[key].strip()
        blocks = [row[i].strip() for i in col("Outward issue link (Blocks)") if row[i].strip()]
        blocked_by = [row[i].strip() for i in col("Inward issue link (Blocks)") if row[i].strip()]
        issues[k] = {"summary": row[summary], "parent": row[parent[0]].strip() if parent else "",
                     "blocks": blocks, "blocked_by": blocked_by}
        if issue_id:
            key_of_id[row[issue_id[0]].strip()] = k
    for issue in issues.values():
        issue["parent"] = key_of_id.get(issue["parent"], issue["parent"])
    return issues


def from_json(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    issues = {}
    for issue in data["issues"]:
        fields = issue["fields"]
        blocks, blocked_by = [], []
        for link in fields.get("issuelinks") or []:
            if link["type"]["name"] != "Blocks":
                continue
            if "outwardIssue" in link:
                blocks.append(link["outwardIssue"]["key"])
            if "inwardIssue" in link:
                blocked_by.append(link["inwardIssue"]["key"])
        issues[issue["key"]] = {"summary": fields["summary"], "parent": (fields.get("parent") or {}).get("key", ""),
                                "blocks": blocks, "blocked_by": blocked_by}
    return issues


def expected_after(issues):
    after = {k: set() for k in issues}
    for k, issue in issues.items():
        for other in issue["blocks"]:
            if other in issues:
                after[other].add(k.lower())
        for other in issue["blocked_by"]:
            if other in issues:
                after[k].add(other.lower())
    return after


def walk(tasks, parent, out):
    for task in tasks or []:
        out[task["id"]] = (task, parent)
        walk(task.get("tasks"), task["id"], out)
    return out


def check(source, issues, problems, imported):
    r = subprocess.run([PLANC, "import", "--from", "jira", source], capture_output=True, text=True)
    if r.returncode != 0:
        problems.append(f"{source}: planc import exited {r.returncode}: {r.stderr[:400]}")
        return
    imported.append(r.stdout)
    tasks = walk(yaml.safe_load(r.stdout)["tasks"], None, {})
    after = expected_after(issues)
    if sorted(tasks) != sorted(k.lower() for k in issues):
        problems.append(f"{source}: tasks {sorted(tasks)} are not the issues {sorted(issues)}")
        return
    for k, issue in issues.items():
        task, parent = tasks[k.lower()]
        if task.get("title") != issue["summary"]:
            problems.append(f"{source}: {k}: title {task.get('title')!r} is not the summary {issue['summary']!r}")
        if task.get("tags") != [f"jira:{k}"]:
            problems.append(f"{source}: {k}: tags {task.get('tags')!r}")
        want_parent = issue["parent"].lower() if issue["parent"] in issues else None
        if parent != want_parent:
            problems.append(f"{source}: {k}: under {parent!r}, not its parent {want_parent!r}")
        if set(task.get("after") or []) != after[k]:
            problems.append(f"{source}: {k}: after {task.get('after')!r}, the export's Blocks links give {sorted(after[k])}")


def main():
    problems, imported = [], []
    golden = os.path.join(ROOT, "Tests", "Golden")
    check(os.path.join(golden, "import-jira.csv"), from_csv(os.path.join(golden, "import-jira.csv")), problems, imported)
    check(os.path.join(golden, "import-jira.json"), from_json(os.path.join(golden, "import-jira.json")), problems, imported)
    tmp = tempfile.mkdtemp(prefix="check-jira-import-")
    try:
        paths = []
        for n, text in enumerate(imported):
            paths.append(os.path.join(tmp, f"imported-{n}.yaml"))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        checker = [shutil.which("check-jsonschema")] if shutil.which("check-jsonschema") else [sys.executable, "-m", "check_jsonschema"]
        r = subprocess.run(checker + ["--schemafile", os.path.join(ROOT, "schemas", "plan.schema.json")] + paths,
                           capture_output=True, text=True)
        if r.returncode != 0:
            problems.append("schema: " + (r.stdout + r.stderr).strip()[:600])
    finally:
        shutil.rmtree(tmp)
    for problem in problems:
        print("check-jira-import: " + problem, file=sys.stderr)
    if not problems:
        print("check-jira-import: ok (the CSV and the JSON export; the plan schema)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
