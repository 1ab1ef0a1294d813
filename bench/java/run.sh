#!/usr/bin/env bash
# Java parser benchmark: V6Ready's Java parser against javac's own parser (JavacTask.parse from the JDK) over the same
# files, in the same run.
# Usage: bench/java/run.sh DIR [ROUNDS] [REPEAT]
#   DIR     a folder of Java code (e.g. checkouts of Sock Shop's carts/orders/shipping/queue-master and Spring
#           projects; nothing fetched is committed)
#   ROUNDS  alternating rounds of both parsers (default 3); the median of each is compared
#   REPEAT  passes over the file list per round (default 2)
# Needs the .NET SDK and a JDK 17+ (Debian: apt-get install -y openjdk-17-jdk-headless). Prints files both accept,
# files only one accepts, MB/s of each and the ratio (wall clock and CPU time; javac's CPU time is its parsing
# thread's, ours the whole process's).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common/parse-bench.sh"
bench_start .java "$here/harness/JavaParseHarness.csproj" 3 2 "$@"
mkdir -p "$work/javac"
javac -d "$work/javac" "$here/javacparse/JavacParse.java"

# correctness pass: which files each parser rejects, and the agreement
dotnet "$harness" --list "$work/files.txt" --failures > "$work/ours.txt"
java -cp "$work/javac" JavacParse "$work/files.txt" 0 --failures > "$work/theirs.txt"
grep '^files' "$work/ours.txt" | sed 's/^/v6ready: /'
grep '^files' "$work/theirs.txt" | sed 's/^/javac:   /'
bench_our_failures "$work/ours.txt" > "$work/ours.fail"
sed -n 's/^FAIL //p' "$work/theirs.txt" > "$work/theirs.fail"
bench_agreement javac "$work/ours.fail" "$work/theirs.fail"

bench_speed javac "$rounds" "$repeat" java -cp "$work/javac" JavacParse
