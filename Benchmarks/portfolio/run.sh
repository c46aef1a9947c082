#!/usr/bin/env bash
# The portfolio target of issue 16: 50 plans x 1,000 tasks, 10 shared teams, 200 cross-plan links,
# checked and scheduled by `planc check PORTFOLIO` unlevelled (<= 3 s) and levelled (<= 15 s).
#
#   Benchmarks/portfolio/run.sh              # builds release planc, generates, times both once
#   Benchmarks/portfolio/run.sh --no-build   # existing .build/release/planc
#
# The portfolio is generated in ${BENCH_DIR:-/tmp/planc-bench}/portfolio (never committed).
# Timed with /usr/bin/time -v: user+system CPU seconds, wall seconds and peak memory. Not a test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${BENCH_DIR:-/tmp/planc-bench}/portfolio
[ "${1:-}" = "--no-build" ] || (cd "$root" && swift build -c release --product planc >/dev/null)
planc="$root/.build/release/planc"
python3 "$here/generate.py" "$work"
for mode in --no-level --level; do
    /usr/bin/time -v "$planc" check "$mode" --max-diagnostics 1 "$work/pmo.yaml" >"$work/check$mode.txt" 2>"$work/time$mode.txt" || true
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$work/time$mode.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time$mode.txt")
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/time$mode.txt")
    echo "planc check $mode: ${cpu} s CPU, ${wall} wall, ${rss} MB; $(tail -1 "$work/check$mode.txt")"
done
