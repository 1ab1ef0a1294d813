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

# wall-clock MB/s and CPU-time MB/s (user+system time of the process; steadier when the machine is shared)
ours=(); theirs=(); ourscpu=(); theirscpu=()
for ((i = 0; i < rounds; i++)); do
  line=$(dotnet "$work/harness/GoParseHarness.dll" --list "$work/files.txt" --repeat "$repeat" | grep '^seconds=')
  ours+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); ourscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
  line=$("$work/goparse" "$work/files.txt" "$repeat" | grep '^seconds=')
  theirs+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); theirscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "v6ready   wall MB/s per round: ${ours[*]}"
echo "go/parser wall MB/s per round: ${theirs[*]}"
echo "v6ready   CPU  MB/s per round: ${ourscpu[*]}"
echo "go/parser CPU  MB/s per round: ${theirscpu[*]}"
awk -v o="$(median "${ours[@]}")" -v t="$(median "${theirs[@]}")" 'BEGIN {printf "median wall MB/s: v6ready %.2f, go/parser %.2f, ratio v6ready/go-parser %.2f\n", o, t, o / t}'
awk -v o="$(median "${ourscpu[@]}")" -v t="$(median "${theirscpu[@]}")" 'BEGIN {printf "median CPU MB/s: v6ready %.2f, go/parser %.2f, ratio v6ready/go-parser %.2f\n", o, t, o / t}'
