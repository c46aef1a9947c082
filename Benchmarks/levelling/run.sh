#!/usr/bin/env bash
# Levelling at scale: planc with and without --level, and TaskJuggler, on the same generated plans.
#
#   Benchmarks/levelling/run.sh                  # builds release planc; 1k 2k 5k 10k (+20k if quick)
#   Benchmarks/levelling/run.sh --no-build 10k   # chosen sizes, existing .build/release/planc
#   Benchmarks/levelling/run.sh --no-tj          # planc only
#   Benchmarks/levelling/run.sh --tj-timeout 300 # seconds before tj3 is given up on (default 300)
#   Benchmarks/levelling/run.sh --tj-only        # tj3 only (its slow runs first, on a quieter machine)
#   Benchmarks/levelling/run.sh --reuse-tj       # take tj3's figures from an earlier --tj-only run
#
# Per size: generate.py N --seed 1 (plan and .tjp, in $BENCH_DIR/levelling, default
# /tmp/planc-bench/levelling; never committed), then, once each, timed with /usr/bin/time -v:
#   planc schedule --no-level --format json   (unlevelled; W501 warnings to a file)
#   planc schedule --level --format json      (levelled)
#   tj3 --silent PLAN.tjp                     (levels; a CSV task report), skipped for larger sizes
#                                             once it has been given up on
# and checks planc's levelled schedule with check.py (independent: capacity per team per day,
# durations on the calendar, every FS link) and TaskJuggler's with check.py --tj (links; counts
# interrupted tasks). 20k is added when planc levelled 10k in under 3 s. Not a test: prints numbers.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${BENCH_DIR:-/tmp/planc-bench}/levelling
build=1
tj=1
tj_timeout=300
tj_only=0
reuse_tj=0
sizes=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --no-tj) tj=0 ;;
        --tj-timeout) tj_timeout=$2; shift ;;
        --tj-only) tj_only=1 ;;
        --reuse-tj) reuse_tj=1 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) sizes+=("$1") ;;
    esac
    shift
done
auto20k=0
[ ${#sizes[@]} -eq 0 ] && { sizes=(1k 2k 5k 10k); auto20k=1; }

[ -x /usr/bin/time ] || { echo "run.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
python3 -c 'import yaml' 2>/dev/null || { echo "run.sh: needs PyYAML (pip install pyyaml)" >&2; exit 2; }
if [ $tj -eq 1 ] && ! command -v tj3 >/dev/null; then
    echo "run.sh: tj3 not found; TaskJuggler columns skipped (gem install taskjuggler)" >&2
    tj=0
fi
mkdir -p "$work"
[ $tj_only -eq 1 ] && build=0
if [ $build -eq 1 ]; then
    echo "building planc (release)..." >&2
    (cd "$root" && swift build -c release >&2)
fi
planc="$root/.build/release/planc"
[ -x "$planc" ] || [ $tj_only -eq 1 ] || { echo "run.sh: $planc not found; build it or drop --no-build" >&2; exit 2; }

# measure CMD...: runs CMD once; sets wall (s), cpu (user+sys s), rss (MB), status.
measure() {
    local t0 t1 out=$1; shift
    status=0
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt" || status=$?
    t1=$(date +%s%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
}
finish_of() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["finish"], d["finish_lower_bound"])' "$1"; }
count() { case "$1" in *k|*K) echo $(( ${1%[kK]} * 1000 )) ;; *) echo "$1" ;; esac; }

echo "planc $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?'), $(tj3 --version 2>/dev/null | head -1 || true), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s | %-17s | %-17s | %-20s | %-10s %-10s %-10s %-10s | %s\n' \
    size "unlevelled w/cpu/MB" "levelled w/cpu/MB" "tj3 w/cpu/MB" "cpm" "planc" "bound" "tj3" "feasibility"
tj_gave_up=""
i=0
while [ $i -lt ${#sizes[@]} ]; do
    size=${sizes[$i]}; i=$((i + 1))
    n=$(count "$size")
    plan="$work/lev-$n.yaml"; tjp="$work/lev-$n.tjp"
    [ -f "$plan" ] && [ -f "$tjp" ] || python3 "$here/generate.py" "$n" --seed 1 -o "$plan" --tjp "$tjp" --tj-report "tj-$n"

    unlev="-"; lev="-"; cpm="-"; pfinish="-"; bound="-"; feas="-"; lev_wall=99
    if [ $tj_only -eq 0 ]; then
        measure "$work/unlevelled-$n.json" "$planc" schedule --no-level --format json "$plan"
        [ $status -le 1 ] || { echo "planc --no-level failed ($status)"; cat "$work/stderr.txt"; exit 1; }
        unlev="$wall/$cpu/$rss"
        read -r cpm _ < <(finish_of "$work/unlevelled-$n.json")

        measure "$work/levelled-$n.json" "$planc" schedule --level --format json "$plan"
        [ $status -le 1 ] || { echo "planc --level failed ($status)"; cat "$work/stderr.txt"; exit 1; }
        lev="$wall/$cpu/$rss"; lev_wall=$wall
        read -r pfinish bound < <(finish_of "$work/levelled-$n.json")
        feas=$(python3 "$here/check.py" "$plan" "$work/levelled-$n.json" | head -1 |
            sed 's/.*; \([0-9]* violations\)/planc \1/')
    fi

    tjcell="-"; tfinish="-"; tjfeas=""
    if [ $tj -eq 1 ] && [ $reuse_tj -eq 1 ] && [ -f "$work/tj-$n.measure" ]; then
        IFS='|' read -r tjcell tfinish tjfeas < "$work/tj-$n.measure"
        case "$tjcell" in "gave up"*) tj_gave_up=$size ;; esac
    elif [ $tj -eq 1 ] && [ -z "$tj_gave_up" ]; then
        rm -f "$work/tj-$n.csv"
        measure "$work/tj-$n.out" timeout "$tj_timeout" tj3 --silent --output-dir "$work" "$tjp"
        if [ $status -eq 124 ]; then
            tjcell="gave up >${tj_timeout}s"; tj_gave_up=$size
        elif [ $status -ne 0 ] || [ ! -f "$work/tj-$n.csv" ]; then
            tjcell="failed ($status)"; tail -5 "$work/stderr.txt" >&2
        else
            tjcell="$wall/$cpu/$rss"
            tcheck=$(python3 "$here/check.py" "$plan" --tj "$work/tj-$n.csv" | head -1)
            tfinish=$(echo "$tcheck" | sed 's/^finish \([0-9-]*\);.*/\1/')
            tjfeas="tj3 $(echo "$tcheck" |
                sed 's/.*links, \([0-9]*\) interrupted.*; \([0-9]* violations\)/\2, \1 interrupted/')"
        fi
        echo "$tjcell|$tfinish|$tjfeas" > "$work/tj-$n.measure"
    elif [ $tj -eq 1 ]; then
        tjcell="skipped (>$tj_gave_up)"
    fi
    [ -n "$tjfeas" ] && feas="$feas; $tjfeas"
    printf '%-6s | %-17s | %-17s | %-20s | %-10s %-10s %-10s %-10s | %s\n' \
        "$size" "$unlev" "$lev" "$tjcell" "$cpm" "$pfinish" "$bound" "$tfinish" "$feas"
    if [ $auto20k -eq 1 ] && [ "$size" = 10k ] && awk -v w="$lev_wall" 'BEGIN { exit !(w < 3) }'; then
        sizes+=(20k); auto20k=0
    fi
done
echo "w/cpu/MB: wall s / user+sys s / peak RSS MB, one run each; cpm: unlevelled finish; bound: planc's finish_lower_bound"
