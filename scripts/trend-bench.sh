#!/usr/bin/env bash
# planc trend over 200 commits of the example plan (issue 16's target: <= 5 s): builds a throwaway
# repository in a temporary folder whose every commit changes one task's duration in
# plans/perp-v2-launch.yaml, then times the release binary over it. Run by hand, not in CI:
#   swift build -c release && bash scripts/trend-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
planc=${PLANC:-$PWD/.build/release/planc}
commits=${COMMITS:-200}
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example
mkdir -p "$repo/plans"
cp plans/perp-v2-launch.yaml "$repo/plans/"
git -C "$repo" init -q -b main
git -C "$repo" add -A && git -C "$repo" commit -q -m "plan"
line=$(grep -n "duration: 10d" plans/perp-v2-launch.yaml | head -1 | cut -d: -f1)
for i in $(seq 2 "$commits"); do
  sed -i "${line}s/duration: [0-9]*d/duration: $((10 + i % 7))d/" "$repo/plans/perp-v2-launch.yaml"
  git -C "$repo" commit -q -am "duration $((10 + i % 7))d"
done
cd "$repo"
/usr/bin/time -f "planc trend, $commits commits: %e s wall, %U s user, %S s system, %M KB" "$planc" trend plans/perp-v2-launch.yaml > trend.txt
head -3 trend.txt
