#!/usr/bin/env bash
# Opens planc's outputs for the example plans in the real programs that read them: Mermaid v11
# (mermaidx) parses and renders the gantt, the icalendar library reads the .ics, Python's csv module
# reads the CSV, and json reads the JSON; hostile plan text comes out inert in all of them (and in
# JUnit, e-mail and GitHub Markdown). Run by .ci/run after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
planc=${PLANC:-.build/debug/planc}
python3 -c "import mermaidx, icalendar" 2>/dev/null || python3 -m pip install --quiet mermaidx icalendar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for plan in plans/*.yaml; do
  grep -q '^plan:' "$plan" || continue
  name=$(basename "$plan" .yaml)
  for format in json csv ics mermaid markdown table; do
    "$planc" schedule --format "$format" --output "$out/$name.$format" "$plan"
  done
  python3 - "$out/$name" <<'PY'
import csv, io, json, sys
import icalendar, mermaidx

base = sys.argv[1]
schedule = json.load(open(base + ".json"))
assert schedule["tasks"], "no tasks in the JSON schedule"

raw = open(base + ".ics", "rb").read()
assert b"\r\n" in raw and not any(len(line) > 75 for line in raw.split(b"\r\n")), "ics lines must be CRLF and <= 75 octets"
calendar = icalendar.Calendar.from_ical(raw)
events = [c for c in calendar.walk() if c.name == "VEVENT"]
assert events and all(e.get("UID") and e.get("DTSTAMP") and e.get("DTSTART") for e in events), "incomplete VEVENT"

rows = list(csv.DictReader(io.StringIO(open(base + ".csv", newline="").read())))
assert [r["id"] for r in rows] == [t["id"] for t in schedule["tasks"]], "CSV rows differ from the JSON tasks"

chart = open(base + ".mermaid").read()
assert len(chart) < 50000, "mermaid chart over GitHub's limit"
svg = mermaidx.render(chart).svg()
assert "<svg" in svg, "mermaid did not render"
print(f"{base}: json, csv ({len(rows)} rows), ics ({len(events)} events), mermaid ({len(chart)} chars) read by their real readers")
PY
done

# JUnit: the go-live gate on last week's metrics (NO-GO, exit 1), read by junitparser.
python3 -c "import junitparser" 2>/dev/null || python3 -m pip install --quiet junitparser
"$planc" gate --format junit --output "$out/gates.xml" --metrics plans/metrics/perp-v2-2027-03-01.json plans/perp-v2-launch.yaml || [ $? -eq 1 ]
python3 - "$out/gates.xml" <<'PY2'
import sys, junitparser
xml = junitparser.JUnitXml.fromfile(sys.argv[1])
suites = list(xml)
failures = sum(1 for suite in suites for case in suite for result in case.result if isinstance(result, junitparser.Failure))
assert suites and failures == 3, f"expected 3 failing criteria, found {failures}"
print(f"junit: {len(suites)} gates, {sum(s.tests for s in suites)} criteria, {failures} failures, read by junitparser")
PY2

# Markdown report: rendered by cmarkgfm (GitHub's renderer); its tables are tables, and the
# Mermaid block GitHub would draw parses and renders in Mermaid.
python3 -c "import cmarkgfm" 2>/dev/null || python3 -m pip install --quiet cmarkgfm
"$planc" report --metrics plans/metrics/perp-v2-2027-03-08.yaml --output "$out/report.md" plans/perp-v2-launch.yaml
python3 - "$out/report.md" <<'PY2'
import re, sys
import cmarkgfm, mermaidx
from cmarkgfm.cmark import Options
text = open(sys.argv[1]).read()
html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
tables = html.count("<table>")
pipes_lines = [line for line in text.splitlines() if line.startswith("|---")]
assert tables == len(pipes_lines) and tables >= 3, f"{tables} tables rendered for {len(pipes_lines)} in the Markdown"
assert '<pre lang="mermaid"><code>' in html or '<pre><code class="language-mermaid">' in html, "no mermaid block"
chart = re.search(r"```mermaid\n(.*?)```", text, re.S).group(1)
assert "<svg" in mermaidx.render(chart).svg()
print(f"report.md: {tables} tables and a Mermaid chart, rendered by cmarkgfm and mermaidx")
PY2

# Forecast Markdown and HTML (`planc forecast`): a plan with estimates, risks and correlations, and
# the example plan (whose finish does not move: a one-point curve). cmarkgfm renders the tables as
# tables and both Mermaid blocks; Mermaid 11 (mermaidx) renders the xychart S-curve and histogram;
# the HTML page parses, loads nothing, and its three SVG charts parse as XML.
"$planc" forecast --format markdown --output "$out/forecast.md" Tests/Golden/forecast.yaml
"$planc" forecast --format html --output "$out/forecast.html" Tests/Golden/forecast.yaml
"$planc" forecast --format markdown --iterations 500 --output "$out/forecast-perp.md" plans/perp-v2-launch.yaml
python3 - "$out/forecast.md" "$out/forecast-perp.md" "$out/forecast.html" <<'PY4'
import html.parser, re, sys, xml.etree.ElementTree as ET
import cmarkgfm, mermaidx
from cmarkgfm.cmark import Options
for path in sys.argv[1:3]:
    text = open(path).read()
    rendered = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    delimiters = [line for line in text.splitlines() if line.startswith("|---")]
    assert rendered.count("<table>") == len(delimiters) >= 4, f"{path}: {rendered.count('<table>')} tables for {len(delimiters)}"
    blocks = rendered.count('<pre lang="mermaid">') + rendered.count('class="language-mermaid"')
    charts = re.findall(r"```mermaid\n(.*?)```", text, re.S)
    assert blocks == len(charts) == 2, f"{path}: {blocks} Mermaid blocks rendered, {len(charts)} in the Markdown"
    for chart in charts:
        svg = mermaidx.render(chart).svg()
        assert "<svg" in svg and 'aria-roledescription="xychart"' in svg, f"{path}: the xychart did not render"
    print(f"{path}: {len(delimiters)} tables and {len(charts)} xychart charts, rendered by cmarkgfm and Mermaid 11 (mermaidx)")
page = open(sys.argv[3]).read()
html.parser.HTMLParser().feed(page)
assert not re.search(r"<script|\ssrc=|\shref=|url\(", page), "the forecast page loads something"
svgs = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="([a-z-]+)".*?</svg>', page, re.S)
assert svgs == ["s-curve", "histogram", "tornado"], svgs
for svg in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', page, re.S):
    ET.fromstring(svg)
print(f"forecast.html: parses, self-contained, {len(svgs)} SVG charts parse")
PY4

# Levelling and team load (Tests/Golden/levelling-*, written from hand-built Levelling and
# ResourceLoad values until the leveller and the load builder fill them in the CLI): the report's
# load tables render as tables in cmarkgfm, the HTML page and its SVG load chart parse, the JSON
# has the DESIGN.md keys, the load CSV reads in Python's csv; and the CLI's --load CSV reads too.
for plan in plans/*.yaml; do
  grep -q '^plan:' "$plan" || continue
  "$planc" schedule --format csv --load --output "$out/$(basename "$plan" .yaml).load.csv" "$plan"
done
python3 - Tests/Golden "$out" <<'PY3'
import csv, glob, html.parser, io, json, re, sys, xml.etree.ElementTree as ET
import cmarkgfm
from cmarkgfm.cmark import Options
golden, out = sys.argv[1], sys.argv[2]
text = open(f"{golden}/levelling-report.md").read()
rendered = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
delimiters = [line for line in text.splitlines() if line.startswith("|---")]
assert rendered.count("<table>") == len(delimiters) >= 3, "team load tables did not render as tables"
assert "<h2>Team load</h2>" in rendered and "<strong>over</strong>" in rendered, "no over-allocated week marked"
page = open(f"{golden}/levelling-report.html").read()
html.parser.HTMLParser().feed(page)
svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="load".*?</svg>', page, re.S).group(0)
root = ET.fromstring(svg)
over = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar over"]
assert len(over) == 3, f"expected the key and 2 shaded weeks, found {len(over)}"
schedule = json.load(open(f"{golden}/levelling.json"))
assert schedule["levelled"] is True and schedule["finish_lower_bound"]
assert all({"delay", "waits_for"} <= task.keys() for task in schedule["tasks"])
assert all({"id", "capacity", "overloads", "load"} <= team.keys() for team in schedule["teams"])
rows = list(csv.DictReader(io.StringIO(open(f"{golden}/levelling-load.csv", newline="").read())))
assert rows and set(rows[0]) == {"team", "from", "to", "units", "capacity", "over"}
assert any(row["over"] == "true" for row in rows) and all(float(row["units"]) > 0 for row in rows)
for path in glob.glob(f"{out}/*.load.csv"):
    header = next(csv.reader(io.StringIO(open(path, newline="").read())))
    assert header == ["team", "from", "to", "units", "capacity", "over"], path
print(f"levelling: report tables by cmarkgfm, load SVG by ElementTree, JSON keys, load CSV ({len(rows)} rows) by csv")
PY3

# Email: the weekly report through a real SMTP server on loopback (aiosmtpd), parsed on arrival.
python3 -c "import aiosmtpd" 2>/dev/null || python3 -m pip install --quiet aiosmtpd
"$planc" report --format email --from "Perp V2 PMO <pmo@exchange.example>" --to leadership@exchange.example cto@exchange.example \
  --metrics plans/metrics/perp-v2-2027-03-08.yaml --output "$out/report.eml" plans/perp-v2-launch.yaml
python3 scripts/check-email.py "$out/report.eml" "Perpetual Futures V2 launch — status 2027-03-07: GREEN"
# The RED week goes out too (exit 0), and a long non-ASCII subject is folded under 78 octets.
long_subject="永续合约 V2 上线状态报告 — Perpetual Futures V2 launch, weekly status for the leadership team — 🔴 RED"
"$planc" report --format email --from "Perp V2 PMO <pmo@exchange.example>" --to leadership@exchange.example \
  --metrics plans/metrics/perp-v2-2027-03-01.json --subject "$long_subject" --output "$out/report-red.eml" plans/perp-v2-launch.yaml
python3 scripts/check-email.py "$out/report-red.eml" "$long_subject" --custom-subject
# Schedule confidence: the example plan's report (estimates, two probable risks, a confidence
# criterion) as an email, parsed on arrival; the section is in both parts, the S-curve SVG parses,
# and the Markdown report's confidence table renders as a table in cmarkgfm.
"$planc" report --format email --from "Listing PMO <pmo@exchange.example>" --to leadership@exchange.example \
  --output "$out/report-listing.eml" plans/exchange-listing.yaml
python3 scripts/check-email.py "$out/report-listing.eml"
"$planc" report --output "$out/report-listing.md" plans/exchange-listing.yaml
python3 - "$out/report-listing.eml" "$out/report-listing.md" <<'PYC'
import email, email.policy, re, sys, xml.etree.ElementTree as ET
import cmarkgfm
message = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
plain = message.get_body(("plain",)).get_content()
page = message.get_body(("html",)).get_content()
assert "Schedule confidence" in plain and "chance of meeting it" in plain, "no confidence section in text/plain"
assert "<h2>Schedule confidence</h2>" in page, "no confidence section in text/html"
curve = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="s-curve".*?</svg>', page, re.S)
assert curve, "no S-curve in the HTML part"
ET.fromstring(curve.group(0))
assert "AMBER" in str(message["Subject"]) or "RED" in str(message["Subject"]), message["Subject"]
markdown = open(sys.argv[2]).read()
section = markdown.split("## Schedule confidence", 1)[1].split("\n## ", 1)[0]
assert "<table>" in cmarkgfm.github_flavored_markdown_to_html(section), "the confidence table did not render"
print("confidence: section in both parts of the email, S-curve SVG parses, Markdown table renders")
PYC

# Portfolio page: the Markdown through cmarkgfm (its plans table is a table), the HTML through
# html.parser, the JSON through json, and the email through Python's email package.
"$planc" portfolio --format markdown --output "$out/portfolio.md" plans/portfolio/pmo.yaml 2>/dev/null
"$planc" portfolio --format html --output "$out/portfolio.html" plans/portfolio/pmo.yaml 2>/dev/null
"$planc" portfolio --format json --output "$out/portfolio.json" plans/portfolio/pmo.yaml 2>/dev/null
"$planc" portfolio --format email --from "PMO <pmo@exchange.example>" --to leadership@exchange.example \
  --output "$out/portfolio.eml" plans/portfolio/pmo.yaml 2>/dev/null
python3 - "$out" <<'PY4'
import email, email.policy, html.parser, json, sys
import cmarkgfm
from cmarkgfm.cmark import Options
out = sys.argv[1]
rendered = cmarkgfm.github_flavored_markdown_to_html(open(f"{out}/portfolio.md").read(), options=Options.CMARK_OPT_UNSAFE)
assert rendered.count("<table>") >= 2, "portfolio.md: the plans and links tables did not render as tables"
html.parser.HTMLParser().feed(open(f"{out}/portfolio.html").read())
page = json.load(open(f"{out}/portfolio.json"))
assert [plan["id"] for plan in page["plans"]] == ["affiliate-campaign", "options-launch"], page["plans"]
assert any(link["at_risk"] for link in page["cross_plan_links"]) and page["shared_overloads"], page
assert [(d["task"], d["p80"] is not None) for plan in page["plans"] for d in plan["deadlines"]] == [("campaign-launch", False), ("go-live", True)], page["plans"]
message = email.message_from_bytes(open(f"{out}/portfolio.eml", "rb").read(), policy=email.policy.default)
assert message["Subject"] == "Q1 2027 launches — portfolio: AMBER", message["Subject"]
assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
print("portfolio: Markdown by cmarkgfm, HTML by html.parser, JSON by json, email by Python's email")
PY4

# SARIF: a deliberately broken plan, read back by sarif-tools (a real SARIF consumer).
python3 -c "import sarif" 2>/dev/null || python3 -m pip install --quiet sarif-tools
sarif="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/sarif"
[ -x "$sarif" ] || sarif=sarif
printf 'plan: broken\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 1d, owner: x, after: [b] }\n' > "$out/broken.yaml"
"$planc" check --format sarif --output "$out/broken.sarif" "$out/broken.yaml" || true
summary=$("$sarif" summary "$out/broken.sarif")
echo "$summary" | grep -q "E104 task 'a' depends on unknown id 'b'" || { echo "sarif-tools did not read the SARIF result: $summary" >&2; exit 1; }
echo "sarif: read by sarif-tools"

# Hostile plan text (CR, LF, CRLF, NEL, ESC, NUL, '::error::', mentions, <script>, bidi, '=cmd|',
# Mermaid keywords) in every field and every format, read back by the same real readers; no
# line of any output may open with '::'.
python3 scripts/check-hostile.py "$planc" "$out"

# planc trend: the goldens (built from a test repository with a slip history) read by their real
# readers — the Markdown by cmarkgfm with its Mermaid xychart rendered by Mermaid 11 (mermaidx), the
# HTML page parsed and its SVG MTA chart read by ElementTree, the CSV by csv, the JSON by json — and
# a live run over this repository's own history of the example plan (a shallow CI clone included).
"$planc" trend --format json --output "$out/trend-live.json" plans/perp-v2-launch.yaml
"$planc" trend --format csv --output "$out/trend-live.csv" plans/perp-v2-launch.yaml
python3 - Tests/Golden "$out" <<'PY4'
import csv, html.parser, io, json, re, sys, xml.etree.ElementTree as ET
import cmarkgfm, mermaidx
from cmarkgfm.cmark import Options
golden, out = sys.argv[1], sys.argv[2]
text = open(f"{golden}/trend.md").read()
rendered = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
assert rendered.count("<table>") == 1, "the trend table did not render as one table"
assert "<b>" not in rendered, "a commit subject's markup reached the page"
chart = re.search(r"```mermaid\n(.*?)```", text, re.S).group(1)
assert "xychart-beta" in chart and "<svg" in mermaidx.render(chart).svg(), "the xychart did not render"
page = open(f"{golden}/trend.html").read()
html.parser.HTMLParser().feed(page)
svg = ET.fromstring(re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="mta".*?</svg>', page, re.S).group(0))
ns = "{http://www.w3.org/2000/svg}"
lines = [p for p in svg.iter(ns + "polyline") if p.get("class") == "milestone"]
deadlines = [l for l in svg.iter(ns + "line") if l.get("class") == "deadline"]
assert len(lines) == 2 and len(deadlines) == 1 and deadlines[0].get("stroke-dasharray"), "MTA chart lines"
assert any(l.get("class") == "diagonal" for l in svg.iter(ns + "line")), "no diagonal"
trend = json.load(open(f"{golden}/trend.json"))
assert {"plan", "commits", "milestones", "slips"} <= trend.keys() and trend["slips"], "trend JSON keys"
rows = list(csv.DictReader(io.StringIO(open(f"{golden}/trend.csv", newline="").read())))
assert rows and rows[0].keys() == {"commit", "author_date", "subject", "status_date", "id", "kind", "forecast", "deadline", "slip", "error"}
live = json.load(open(f"{out}/trend-live.json"))
assert live["commits"] and all(c["scheduled"] for c in live["commits"]), "the example plan's history"
live_rows = list(csv.DictReader(io.StringIO(open(f"{out}/trend-live.csv", newline="").read())))
assert len(live_rows) == sum(len(m["points"]) for m in live["milestones"]), "live CSV rows differ from the JSON points"
print(f"trend: Markdown by cmarkgfm, xychart by mermaidx, SVG by ElementTree ({len(lines)} lines), CSV, JSON; live {len(live['commits'])} commits")
PY4
