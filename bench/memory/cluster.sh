#!/usr/bin/env bash
# Peak resident memory of `v6ready cluster` (live mode) when kubectl prints a huge List for every `get`.
# usage: bench/memory/cluster.sh [MEGABYTES per call (default 1024)] [extra cluster options, e.g. --max-output-bytes 512M]
# env: V6, WORK as in run.sh. The fake kubectl `cat`s one generated List (gen.py json) for every get.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
mb="${1:-1024}"; shift || true
work="${WORK:-/tmp/v6ready-memory}"; mkdir -p "$work"
if [ -z "${V6:-}" ]; then
  V6_ARTIFACTS="$work/artifacts" dotnet build "$repo/src/V6Ready.Cli" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  V6="$work/artifacts/bin/V6Ready.Cli/release/v6ready.dll"
fi
list="$work/kube-$mb.json"
[ -f "$list" ] || python3 "$here/gen.py" json "$mb" "$list"
cat >"$work/kubectl" <<KUBECTL
#!/usr/bin/env bash
case "\$1" in
  config) echo '{"kind":"Config","apiVersion":"v1","current-context":"big","contexts":[{"name":"big","context":{"cluster":"big","user":"big"}}],"clusters":[{"name":"big","cluster":{"server":"https://127.0.0.1:6443"}}],"users":[{"name":"big","user":{}}]}' ;;
  version) echo '{"clientVersion":{"gitVersion":"v1.32.4"},"serverVersion":{"gitVersion":"v1.31.2"}}' ;;
  get) cat '$list' ;;
  *) exit 3 ;;
esac
KUBECTL
chmod +x "$work/kubectl"
case "$V6" in *.dll) cmd=(dotnet "$V6") ;; *) cmd=("$V6") ;; esac
/usr/bin/time -v -o "$work/time-cluster.txt" "${cmd[@]}" cluster --kubectl "$work/kubectl" --timeout 600 --format json "$@" >"$work/cluster.json" 2>"$work/cluster.err" || true
peak=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$work/time-cluster.txt")
cpu=$(awk -F: '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$work/time-cluster.txt")
wall=$(awk '/Elapsed/ {print $NF}' "$work/time-cluster.txt")
echo "kubectl output per call: $(stat -c %s "$list") bytes; peak RSS $((peak / 1024)) MB; CPU ${cpu} s; wall $wall"
head -c 600 "$work/cluster.err"; echo
