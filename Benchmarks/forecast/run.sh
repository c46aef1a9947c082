#!/usr/bin/env bash
# planc forecast benchmark: the targets of issue 14 (docs/performance.md, "Forecast").
#
#   Benchmarks/forecast/run.sh                  # release build, 3 runs of every case, then pmcontrols
#   Benchmarks/forecast/run.sh --runs 5 --no-build --no-pmcontrols
#
# Plans (written to $BENCH_DIR, default /tmp/planc-bench/forecast, never committed):
#   example     plans/perp-v2-launch.yaml as it is (at its go-live eve: most work done)
#   estimated   the same with as_of, statuses and actuals dropped and every leaf estimated
#               (Benchmarks/forecast/plans.py estimated)
#   1k, 10k     Benchmarks/forecast/plans.py generate 1k / 10k: three-point estimates, SS/FF links
#               with lags, milestones, deadlines, risks (fixed and three-point delays), correlations
# Each case runs `planc forecast --format json --iterations N --seed 1 PLAN` (stdout to /dev/null)
# under /usr/bin/time: user and system CPU seconds and wall seconds per run, and iterations per
# wall second; `planc check PLAN` beside it is the part that is not the simulation (parse, compile,
# the deterministic schedule). The machine is shared: compare CPU seconds, and several runs.
# Then scripts/check-pmcontrols.py (pip install pmcontrols) with this build: pmcontrols and planc
# on the same 1,000-task and 89-task networks, 10,000 iterations, percentiles side by side.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${BENCH_DIR:-/tmp/planc-bench}/forecast
runs=3
build=1
pmcontrols=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift ;;
        --no-build) build=0 ;;
        --no-pmcontrols) pmcontrols=0 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

mkdir -p "$work"
[ $build -eq 1 ] && (cd "$root" && swift build -c release >/dev/null)
planc=$root/.build/release/planc
[ -x "$planc" ] || { echo "run.sh: no $planc (build with swift build -c release)" >&2; exit 1; }

cp "$root/plans/perp-v2-launch.yaml" "$work/example.yaml"
python3 "$here/plans.py" estimated "$root/plans/perp-v2-launch.yaml" -o "$work/estimated.yaml"
[ -f "$work/1k.yaml" ] || python3 "$here/plans.py" generate 1k --seed 1 -o "$work/1k.yaml"
[ -f "$work/10k.yaml" ] || python3 "$here/plans.py" generate 10k --seed 1 -o "$work/10k.yaml"

measure() {  # label plan command...
    local label=$1 plan=$2 iterations=$3
    shift 3
    for run in $(seq "$runs"); do
        /usr/bin/time -o "$work/time.txt" -f "%U %S %e" "$@" "$work/$plan" >/dev/null 2>&1 || true
        read -r user sys wall <"$work/time.txt"
        local rate="-"
        [ "$iterations" != "-" ] && rate=$(python3 -c "print(round($iterations / max($wall, 0.005)))")
        printf '%-12s %-16s %8s %6s %6s %6s %10s\n' "$label" "$plan" "$iterations" "$user" "$sys" "$wall" "$rate"
    done
}

echo "planc $(cd "$root" && git rev-parse --short HEAD) release; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-16s %8s %6s %6s %6s %10s\n' step plan iterations user sys wall "iter/s"
for plan in example.yaml estimated.yaml 1k.yaml 10k.yaml; do
    measure check "$plan" - "$planc" check
    measure forecast "$plan" 10000 "$planc" forecast --format json --iterations 10000 --seed 1
done
# Linear in iterations: the 1,000-task plan at 5,000 / 20,000 iterations, one thread and two.
for n in 5000 20000; do measure forecast 1k.yaml $n "$planc" forecast --format json --iterations $n --seed 1; done
measure "1 thread" 1k.yaml 10000 "$planc" forecast --format json --iterations 10000 --seed 1 --threads 1
# The output does not depend on the thread count.
for threads in 1 2 4; do
    "$planc" forecast --format json --iterations 10000 --seed 1 --threads $threads "$work/1k.yaml" | sha256sum
done | uniq -c

if [ $pmcontrols -eq 1 ]; then
    echo
    PLANC=$planc python3 "$root/scripts/check-pmcontrols.py" --iterations 10000 --keep "$work/pmcontrols"
fi
