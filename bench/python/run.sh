#!/usr/bin/env bash
# Python parser benchmark: V6Ready's Python parser against CPython's ast.parse over the same files, in the same run.
# Usage: bench/python/run.sh DIR [ROUNDS] [REPEAT]
#   DIR     a folder of Python code (e.g. checkouts of django, flask, requests, ansible; nothing fetched is committed)
#   ROUNDS  alternating rounds of both parsers (default 3); the median of each is compared
#   REPEAT  passes over the file list per round (default 2)
# Needs the .NET SDK and python3. Prints: files both accept, files only one accepts (listed), MB/s of each and the ratio.
set -euo pipefail
dir=${1:?usage: run.sh DIR [ROUNDS] [REPEAT]}
rounds=${2:-3}
repeat=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export V6_ARTIFACTS=${V6_ARTIFACTS:-$work/artifacts}

find "$dir" -name '*.py' -type f | LC_ALL=C sort > "$work/files.txt"
echo "files: $(wc -l < "$work/files.txt")"
dotnet build -c Release "$here/harness/PyParseHarness.csproj" -o "$work/harness" >/dev/null

# correctness: which files each parser rejects
dotnet "$work/harness/PyParseHarness.dll" --list "$work/files.txt" --failures > "$work/ours.txt"
python3 "$here/astparse.py" "$work/files.txt" 0 --failures > "$work/theirs.txt"
sed -n 's/^FAIL \(.*\): line .*/\1/p' "$work/ours.txt" | sort > "$work/ours-fail.txt"
sed -n 's/^FAIL \(.*\): .*/\1/p' "$work/theirs.txt" | sed 's/: .*//' | sort > "$work/theirs-fail.txt"
total=$(wc -l < "$work/files.txt")
only_ast=$(comm -23 "$work/ours-fail.txt" "$work/theirs-fail.txt" | wc -l)
only_ours=$(comm -13 "$work/ours-fail.txt" "$work/theirs-fail.txt" | wc -l)
both_reject=$(comm -12 "$work/ours-fail.txt" "$work/theirs-fail.txt" | wc -l)
ast_ok=$((total - $(wc -l < "$work/theirs-fail.txt")))
echo "ast.parse accepts $ast_ok; both accept $((ast_ok - only_ast)); only ast.parse accepts $only_ast; only v6ready accepts $only_ours; both reject $both_reject"
echo "files only ast.parse accepts:"; comm -23 "$work/ours-fail.txt" "$work/theirs-fail.txt" | sed 's/^/  /'
echo "files only v6ready accepts:"; comm -13 "$work/ours-fail.txt" "$work/theirs-fail.txt" | sed 's/^/  /'
awk -v a="$ast_ok" -v o="$only_ast" 'BEGIN { if (a > 0) printf "parse rate on files ast.parse accepts: %.2f%%\n", 100 * (a - o) / a }'

ours=(); theirs=(); ourscpu=(); theirscpu=()
for ((i = 0; i < rounds; i++)); do
  line=$(dotnet "$work/harness/PyParseHarness.dll" --list "$work/files.txt" --repeat "$repeat" | grep '^seconds=')
  ours+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); ourscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
  line=$(python3 "$here/astparse.py" "$work/files.txt" "$repeat" | grep '^seconds=')
  theirs+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); theirscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "v6ready   wall MB/s per round: ${ours[*]}"
echo "ast.parse wall MB/s per round: ${theirs[*]}"
echo "v6ready   CPU  MB/s per round: ${ourscpu[*]}"
echo "ast.parse CPU  MB/s per round: ${theirscpu[*]}"
awk -v o="$(median "${ours[@]}")" -v t="$(median "${theirs[@]}")" 'BEGIN {printf "median wall MB/s: v6ready %.2f, ast.parse %.2f, ratio v6ready/ast.parse %.2f\n", o, t, o / t}'
awk -v o="$(median "${ourscpu[@]}")" -v t="$(median "${theirscpu[@]}")" 'BEGIN {printf "median CPU MB/s: v6ready %.2f, ast.parse %.2f, ratio v6ready/ast.parse %.2f\n", o, t, o / t}'
