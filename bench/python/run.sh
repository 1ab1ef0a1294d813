#!/usr/bin/env bash
# Python parser benchmark: V6Ready's Python parser against CPython's ast.parse over the same files, in the same run.
# Usage: bench/python/run.sh DIR [ROUNDS] [REPEAT]
#   DIR     a folder of Python code (e.g. checkouts of django, flask, requests, ansible; nothing fetched is committed)
#   ROUNDS  alternating rounds of both parsers (default 3); the median of each is compared
#   REPEAT  passes over the file list per round (default 2)
# Needs the .NET SDK and python3. Prints: files both accept, files only one accepts (listed), MB/s of each and the ratio.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common/parse-bench.sh"
bench_start .py "$here/harness/PyParseHarness.csproj" 3 2 "$@"

# correctness: which files each parser rejects
dotnet "$harness" --list "$work/files.txt" --failures > "$work/ours.txt"
python3 "$here/astparse.py" "$work/files.txt" 0 --failures > "$work/theirs.txt"
bench_our_failures "$work/ours.txt" > "$work/ours.fail"
sed -n 's/^FAIL \(.*\): .*/\1/p' "$work/theirs.txt" | sed 's/: .*//' > "$work/theirs.fail"
bench_agreement ast.parse "$work/ours.fail" "$work/theirs.fail"

bench_speed ast.parse "$rounds" "$repeat" python3 "$here/astparse.py"
