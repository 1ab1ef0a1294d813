#!/usr/bin/env bash
# Go parser benchmark: V6Ready's Go parser against Go's own go/parser over the same files, in the same run.
# Usage: bench/go/run.sh DIR [ROUNDS] [REPEAT]
#   DIR     a folder of Go code (e.g. a checkout of prometheus/prometheus; nothing fetched is committed)
#   ROUNDS  alternating rounds of both parsers (default 5); the median of each is compared
#   REPEAT  passes over the file list per round (default 3)
# Needs the .NET SDK and Go (Debian: apt-get install -y golang-go). Prints parse rate, MB/s of each and the ratio.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common/parse-bench.sh"
bench_start .go "$here/harness/GoParseHarness.csproj" 5 3 "$@"
(cd "$here/goparse" && GOFLAGS=-mod=mod GOCACHE="$work/gocache" go build -o "$work/goparse" .)

# correctness pass: which files our parser rejects (go/parser's own failures are counted too)
dotnet "$harness" --list "$work/files.txt" --failures | grep -E '^(files|FAIL)' || true
"$work/goparse" "$work/files.txt" 1 | grep '^files' | sed 's/^/go\/parser: /'

bench_speed go/parser "$rounds" "$repeat" "$work/goparse"
