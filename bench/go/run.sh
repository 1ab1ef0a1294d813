#!/usr/bin/env bash
# Go parser benchmark: V6Ready's Go parser against Go's own go/parser over the same files, in the same run.
# Usage: bench/go/run.sh DIR [ROUNDS] [REPEAT]
#   DIR     a folder of Go code (e.g. a checkout of prometheus/prometheus; nothing fetched is committed)
#   ROUNDS  alternating rounds of both parsers (default 5); the median of each is compared
#   REPEAT  passes over the file list per round (default 3)
# Needs the .NET SDK and Go (Debian: apt-get install -y golang-go). Prints parse rate, MB/s of each and the ratio.
set -euo pipefail
dir=${1:?usage: run.sh DIR [ROUNDS] [REPEAT]}
rounds=${2:-5}
repeat=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export V6_ARTIFACTS=${V6_ARTIFACTS:-$work/artifacts}

find "$dir" -name '*.go' -type f | LC_ALL=C sort > "$work/files.txt"
echo "files: $(wc -l < "$work/files.txt")"

dotnet build -c Release "$here/harness/GoParseHarness.csproj" -o "$work/harness" >/dev/null
(cd "$here/goparse" && GOFLAGS=-mod=mod GOCACHE="$work/gocache" go build -o "$work/goparse" .)

# correctness pass: which files our parser rejects (go/parser's own failures are counted too)
dotnet "$work/harness/GoParseHarness.dll" --list "$work/files.txt" --failures | grep -E '^(files|FAIL)' || true
"$work/goparse" "$work/files.txt" 1 | grep '^files' | sed 's/^/go\/parser: /'

ours=(); theirs=()
for ((i = 0; i < rounds; i++)); do
  ours+=("$(dotnet "$work/harness/GoParseHarness.dll" --list "$work/files.txt" --repeat "$repeat" | sed -n 's/.*MBps=//p')")
  theirs+=("$("$work/goparse" "$work/files.txt" "$repeat" | sed -n 's/.*MBps=//p')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "v6ready MB/s per round: ${ours[*]}"
echo "go/parser MB/s per round: ${theirs[*]}"
awk -v o="$o" -v t="$t" 'BEGIN {printf "median MB/s: v6ready %.2f, go/parser %.2f, ratio v6ready/go-parser %.2f\n", o, t, o / t}'
