#!/usr/bin/env bash
# Builds the libFuzzer target (Fuzz/Package.swift) and fuzzes planc's loader, rules and scheduler.
#
#   Fuzz/run.sh [SECONDS] [-- EXTRA LIBFUZZER FLAGS]   # default 600 s, 1 job
#   Fuzz/run.sh 3600 -- -jobs=2 -workers=2            # both cores
#   Fuzz/run.sh --regressions                         # replay Fuzz/regressions/* once (no fuzzing)
#   FUZZ_NO_BUILD=1 Fuzz/run.sh 60                    # reuse the last build
#   FUZZ_TARGET=WriterFuzz Fuzz/run.sh 300            # the writers (every output format)
#
# The working corpus lives in $FUZZ_WORK (default Fuzz/work/, ignored by git); it is seeded from
# Fuzz/corpus/ (committed seeds: docs and test fixtures), plans/ and Fuzz/regressions/.
# Crashes, timeouts and out-of-memory inputs land in $FUZZ_WORK/artifacts/; copy each one to
# Fuzz/regressions/ with a name saying what it hits (see docs/fuzzing.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
target=${FUZZ_TARGET:-PlanFuzz}
work=${FUZZ_WORK:-$here/work}
[ "$target" = WriterFuzz ] && [ -z "${FUZZ_WORK:-}" ] && work=$here/work/writers
seconds=600
replay=0
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --regressions) replay=1 ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) seconds=$1 ;;
    esac
    shift
done

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    # SwiftPM's incremental build of the root package's modules under these flags can keep stale
    # objects when a type's layout changes (a crash in the first input, at a field access): build
    # them afresh whenever the root package's sources differ from the last fuzz build's.
    sources_sha=$(cd "$root" && find Sources -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
    if [ -d "$here/.build" ] && [ "$(cat "$here/.build/planc-sources.sha" 2>/dev/null)" != "$sources_sha" ]; then
        rm -rf "$(readlink -f "$here/.build/release" 2>/dev/null || echo "$here/.build/release")"
    fi
    # -sanitize=fuzzer instruments every Swift module (PlanSyntax, PlanKit, the harness) for
    # coverage and links libFuzzer, which supplies main(); -parse-as-library because the harness
    # has no top-level code. The build is separate from the root package's (Fuzz/.build).
    (cd "$here" && swift build -c release \
        -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library >&2)
    echo "$sources_sha" > "$here/.build/planc-sources.sha"
fi
binary="$here/.build/release/$target"
[ -x "$binary" ] || { echo "fuzz/run.sh: $binary not built" >&2; exit 2; }

# Swift's own crash backtracer would catch the signal first, and libFuzzer would never save the
# input that crashed.
export SWIFT_BACKTRACE=enable=no
mkdir -p "$work/corpus" "$work/artifacts" "$here/regressions"

# Every saved regression input must run cleanly (libFuzzer exits non-zero on a crash).
regressions=("$here"/regressions/*)
if [ $replay -eq 1 ]; then
    if [ ! -e "${regressions[0]}" ]; then echo "no regression inputs"; exit 0; fi
    failed=0
    for input in "${regressions[@]}"; do
        case "$input" in *.md|*.txt) continue ;; esac
        if "$binary" -timeout=10 -rss_limit_mb=2048 "$input" >"$work/replay.log" 2>&1; then
            echo "ok      ${input#$root/}"
        else
            echo "FAILS   ${input#$root/}"; failed=1
            grep -E 'ERROR|Fatal error|#[0-9]+ .* in ' "$work/replay.log" | head -8 | sed 's/^/        /'
        fi
    done
    exit $failed
fi

# -max_len: plans are text; 64 KiB lets the fuzzer grow the larger seeds.
# -timeout: a plan that takes over 10 s to compile is a hang (the CLI compiles 100k tasks in ~2 s).
# -rss_limit_mb: the default 2 GiB; a small input that needs more is an allocation bomb.
seed_dirs=("$here/corpus" "$root/plans")
# The writers also start from plans full of hostile strings (Fuzz/corpus-writers/).
[ "$target" = WriterFuzz ] && seed_dirs+=("$here/corpus-writers")
[ -e "${regressions[0]}" ] && seed_dirs+=("$here/regressions")
exec "$binary" "$work/corpus" "${seed_dirs[@]}" \
    -dict="$here/plan.dict" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" \
    "${extra[@]}"
