#!/usr/bin/env bash
# Validate every root plan in plans/ (a YAML file with a top-level `plan:` key) against
# schemas/plan.schema.json. Fragments and metrics files are skipped: planc itself checks them
# through the root plan that includes them.
#
# check-jsonschema reads YAML timestamps (unquoted dates such as 2027-03-15) as strings, so the
# schema's date pattern and `format: date` apply to them as written.
#
# Usage: scripts/validate-schema.sh            # from anywhere inside the repository
set -euo pipefail

cd "$(dirname "$0")/.."

if command -v check-jsonschema >/dev/null 2>&1; then
  checker=(check-jsonschema)
else
  python3 -m pip install --quiet check-jsonschema
  # the console script may land outside PATH (e.g. a --user install); the module always runs
  checker=(python3 -m check_jsonschema)
fi

shopt -s nullglob
plans=()
for file in plans/*.yaml plans/*.yml; do
  if grep -q '^plan:' "$file"; then
    plans+=("$file")
  fi
done

if [ "${#plans[@]}" -eq 0 ]; then
  echo "validate-schema: no root plans found in plans/" >&2
  exit 1
fi

"${checker[@]}" --schemafile schemas/plan.schema.json "${plans[@]}"

# Portfolio files and the plans beside them, each against its schema.
portfolios=(); portfolio_plans=()
for file in plans/*/*.yaml; do
  if grep -q '^portfolio:' "$file"; then portfolios+=("$file"); elif grep -q '^plan:' "$file"; then portfolio_plans+=("$file"); fi
done
if [ "${#portfolios[@]}" -gt 0 ]; then
  "${checker[@]}" --base-uri "file://$PWD/schemas/" --schemafile schemas/portfolio.schema.json "${portfolios[@]}"
fi
if [ "${#portfolio_plans[@]}" -gt 0 ]; then
  "${checker[@]}" --schemafile schemas/plan.schema.json "${portfolio_plans[@]}"
fi

# Metrics files, against their own schema.
shopt -s nullglob
metrics=(plans/metrics/*.yaml plans/metrics/*.yml plans/metrics/*.json)
if [ "${#metrics[@]}" -gt 0 ]; then
  "${checker[@]}" --schemafile schemas/metrics.schema.json "${metrics[@]}"
fi
