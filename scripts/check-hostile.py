#!/usr/bin/env python3
"""Hostile plan text through every planc output, checked by the programs that read them.

Each hostile string s goes into every field that reaches an output (titles, team name, gate and
criterion titles, waiver approved_by/reason, signoff by, risk title/response, event title) as
`s + "::error::FIELD " + s`. Every format is rendered by the real planc and read back by its
real reader: cmarkgfm (GitHub's Markdown renderer), mermaidx (Mermaid 11), icalendar, csv, json,
xml.etree, Python's email; and no line of any output may open with `::` (a GitHub Actions
workflow command). Usage: check-hostile.py PLANC OUT_DIR. Run by scripts/check-outputs.sh.
"""
import concurrent.futures
import csv
import email
import email.policy
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import cmarkgfm
import icalendar
import mermaidx
from cmarkgfm.cmark import Options

PLANC, OUT = sys.argv[1], sys.argv[2]

SINGLE = [
    "\r", "\n", "\r\n", "\x85", "\u2028", "\u2029", "\x1b[31m", "\x07", "\x00", "::error::x",
    "::add-mask::x", "::stop-commands::x", "@user", "@org/team", "<script>alert(1)</script>", "\u202e",
    "|", "]]>", "=cmd|", "section S", "click a href javascript:alert(1)", "http://evil.example www.evil.example",
]
# Every hostile string in one value (each line break followed by a command), then the ones that
# matter where a field starts: a formula, a Mermaid keyword, a command, a mention.
HOSTILE = [" ".join(h + "::error::" + str(n) for n, h in enumerate(SINGLE)),
           "=cmd|", "section S", "click a href javascript:alert(1)", "::add-mask::x", "@user", "\r\n"]
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def yaml_string(text):
    out = '"'
    for ch in text:
        if ch == '"':
            out += '\\"'
        elif ch == "\\":
            out += "\\\\"
        elif 0x20 <= ord(ch) < 0x7F:
            out += ch
        else:
            out += "\\u%04x" % ord(ch)
    return out + '"'


def plan(s):
    q = lambda field: yaml_string(s + "::error::" + field + " " + s)
    return f"""plan: hostile
title: {q("title")}
start: 2026-12-07
as_of: 2026-12-09
teams:
  qa: {{ name: {q("team")}, capacity: 2 }}
tasks:
  - {{ id: a, title: {q("task")}, duration: 3d, owner: qa }}
  - {{ id: b, title: {q("task-b")}, duration: 2d, owner: qa, after: [a], deadline: 2027-01-29 }}
  - {{ id: m, title: {q("milestone")}, milestone: true, after: [b] }}
gates:
  - id: go
    title: {q("gate")}
    owner: qa
    after: [b]
    criteria:
      - {{ id: c1, title: {q("criterion")}, done: [a] }}
      - {{ id: c2, title: {q("waived")}, done: [b] }}
      - {{ id: c3, title: {q("signoff-criterion")}, signoff: qa }}
    waivers:
      - {{ criterion: c2, approved_by: {q("approver")}, reason: {q("reason")}, expires: 2027-01-01 }}
    signoffs:
      - {{ team: qa, by: {q("signoff")}, date: 2026-12-08 }}
events:
  - {{ id: e, title: {q("event")}, date: 2027-02-01, requires: [b] }}
risks:
  - {{ id: r, title: {q("risk")}, likelihood: 3, impact: 3, owner: qa, status: occurred, response: {q("response")}, affects: [a] }}
"""


def broken(s):
    return f"plan: broken\nstart: 2026-12-07\ntasks:\n  - {{ id: a, duration: 1d, owner: qa, {yaml_string(s + '::error::key ' + s)}: 1 }}\n"


def run(args, ok=(0,)):
    result = subprocess.run([PLANC] + args, capture_output=True)
    assert result.returncode in ok, f"planc {' '.join(args)} exited {result.returncode}: {result.stderr[:500]!r}"
    return result.stdout


def expect(condition, what):
    if not condition:
        raise AssertionError(f"{CURRENT!r}: {what}")


def no_command_lines(name, data, allowed=()):
    text = data.decode("utf-8")
    for line in re.split("[" + LINE_BREAKS + "]", text):
        stripped = line.lstrip(" \t")
        if stripped.startswith("::") and not stripped.startswith(allowed):
            expect(False, f"{name}: a line opens with '::': {line[:80]!r}")
    for ch in "\x1b\x07\x00\u202e":
        expect(ch not in text, f"{name}: raw {ch!r}")


class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.links, self.scripts = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1
        elif tag == "a":
            self.links += 1
        elif tag == "script":
            self.scripts += 1


def markdown(name, data):
    text = data.decode("utf-8")
    rendered = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    cells = Cells()
    cells.feed(rendered)
    expect(cells.links == 0, f"{name}: cmarkgfm made a link (autolink or e-mail)")
    expect(cells.scripts == 0, f"{name}: a <script> element")
    expect(len(cells.tables) == len(re.findall(r"^\|---", text, re.M)), f"{name}: a table was lost")
    for table in cells.tables:
        expect(len(set(table)) == 1, f"{name}: rows with different cell counts {table}")
    # GitHub links @user and @org/team in text nodes after rendering: none may be left.
    plain = re.sub(r"<[^>]+>", " ", rendered)
    expect(not re.search(r"(?<![\w.])@[A-Za-z0-9]", plain), f"{name}: a live mention")
    return text


