#!/usr/bin/env bash
# planc benchmark: time and peak memory of planc against the libyaml floor, at several plan sizes.
#
#   Benchmarks/run.sh                 # 1k 10k 100k
#   Benchmarks/run.sh 1k 10k          # chosen sizes
#   Benchmarks/run.sh --1m            # the default sizes and 1M (a ~110 MB file; ~30 s more)
#   Benchmarks/run.sh --runs 5 100k   # best of 5 for every size below 1M (default 3)
#   Benchmarks/run.sh --no-build      # use the existing .build/release/planc
#
# For each size it generates Benchmarks/generate-plan.py SIZE --seed 1 (cached in $BENCH_DIR,
# default /tmp/planc-bench), then measures
#   (a) parse     Benchmarks/bare-parse.c: libyaml's event parser over the file (the floor)
#   (b) check     planc check FILE
#   (c) schedule  planc schedule --format json FILE   (stdout to /dev/null)
#   (d) report    planc report --format markdown FILE (skipped when planc has no `report`)
# with /usr/bin/time -v: wall seconds and peak RSS. The steps run in rounds (a b c d, a b c d, ...) so
# that a change in the machine's load hits them alike; each cell is the best of --runs rounds; 1M runs
# once. Ratios are wall time / (a). Not a test: it prints numbers.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=${BENCH_DIR:-/tmp/planc-bench}
runs=3
build=1
sizes=()
with_1m=0
while [ $# -gt 0 ]; do
    case "$1" in
        --1m|--1M) with_1m=1 ;;
        --runs) runs=$2; shift ;;
        --no-build) build=0 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) sizes+=("$1") ;;
    esac
    shift
done
[ ${#sizes[@]} -eq 0 ] && sizes=(1k 10k 100k)
[ $with_1m -eq 1 ] && sizes+=(1M)
for size in "${sizes[@]}"; do
    case "$size" in
        1m|1M|1000k|1000000)
            [ $with_1m -eq 1 ] || { echo "run.sh: 1M tasks needs --1m (the file is ~110 MB)" >&2; exit 2; } ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "run.sh: installing GNU time (/usr/bin/time) with apt-get" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi
fi
mkdir -p "$work"

if [ $build -eq 1 ]; then
    echo "building planc (release)..." >&2
    (cd "$root" && swift build -c release >&2)
fi
planc="$root/.build/release/planc"
[ -x "$planc" ] || { echo "run.sh: $planc not found; build it or drop --no-build" >&2; exit 2; }
cc -O2 -o "$work/bare-parse" "$here/bare-parse.c" -lyaml

has_report=0
# `planc report --help` falls back to the root help when there is no such subcommand, so look
# for it in the list of subcommands instead.
if "$planc" --help 2>/dev/null | grep -Eq '^[[:space:]]+report([[:space:]]|$)'; then has_report=1; fi

# measure NAME CMD...: runs CMD once and keeps the best wall and cpu time (s) and the largest peak
# RSS (MB) seen for NAME in best_wall[NAME], best_cpu[NAME], best_rss[NAME].
declare -A best_wall best_cpu best_rss
measure() {
    local name=$1; shift
    local wall cpu rss status=0 t0 t1
    # GNU time's wall clock has 10 ms resolution; take nanoseconds around it instead.
    t0=$(date +%s%N)
    local out=/dev/null
    [ "$name" = check ] && out="$work/check.txt"
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt" || status=$?
    t1=$(date +%s%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/time.txt")
    if [ -z "${best_wall[$name]:-}" ] || awk "BEGIN { exit !($wall < ${best_wall[$name]}) }"; then best_wall[$name]=$wall; fi
    if [ -z "${best_cpu[$name]:-}" ] || awk "BEGIN { exit !($cpu < ${best_cpu[$name]}) }"; then best_cpu[$name]=$cpu; fi
    if [ -z "${best_rss[$name]:-}" ] || awk "BEGIN { exit !($rss > ${best_rss[$name]}) }"; then best_rss[$name]=$rss; fi
    # planc exits 1 on plan errors (it still prints); anything else is a failure worth showing.
    if [ "$status" -gt 1 ]; then
        echo "run.sh: $name exited with status $status:" >&2
        grep -v '^Command exited' "$work/stderr.txt" | head -5 >&2 || true
    fi
}

# row SIZE TASKS MB STEP: one line of the table
row() {
    local step=$4 ratio_wall ratio_cpu parse_wall=${best_wall[parse]} parse_cpu=${best_cpu[parse]}
    ratio_wall=$(awk "BEGIN { printf \"%.1f\", ${best_wall[$step]} / ($parse_wall > 0 ? $parse_wall : 0.001) }")
    ratio_cpu=$(awk "BEGIN { if ($parse_cpu < 0.05) print \"-\"; else printf \"%.1f\", ${best_cpu[$step]} / $parse_cpu }")
    printf '%-5s %8s %7s | %-9s %8.3f %7s | %7.2f %7s | %8s\n' "$1" "$2" "$3" "$step" "${best_wall[$step]}" "$ratio_wall" "${best_cpu[$step]}" "$ratio_cpu" "${best_rss[$step]}"
}

printf '%-5s %8s %7s | %-9s %8s %7s | %7s %7s | %8s\n' size items "MB" step "wall s" "×parse" "cpu s" "×parse" "peak MB"
printf -- '-------------------------------------------------------------------------------\n'
for size in "${sizes[@]}"; do
    file="$work/plan-$size.yaml"
    if [ ! -s "$file" ]; then
        python3 "$here/generate-plan.py" "$size" --seed 1 -o "$file"
    fi
    n=$runs
    case "$size" in 1m|1M|1000k|1000000) n=1 ;; esac
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
    # Warm the page cache so every step reads the file from memory.
    cat "$file" >/dev/null

    # Rounds of every step in turn, so that a change in the machine's load hits all steps alike;
    # each step's best over the rounds is reported.
    best_wall=() best_cpu=() best_rss=()
    for ((round = 0; round < n; round++)); do
        measure parse "$work/bare-parse" "$file"
        measure check "$planc" check --max-file-size 1024 "$file"
        measure schedule "$planc" schedule --format json --max-file-size 1024 "$file"
        if [ $has_report -eq 1 ]; then measure report "$planc" report --format markdown --max-file-size 1024 "$file"; fi
    done
    row "$size" "" "$mb" parse
    # "checked 1 plan: 103602 tasks, 0 errors, 0 warnings": every schedulable item
    items=$(sed -n 's/.*plan: \([0-9]*\) tasks.*/\1/p' "$work/check.txt" | tail -1)
    row "" "${items:-?}" "" check
    row "" "" "" schedule
    if [ $has_report -eq 1 ]; then
        row "" "" "" report
    else
        printf '%-5s %8s %7s | %-9s %s\n' "" "" "" report "skipped: this planc has no 'report' subcommand"
    fi
done
printf -- '-------------------------------------------------------------------------------\n'
echo "wall and cpu (user+sys): best of $runs runs below 1M, 1 run at 1M; peak = max RSS; $(nproc) cores; $(uname -m); planc $("$planc" --version 2>/dev/null || echo '?')"
