#!/usr/bin/env bash
# Renders the HTML status report in headless Chromium and saves screenshots to look at: the example
# plan (Perp V2 at its go-live review) and a generated 200-task plan, so layout and legibility can
# be checked by eye after a change to ReportHTMLWriter or GanttSVGWriter. Not run in CI.
#
#   scripts/screenshot-report.sh [OUTPUT_DIR]      (default: /tmp/planc-screenshots)
#
# Needs Chromium (Debian: apt-get install chromium; installed here when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/planc-screenshots}
tasks=${TASKS:-200}
mkdir -p "$out"

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
    browser=$(command -v chromium)
  else
    echo "screenshot-report: Chromium not found; install it with: sudo apt-get install chromium" >&2
    exit 2
  fi
fi

swift build --product planc >/dev/null
planc=.build/debug/planc

# The example report. `planc report` exits 1 when the plan has errors but still writes the report.
"$planc" report plans/perp-v2-launch.yaml --format html --metrics plans/metrics/perp-v2-2027-03-08.yaml \
  --output "$out/perp-v2.html" || [ $? -eq 1 ]

# A generated plan: groups of ten chained tasks under summaries, a milestone per group, a holiday
# range, some work done and some in progress at the status date.
python3 - "$out/generated.yaml" "$tasks" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
lines = ["plan: generated", f"title: Generated plan with {count} tasks", "start: 2027-01-04", "as_of: 2027-02-17",
         "calendar:", "  holidays:", "    - { from: 2027-02-15, to: 2027-02-19, name: Lunar New Year }",
         "    - { date: 2027-04-05, name: Qingming }",
         "rules: { W301: off }", "tasks:"]
groups = max(1, count // 10)
for group in range(groups):
    lines += [f"  - id: g{group}", f"    title: Workstream {group + 1} — component {chr(65 + group % 26)}{group} & integration",
              "    tasks:"]
    for step in range(10):
        index = group * 10 + step
        after = [f"t{index - 1}"] if step else ([f"t{index - 1}"] if group % 3 else [])
        status = ""
        if group < 2:
            status = ", status: done, actual_start: 2027-01-04, actual_finish: 2027-01-29"
        elif group < 4 and step == 0:
            status = ", status: in-progress, actual_start: 2027-02-08, progress: 40%"
        lines.append(f"      - {{ id: t{index}, title: \"Task {index}: build and verify part {step + 1} of stream {group + 1}\", "
                     f"duration: {1 + (index * 7) % 5}d, after: [{', '.join(after)}]{status} }}")
    lines.append(f"      - {{ id: m{group}, title: Stream {group + 1} ready, milestone: true, after: [t{group * 10 + 9}] }}")
lines += ["  - { id: launch, title: Launch, milestone: true, after: [" + ", ".join(f"m{g}" for g in range(groups)) + "], deadline: 2027-06-30 }"]
open(path, "w").write("\n".join(lines) + "\n")
PY
"$planc" report "$out/generated.yaml" --format html --output "$out/generated.html" || [ $? -eq 1 ]

shoot() {
  [ -s "$1" ] || { echo "screenshot-report: $1 was not written" >&2; exit 1; }
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$2" --window-size="$3" "file://$(realpath "$1")" >/dev/null 2>&1
  echo "screenshot-report: $2"
}
shoot "$out/perp-v2.html" "$out/perp-v2.png" 1500,3600
shoot "$out/generated.html" "$out/generated.png" 1500,$((1600 + tasks * 23))