def gantt(name, chart, tasks):
    expect(len(chart) < 50000, f"{name}: over GitHub's limit")
    svg = mermaidx.render(chart).svg()
    drawn = len(re.findall(r'class="taskText', svg))
    expect(drawn == tasks, f"{name}: Mermaid drew {drawn} tasks, not {tasks}")


def ics_text(value):
    """What RFC 5545 TEXT can carry of plan text: line breaks as LF, controls and bidi dropped."""
    value = re.sub("\r\n|[" + LINE_BREAKS + "]", "\n", value)
    return "".join(ch for ch in value if ch == "\n" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))


for number, CURRENT in enumerate(HOSTILE):
    folder = os.path.join(OUT, f"hostile-{number}")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "plan.yaml")
    with open(path, "w") as f:
        f.write(plan(CURRENT))
    bad = os.path.join(folder, "broken.yaml")
    with open(bad, "w") as f:
        f.write(broken(CURRENT))
    calls = {"schedule " + fmt: (["schedule", "--format", fmt, path], (0,)) for fmt in ["table", "markdown", "json", "csv", "ics", "mermaid", "mspdi"]}
    calls.update({"gate " + fmt: (["gate", "--format", fmt, path], (1,)) for fmt in ["text", "markdown", "json", "junit"]})
    calls.update({"report " + fmt: (["report", "--format", fmt, path], (0, 1)) for fmt in ["markdown", "html"]})
    calls["report email"] = (["report", path, "--format", "email", "--from", "PMO <pmo@example.com>", "--to", "lead@example.com"], (0, 1))
    calls.update({"check " + fmt: (["check", "--format", fmt, bad], (1,)) for fmt in ["text", "github", "json", "sarif"]})
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run, args, ok) for name, (args, ok) in calls.items()}
        outputs = {name: future.result() for name, future in futures.items()}

    for name, data in outputs.items():
        no_command_lines(name, data, allowed=("::error file=", "::warning file=", "::notice file=") if name == "check github" else ())

    schedule = json.loads(outputs["schedule json"])
    expect(schedule["tasks"][0]["title"] == CURRENT + "::error::task " + CURRENT, "JSON title does not round-trip")
    tasks = len(schedule["tasks"])
    for kind in ("gate json", "check json", "check sarif"):
        json.loads(outputs[kind])

    rows = list(csv.reader(io.StringIO(outputs["schedule csv"].decode("utf-8"), newline="")))
    expect(len(rows) == tasks + 1 and all(len(row) == 12 for row in rows), f"CSV has {len(rows)} rows {[len(r) for r in rows]}")
    expect(not any(cell[:1] in ("=", "+", "-", "@") for row in rows for cell in row), "a CSV cell is a formula")

    calendar = icalendar.Calendar.from_ical(outputs["schedule ics"])
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    expect(len(events) == 4, f"{len(events)} VEVENTs")
    summaries = {str(e.get("UID")).split("@")[0]: str(e.get("SUMMARY")) for e in events}
    want = "Milestone: " + ics_text(CURRENT + "::error::milestone " + CURRENT)
    expect(summaries.get("m") == want, f"SUMMARY {summaries.get('m')!r} is not {want!r}")

    chart = outputs["schedule mermaid"].decode("utf-8")
    gantt("schedule mermaid", chart, tasks + 1)
    for name in ("schedule markdown", "gate markdown"):
        markdown(name, outputs[name])
    report = markdown("report markdown", outputs["report markdown"])
    expect(re.search(r"```mermaid\n(.*?)```", report, re.S).group(1) == chart, "the report's chart is not the one Mermaid read")

    # MS Project XML: well-formed, every task kept, and each name exactly the plan's title.
    project = ElementTree.fromstring(outputs["schedule mspdi"])
    ns = {"p": "http://schemas.microsoft.com/project"}
    names = [t.findtext("p:Name", namespaces=ns) for t in project.findall("p:Tasks/p:Task", ns)]
    expect(len(names) == tasks, f"MSPDI has {len(names)} tasks, not {tasks}")

    junit = ElementTree.fromstring(outputs["gate junit"])
    expect(len(junit.findall(".//testcase")) == 3 and len(junit.findall(".//failure")) == 1, "JUnit lost a test case")

    cells = Cells()
    cells.feed(outputs["report html"].decode("utf-8"))
    expect(cells.scripts == 0, "report html has a <script>")

    message = email.message_from_bytes(outputs["report email"], policy=email.policy.default)
    expect(list(message.keys()) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "X-Mailer"],
           f"email headers {list(message.keys())}")
    expect(not message.defects and "\n" not in str(message["Subject"]) and "\r" not in str(message["Subject"]), "email Subject")
    expect([part.get_content_type() for part in message.walk()] == ["multipart/alternative", "text/plain", "text/html"], "email parts")

print(f"hostile: {len(SINGLE)} hostile strings in {len(HOSTILE)} plans through every field and 18 formats, inert in cmarkgfm, mermaidx, "
      "icalendar, csv, json, xml.etree and email; no line opens with '::'")
