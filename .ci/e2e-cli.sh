#!/usr/bin/env bash
# End-to-end check of the v6ready CLI: the README's main command on samples/, then SARIF and JSON reports to files.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "e2e-cli: dotnet run --project src/V6Ready.Cli -- scan samples"
set +e
dotnet run --project src/V6Ready.Cli -- scan samples >"$out/scan.txt" 2>"$out/scan.err"
code=$?
set -e
if [ "$code" -ne 1 ]; then
  echo "e2e-cli: expected exit code 1 (findings) from the samples scan, got $code" >&2
  cat "$out/scan.err" >&2
  exit 1
fi
if [ ! -s "$out/scan.txt" ]; then
  echo "e2e-cli: the samples scan printed nothing" >&2
  exit 1
fi
rules="$(grep -oE '\bV6[0-9]{3}\b' "$out/scan.txt" | sort -u | tr '\n' ' ')"
if [ -z "$rules" ]; then
  echo "e2e-cli: the samples scan names no rule" >&2
  exit 1
fi
echo "e2e-cli: rules reported: $rules"
grep -E '^Found [0-9]+ findings' "$out/scan.txt"

for format in sarif json; do
  set +e
  dotnet run --no-build --project src/V6Ready.Cli -- scan samples --format "$format" --output "$out/report.$format" 2>"$out/$format.err"
  code=$?
  set -e
  if [ "$code" -ne 1 ]; then
    echo "e2e-cli: --format $format: expected exit code 1, got $code" >&2
    cat "$out/$format.err" >&2
    exit 1
  fi
  if [ ! -s "$out/report.$format" ]; then
    echo "e2e-cli: --format $format wrote no report" >&2
    exit 1
  fi
done
grep -q '"version": "2.1.0"' "$out/report.sarif" || { echo "e2e-cli: the SARIF report has no version 2.1.0" >&2; exit 1; }
grep -q '"partialFingerprints"' "$out/report.sarif" || { echo "e2e-cli: the SARIF report has no fingerprints" >&2; exit 1; }
# Microsoft's SARIF Multitool (schema, SARIF and GitHub code-scanning rules) on the scan's and the cluster check's SARIF.
set +e
dotnet run --no-build --project src/V6Ready.Cli -- cluster --snapshot samples/cluster/half-configured.snapshot.json \
  --format sarif --output "$out/cluster.sarif" >/dev/null 2>"$out/cluster.err"
code=$?
set -e
[ "$code" -eq 1 ] || { echo "e2e-cli: cluster --format sarif on the half-configured snapshot: expected exit 1, got $code" >&2; cat "$out/cluster.err" >&2; exit 1; }
bash .ci/sarif-check.sh "$out/report.sarif" "$out/cluster.sarif" || { echo "e2e-cli: the SARIF Multitool reports errors" >&2; exit 1; }
grep -q '"findings": \[' "$out/report.json" || { echo "e2e-cli: the JSON report has no findings array" >&2; exit 1; }
grep -q '"ruleId": "V6' "$out/report.json" || { echo "e2e-cli: the JSON report names no rule" >&2; exit 1; }

# Exit code 2 on a usage error.
set +e
dotnet run --no-build --project src/V6Ready.Cli -- scan samples --format nope >/dev/null 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || { echo "e2e-cli: unknown format should exit 2, got $code" >&2; exit 1; }
echo "e2e-cli: ok"
