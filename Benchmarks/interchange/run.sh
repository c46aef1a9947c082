#!/usr/bin/env bash
# MS Project XML export and import at scale (issue 15's targets: 10k tasks in ≤ 1 s each way,
# 100k in ≤ 10 s, linear in size).
#
#   Benchmarks/interchange/run.sh                      # 10k 100k, best of 3, builds planc (release)
#   Benchmarks/interchange/run.sh --no-build 10k       # the existing .build/release/planc
#   Benchmarks/interchange/run.sh --runs 5 10k 100k
#   Benchmarks/interchange/run.sh --baseline OLD 10k   # also time OLD (another planc binary) and
#                                                      # cmp its MSPDI, plan and warnings with planc's
#
# For each size: Benchmarks/generate-plan.py SIZE --seed 1 (cached in $BENCH_DIR, default
# /tmp/planc-bench), then
#   export  planc schedule --format mspdi PLAN > PLAN.xml   (the whole compile, then the writer)
#   import  planc import PLAN.xml --output PLAN.imported.yaml
# each timed with /usr/bin/time (user + system cpu seconds, wall seconds, peak RSS); each cell is
# the best of --runs. On a shared machine compare cpu seconds: wall time moves with the load.
# Not a test: it prints numbers (and fails only when a baseline's output differs).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${BENCH_DIR:-/tmp/planc-bench}
runs=3
build=1
baseline=
sizes=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift ;;
        --no-build) build=0 ;;
        --baseline) baseline=$2; shift ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) sizes+=("$1") ;;
    esac
    shift
done
[ ${#sizes[@]} -eq 0 ] && sizes=(10k 100k)
[ -x /usr/bin/time ] || { echo "run.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"
if [ $build -eq 1 ]; then (cd "$root" && swift build -c release >&2); fi
planc="$root/.build/release/planc"
[ -x "$planc" ] || { echo "run.sh: $planc not found" >&2; exit 2; }

# measure LABEL CMD...: best cpu, wall and largest RSS over the rounds, in best[LABEL].
declare -A cpu wall rss
measure() {
    local label=$1; shift
    /usr/bin/time -f "%U %S %e %M" -o "$work/interchange-time.txt" "$@" 2>"$work/interchange-stderr.txt" || true
    read -r user sys elapsed kb < <(tail -1 "$work/interchange-time.txt")
    local c; c=$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
    if [ -z "${cpu[$label]:-}" ] || awk "BEGIN { exit !($c < ${cpu[$label]}) }"; then cpu[$label]=$c; fi
    if [ -z "${wall[$label]:-}" ] || awk "BEGIN { exit !($elapsed < ${wall[$label]}) }"; then wall[$label]=$elapsed; fi
    local m; m=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
    if [ -z "${rss[$label]:-}" ] || [ "$m" -gt "${rss[$label]}" ]; then rss[$label]=$m; fi
}

printf '%-6s %8s | %-16s %7s %7s %8s\n' size "xml MB" step "cpu s" "wall s" "peak MB"
printf -- '------------------------------------------------------------\n'
for size in "${sizes[@]}"; do
    plan="$work/plan-$size.yaml"
    [ -s "$plan" ] || python3 "$root/Benchmarks/generate-plan.py" "$size" --seed 1 -o "$plan"
    xml="$work/plan-$size.xml"
    binaries=("$planc")
    [ -n "$baseline" ] && binaries+=("$baseline")
    cpu=() wall=() rss=()
    for ((round = 0; round < runs; round++)); do
        for binary in "${binaries[@]}"; do
            name=planc; [ "$binary" = "$planc" ] || name=baseline
            measure "$name export" sh -c '"$1" schedule --format mspdi --max-file-size 1024 "$2" > "$3"' _ "$binary" "$plan" "$xml.$name"
            measure "$name import" "$binary" import --max-file-size 1024 "$xml.planc" --output "$xml.$name.yaml"
            cp "$work/interchange-stderr.txt" "$xml.$name.warnings"
        done
    done
    mb=$(awk -v b="$(stat -c %s "$xml.planc")" 'BEGIN { printf "%.1f", b / 1048576 }')
    for label in "planc export" "planc import" ${baseline:+"baseline export" "baseline import"}; do
        printf '%-6s %8s | %-16s %7s %7s %8s\n' "$size" "$mb" "$label" "${cpu[$label]}" "${wall[$label]}" "${rss[$label]}"
    done
    if [ -n "$baseline" ]; then
        for suffix in "" .yaml .warnings; do
            cmp -s "$xml.planc$suffix" "$xml.baseline$suffix" || { echo "run.sh: $size: planc and the baseline differ in ${suffix:-the MSPDI}" >&2; exit 1; }
        done
        echo "$size: the MSPDI, the imported plan and the warnings are byte-identical to the baseline's"
    fi
done
printf -- '------------------------------------------------------------\n'
echo "best of $runs; cpu = user + system; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
