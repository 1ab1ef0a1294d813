#!/usr/bin/env bash
# Java parser benchmark: V6Ready's Java parser against javac's own parser (JavacTask.parse from the JDK) over the same
# files, in the same run.
# Usage: bench/java/run.sh DIR [ROUNDS] [REPEAT]
#   DIR     a folder of Java code (e.g. checkouts of Sock Shop's carts/orders/shipping/queue-master and Spring
#           projects; nothing fetched is committed)
#   ROUNDS  alternating rounds of both parsers (default 3); the median of each is compared
#   REPEAT  passes over the file list per round (default 2)
# Needs the .NET SDK and a JDK 17+ (Debian: apt-get install -y openjdk-17-jdk-headless). Prints files both accept,
# files only one accepts, MB/s of each and the ratio (wall clock and process CPU time).
set -euo pipefail
dir=${1:?usage: run.sh DIR [ROUNDS] [REPEAT]}
rounds=${2:-3}
repeat=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export V6_ARTIFACTS=${V6_ARTIFACTS:-$work/artifacts}

find "$dir" -name '*.java' -type f | LC_ALL=C sort > "$work/files.txt"
echo "files: $(wc -l < "$work/files.txt")"

dotnet build -c Release "$here/harness/JavaParseHarness.csproj" -o "$work/harness" >/dev/null
mkdir -p "$work/javac"
javac -d "$work/javac" "$here/javacparse/JavacParse.java"

# correctness pass: which files each parser rejects, and the agreement
dotnet "$work/harness/JavaParseHarness.dll" --list "$work/files.txt" --failures > "$work/ours.txt"
java -cp "$work/javac" JavacParse "$work/files.txt" 0 --failures > "$work/theirs.txt"
grep '^files' "$work/ours.txt" | sed 's/^/v6ready: /'
grep '^files' "$work/theirs.txt" | sed 's/^/javac:   /'
sed -n 's/^FAIL \(.*\):[0-9]*: .*/\1/p' "$work/ours.txt" | LC_ALL=C sort -u > "$work/ours.fail"
sed -n 's/^FAIL //p' "$work/theirs.txt" | LC_ALL=C sort -u > "$work/theirs.fail"
total=$(wc -l < "$work/files.txt")
only_ours_reject=$(LC_ALL=C comm -23 "$work/ours.fail" "$work/theirs.fail" | wc -l)
only_javac_reject=$(LC_ALL=C comm -13 "$work/ours.fail" "$work/theirs.fail" | wc -l)
both_reject=$(LC_ALL=C comm -12 "$work/ours.fail" "$work/theirs.fail" | wc -l)
javac_ok=$((total - $(wc -l < "$work/theirs.fail")))
both_ok=$((javac_ok - only_ours_reject))
echo "both accept: $both_ok; only javac accepts: $only_ours_reject; only v6ready accepts: $only_javac_reject; both reject: $both_reject"
awk -v b="$both_ok" -v j="$javac_ok" 'BEGIN {printf "v6ready accepts %.3f%% of the files javac accepts\n", (j == 0 ? 100 : 100 * b / j)}'
LC_ALL=C comm -23 "$work/ours.fail" "$work/theirs.fail" | head -20 | sed 's/^/  only javac accepts: /'

ours=(); theirs=(); ourscpu=(); theirscpu=()
for ((i = 0; i < rounds; i++)); do
  line=$(dotnet "$work/harness/JavaParseHarness.dll" --list "$work/files.txt" --repeat "$repeat" | grep '^seconds=')
  ours+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); ourscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
  line=$(java -cp "$work/javac" JavacParse "$work/files.txt" "$repeat" | grep '^seconds=')
  theirs+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); theirscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "v6ready wall MB/s per round: ${ours[*]}"
echo "javac   wall MB/s per round: ${theirs[*]}"
echo "v6ready CPU  MB/s per round: ${ourscpu[*]}"
echo "javac   CPU  MB/s per round: ${theirscpu[*]}"
awk -v o="$(median "${ours[@]}")" -v t="$(median "${theirs[@]}")" 'BEGIN {printf "median wall MB/s: v6ready %.2f, javac %.2f, ratio v6ready/javac %.2f\n", o, t, o / t}'
awk -v o="$(median "${ourscpu[@]}")" -v t="$(median "${theirscpu[@]}")" 'BEGIN {printf "median CPU MB/s: v6ready %.2f, javac %.2f, ratio v6ready/javac %.2f\n", o, t, o / t}'
