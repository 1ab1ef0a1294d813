#!/usr/bin/env bash
# Start-up benchmark: CPU time (user+sys) of `v6ready scan` with the tool installed the way users install it
# (`dotnet pack` + `dotnet tool install` from the packed folder), for a git revision BEFORE and the working tree AFTER,
# in the same run, on the same trees:
#   one-file   a single small Go file (what a pre-commit hook or an editor pays for one file: start-up only)
#   no-csharp  a tree without .cs files (Online Boutique without src/cartservice, plus an appsettings.json)
#   boutique   all of Online Boutique (its C# cartservice included)
# Usage: bench/scan/startup.sh BOUTIQUE_DIR [BEFORE_REV]   (BEFORE_REV default: the first parent of HEAD's merge base with main)
#   BOUTIQUE_DIR: a checkout of GoogleCloudPlatform/microservices-demo (not committed; e.g. bench/work/src/microservices-demo)
# Env: RUNS (default 5; the median is reported).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
boutique=${1:?usage: bench/scan/startup.sh BOUTIQUE_DIR [BEFORE_REV]}
before_rev=${2:-}
runs=${RUNS:-5}
work="$repo/bench/work/startup"
rm -rf "$work"; mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

install_tool() { # NAME SOURCE_TREE
  local name=$1 tree=$2
  V6_ARTIFACTS="$work/artifacts-$name" dotnet pack "$tree/src/V6Ready.Cli" -c Release -o "$work/feed-$name" \
    -p:V6ToolRids="$(uname -s | sed 's/Linux/linux/;s/Darwin/osx/')-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')%3Bany" >"$work/pack-$name.log" 2>&1 \
    || { tail -20 "$work/pack-$name.log"; exit 1; }
  local version; version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$tree/Directory.Build.props" | head -1)
  dotnet tool install --tool-path "$work/tool-$name" V6Ready.Cli --version "$version" --add-source "$work/feed-$name" >"$work/install-$name.log" 2>&1 \
    || { cat "$work/install-$name.log"; exit 1; }
}

if [ -n "$before_rev" ]; then
  echo "== packing and installing BEFORE ($before_rev)"
  mkdir -p "$work/before-src"
  git -C "$repo" archive "$before_rev" | tar -x -C "$work/before-src"
  install_tool before "$work/before-src"
fi
echo "== packing and installing AFTER (working tree)"
install_tool after "$repo"

# The trees.
mkdir -p "$work/trees/one-file" "$work/trees/no-csharp"
printf 'package main\n\nimport "net"\n\nfunc main() { net.Listen("tcp", "127.0.0.1:8080") }\n' >"$work/trees/one-file/main.go"
cp -r "$boutique/." "$work/trees/no-csharp/"; rm -rf "$work/trees/no-csharp/src/cartservice" "$work/trees/no-csharp/.git"
mkdir -p "$work/trees/no-csharp/config"; find "$boutique/src/cartservice" -name 'appsettings*.json' -exec cp {} "$work/trees/no-csharp/config/" \;
[ -z "$(find "$work/trees/no-csharp" -name '*.cs')" ] || { echo "no-csharp tree has .cs files" >&2; exit 1; }

cpu() { # TOOL TREE -> median user+sys seconds over $runs runs
  local tool=$1 tree=$2 i t list=()
  for ((i = 0; i < runs; i++)); do
    t=$( { /usr/bin/time -f '%U %S' "$tool" scan "$tree" --quiet >/dev/null 2>/dev/null; } 2>&1 | tail -1 | awk '{printf "%.2f", $1 + $2}')
    list+=("$t")
  done
  printf '%s\n' "${list[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'
}

printf '\n%-10s %-10s %s\n' tree tool "CPU s (user+sys, median of $runs)"
for tree in one-file no-csharp boutique; do
  path="$work/trees/$tree"; [ "$tree" = boutique ] && path="$boutique"
  for name in before after; do
    [ -x "$work/tool-$name/v6ready" ] || continue
    printf '%-10s %-10s %s\n' "$tree" "$name" "$(cpu "$work/tool-$name/v6ready" "$path")"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
