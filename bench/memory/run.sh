#!/usr/bin/env bash
# Peak resident memory of `v6ready scan` on one generated large file per front end, and the multiple of the input it is.
# usage: bench/memory/run.sh [MEGABYTES (default 16)] [KINDS (default "js ts yaml go python java")]
# env: V6 (a built v6ready.dll or executable; default: builds src/V6Ready.Cli in Release into $WORK/artifacts),
#      WORK (scratch folder, default /tmp/v6ready-memory), EXTRA (more scan options, e.g. "--memory-budget 8G").
# Needs GNU time (/usr/bin/time -v). Run it alone: one large file's analysis uses several cores' worth of memory traffic.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
mb="${1:-16}"; kinds="${2:-js ts yaml go python java}"
work="${WORK:-/tmp/v6ready-memory}"; mkdir -p "$work"
if [ -z "${V6:-}" ]; then
  V6_ARTIFACTS="$work/artifacts" dotnet build "$repo/src/V6Ready.Cli" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  V6="$work/artifacts/bin/V6Ready.Cli/release/v6ready.dll"
fi
run() { case "$V6" in *.dll) dotnet "$V6" "$@" ;; *) "$V6" "$@" ;; esac; }
mkdir -p "$work/empty"; echo "x = 1" >"$work/empty/a.txt"
/usr/bin/time -v -o "$work/time.txt" bash -c "$(declare -f run); V6='$V6'; run scan '$work/empty' --format json >/dev/null" || true
base=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$work/time.txt")
echo "baseline (a one-file scan): $((base / 1024)) MB"
printf '%-8s %8s %12s %10s %10s %s\n' kind "input MB" "peak RSS MB" "(peak-base)/input" "cpu s" "skipped/findings"
for k in $kinds; do
  ext=$k; [ "$k" = python ] && ext=py
  d="$work/in-$k-$mb"; mkdir -p "$d"
  [ -f "$d/big.$ext" ] || python3 "$here/gen.py" "$k" "$mb" "$d/big.$ext"
  size=$(stat -c %s "$d/big.$ext")
  /usr/bin/time -v -o "$work/time.txt" bash -c "$(declare -f run); V6='$V6'; run scan '$d' --max-file-size 1G ${EXTRA:-} --format json >'$work/out.json'" || true
  peak=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$work/time.txt")
  cpu=$(awk -F: '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$work/time.txt")
  what=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); f=d['files']; print(len(f['skipped']), 'skipped', (f['skipped'][0]['reason'] if f['skipped'] else ''), '/', len(d['findings']), 'findings')" "$work/out.json" 2>/dev/null || echo "no report")
  printf '%-8s %8.1f %12d %10.1f %10s %s\n' "$k" "$(echo "$size/1048576" | bc -l)" $((peak / 1024)) "$(echo "($peak-$base)*1024/$size" | bc -l)" "$cpu" "$what"
done
