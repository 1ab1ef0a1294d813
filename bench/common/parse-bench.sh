# Shared steps of the parser benchmarks (bench/go, bench/java, bench/python run.sh): sourced, not run.
# A run.sh sets `here` and calls bench_start (command line, then the next two), or in order:
#   bench_init EXT DIR               work folder, sorted list of DIR's *EXT files in $work/files.txt, machine line
#   bench_build_harness CSPROJ       builds the C# harness (bench/common/ParseBench.cs + the language's parser): $harness
#   bench_agreement PEER OURS THEIRS files each parser rejects (one path per line, any order) -> both/only counts
#   bench_speed PEER ROUNDS REPEAT CMD...
#                                    ROUNDS alternating rounds: our harness, then `CMD... $work/files.txt REPEAT`;
#                                    each prints "seconds=… MBps=X … cpuMBps=Y"; medians and the ratio are printed
# Both parsers run in the same run, one after the other, on the same files; the load average is printed before and
# after the timed rounds (the machine may be shared: compare the ratio, not the absolute MB/s).
set -euo pipefail

# bench_start EXT CSPROJ DEFAULT_ROUNDS DEFAULT_REPEAT DIR [ROUNDS] [REPEAT]: the command line of a run.sh, then
# bench_init and bench_build_harness; sets $rounds and $repeat
bench_start() {
  local ext=$1 csproj=$2 dir=${5:-}
  [ -n "$dir" ] || { echo "usage: run.sh DIR [ROUNDS] [REPEAT]" >&2; exit 2; }
  rounds=${6:-$3}
  repeat=${7:-$4}
  bench_init "$ext" "$dir"
  bench_build_harness "$csproj"
}

bench_init() {
  local ext=$1 dir=$2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  export V6_ARTIFACTS=${V6_ARTIFACTS:-$work/artifacts}
  find "$dir" -name "*$ext" -type f | LC_ALL=C sort > "$work/files.txt"
  echo "files: $(wc -l < "$work/files.txt") ($(cat "$work/files.txt" | tr '\n' '\0' | du -ch --files0-from=- 2>/dev/null | tail -1 | cut -f1))"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_build_harness() {
  local csproj=$1
  dotnet build -c Release "$csproj" -o "$work/harness" >/dev/null
  harness="$work/harness/$(basename "$csproj" .csproj).dll"
}

# bench_agreement PEER OURS_FAIL THEIRS_FAIL: both files hold the paths each parser rejects
bench_agreement() {
  local peer=$1 ours=$2 theirs=$3
  LC_ALL=C sort -u "$ours" > "$work/a.fail"
  LC_ALL=C sort -u "$theirs" > "$work/b.fail"
  local total only_peer only_ours both peer_ok
  total=$(wc -l < "$work/files.txt")
  only_peer=$(LC_ALL=C comm -23 "$work/a.fail" "$work/b.fail" | wc -l)
  only_ours=$(LC_ALL=C comm -13 "$work/a.fail" "$work/b.fail" | wc -l)
  both=$(LC_ALL=C comm -12 "$work/a.fail" "$work/b.fail" | wc -l)
  peer_ok=$((total - $(wc -l < "$work/b.fail")))
  echo "$peer accepts $peer_ok; both accept $((peer_ok - only_peer)); only $peer accepts $only_peer; only v6ready accepts $only_ours; both reject $both"
  awk -v a="$peer_ok" -v o="$only_peer" -v p="$peer" 'BEGIN { printf "parse rate on the files %s accepts: %.3f%%\n", p, (a == 0 ? 100 : 100 * (a - o) / a) }'
  LC_ALL=C comm -23 "$work/a.fail" "$work/b.fail" | head -50 | sed "s|^|  only $peer accepts: |"
  LC_ALL=C comm -13 "$work/a.fail" "$work/b.fail" | head -50 | sed 's|^|  only v6ready accepts: |'
}

# the paths of the "FAIL path:line: message" lines of our harness
bench_our_failures() { sed -n 's/^FAIL \(.*\):[0-9]*: .*/\1/p' "$1"; }

bench_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench_speed() {
  local peer=$1 rounds=$2 repeat=$3; shift 3
  local ours=() theirs=() ourscpu=() theirscpu=() line i
  echo "timed rounds: $rounds x (v6ready, $peer), $repeat passes each; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for ((i = 0; i < rounds; i++)); do
    line=$(dotnet "$harness" --list "$work/files.txt" --repeat "$repeat" | grep '^seconds=')
    ours+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); ourscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
    line=$("$@" "$work/files.txt" "$repeat" | grep '^seconds=')
    theirs+=("$(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<< "$line")"); theirscpu+=("$(sed -n 's/.*cpuMBps=//p' <<< "$line")")
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'v6ready wall MB/s per round: %s\n%s wall MB/s per round: %s\n' "${ours[*]}" "$peer" "${theirs[*]}"
  printf 'v6ready CPU  MB/s per round: %s\n%s CPU  MB/s per round: %s\n' "${ourscpu[*]}" "$peer" "${theirscpu[*]}"
  awk -v o="$(bench_median "${ours[@]}")" -v t="$(bench_median "${theirs[@]}")" -v p="$peer" 'BEGIN {printf "median wall MB/s: v6ready %.2f, %s %.2f, ratio v6ready/%s %.2f\n", o, p, t, p, o / t}'
  awk -v o="$(bench_median "${ourscpu[@]}")" -v t="$(bench_median "${theirscpu[@]}")" -v p="$peer" 'BEGIN {printf "median CPU MB/s: v6ready %.2f, %s %.2f, ratio v6ready/%s %.2f\n", o, p, t, p, o / t}'
}
