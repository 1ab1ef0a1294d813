#!/usr/bin/env bash
# Start-up benchmark: CPU time (user+sys) of `v6ready scan` with the tool installed the way users install it
# (`dotnet pack` + `dotnet tool install` from the packed folder), for a git revision BEFORE and the working tree AFTER,
# in the same run, on the same trees:
#   version    `v6ready --version` (runtime start-up and the tool's entry)
#   one-file   a single small Go file (what a pre-commit hook or an editor pays for one file: start-up only)
#   no-csharp  a tree without .cs files (Online Boutique without src/cartservice, plus an appsettings.json; without
#              BOUTIQUE_DIR: this repository's samples/ without .cs files)
#   boutique   all of Online Boutique (its C# cartservice included; skipped without BOUTIQUE_DIR)
# and, as the floor, a `dotnet` hello world (framework-dependent, same runtime) built in the same run.
# Usage: bench/scan/startup.sh [BOUTIQUE_DIR|-] [BEFORE_REV]
#   BOUTIQUE_DIR: a checkout of GoogleCloudPlatform/microservices-demo (not committed); "-" or absent: skipped
#   BEFORE_REV: a git revision to measure as BEFORE (packed from `git archive`); absent: AFTER only
# Env: RUNS (default 5; the median is reported, with the after/before ratio); BEFORE_TOOL / AFTER_TOOL: a folder that
#   already holds an installed `v6ready` (e.g. an earlier run's bench/work/startup/tool-before) instead of packing;
#   AFTER_PACK_PROPS: extra `dotnet pack` arguments for AFTER (e.g. -p:V6ToolSelfContained=true); THIRD_TOOL: a folder
#   with a third installed `v6ready` (e.g. the self-contained package) measured in the same interleaved runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
boutique=${1:--}
[ "$boutique" = - ] || [ -d "$boutique" ] || { echo "no such folder: $boutique" >&2; exit 2; }
[ "$boutique" != - ] || echo "== no BOUTIQUE_DIR: the boutique tree is skipped, no-csharp uses samples/"

before_rev=${2:-}
runs=${RUNS:-5}
work="$repo/bench/work/startup"
rm -rf "$work"; mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

install_tool() { # NAME SOURCE_TREE
  local name=$1 tree=$2 extra=()
  [ "$name" = after ] && [ -n "${AFTER_PACK_PROPS:-}" ] && read -r -a extra <<<"$AFTER_PACK_PROPS"
  V6_ARTIFACTS="$work/artifacts-$name" dotnet pack "$tree/src/V6Ready.Cli" -c Release -o "$work/feed-$name" ${extra[@]+"${extra[@]}"} \
    -p:V6ToolRids="$(uname -s | sed 's/Linux/linux/;s/Darwin/osx/')-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')%3Bany" >"$work/pack-$name.log" 2>&1 \
    || { tail -20 "$work/pack-$name.log"; exit 1; }
  local version; version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$tree/Directory.Build.props" | head -1)
  dotnet tool install --tool-path "$work/tool-$name" V6Ready.Cli --version "$version" --add-source "$work/feed-$name" >"$work/install-$name.log" 2>&1 \
    || { cat "$work/install-$name.log"; exit 1; }
}

if [ -n "${BEFORE_TOOL:-}" ]; then
  ln -s "$(cd "$BEFORE_TOOL" && pwd)" "$work/tool-before"
elif [ -n "$before_rev" ]; then
  echo "== packing and installing BEFORE ($before_rev)"
  mkdir -p "$work/before-src"
  git -C "$repo" archive "$before_rev" | tar -x -C "$work/before-src"
  install_tool before "$work/before-src"
fi
[ -z "${THIRD_TOOL:-}" ] || ln -s "$(cd "$THIRD_TOOL" && pwd)" "$work/tool-third"
if [ -n "${AFTER_TOOL:-}" ]; then
  ln -s "$(cd "$AFTER_TOOL" && pwd)" "$work/tool-after"
else
  echo "== packing and installing AFTER (working tree)"
  install_tool after "$repo"
fi

# The trees.
mkdir -p "$work/trees/one-file" "$work/trees/no-csharp"
printf 'package main\n\nimport "net"\n\nfunc main() { net.Listen("tcp", "127.0.0.1:8080") }\n' >"$work/trees/one-file/main.go"
if [ "$boutique" != - ]; then
  cp -r "$boutique/." "$work/trees/no-csharp/"; rm -rf "$work/trees/no-csharp/src/cartservice" "$work/trees/no-csharp/.git"
  mkdir -p "$work/trees/no-csharp/config"; find "$boutique/src/cartservice" -name 'appsettings*.json' -exec cp {} "$work/trees/no-csharp/config/" \;
else
  cp -r "$repo/samples/." "$work/trees/no-csharp/"; find "$work/trees/no-csharp" -name '*.cs' -delete
fi
[ -z "$(find "$work/trees/no-csharp" -name '*.cs')" ] || { echo "no-csharp tree has .cs files" >&2; exit 1; }

# The floor: the runtime's own start-up, a framework-dependent hello world.
mkdir -p "$work/hello"
printf '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n' >"$work/hello/hello.csproj"
printf 'System.Console.WriteLine("hello");\n' >"$work/hello/Program.cs"
dotnet build "$work/hello" -c Release -o "$work/hello/out" >"$work/hello.log" 2>&1 || { tail -20 "$work/hello.log"; exit 1; }

once() { # COMMAND... -> user+sys seconds of one run
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>/dev/null || true
  tail -1 "$work/time" | awk '{printf "%.3f", $1 + $2}'
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

third=""; [ -x "$work/tool-third/v6ready" ] && third=" third    third/before"
printf '\n%-10s %-8s %-8s %-13s%s\n' case before after after/before "$third   (CPU s, user+sys, median of $runs; the tools interleaved)"
hello=""; for ((i = 0; i < runs; i++)); do hello+="$(once "$work/hello/out/hello") "; done
printf '%-10s %-8s\n' hello "$(echo "$hello" | median)"
for case in version one-file no-csharp boutique; do
  [ "$case" = boutique ] && [ "$boutique" = - ] && { echo "boutique   skipped (no BOUTIQUE_DIR)"; continue; }
  case $case in
    version) args=(--version) ;;
    boutique) args=(scan "$boutique" --quiet) ;;
    *) args=(scan "$work/trees/$case" --quiet) ;;
  esac
  declare -A got=([before]="" [after]="" [third]="")
  for ((i = 0; i < runs; i++)); do # the machine may be shared: one before, one after, and so on
    for name in before after third; do
      tool="$work/tool-$name/v6ready"
      [ -x "$tool" ] && got[$name]+="$(once "$tool" "${args[@]}") "
    done
  done
  b=-; a=-
  [ -n "${got[before]}" ] && b=$(echo "${got[before]}" | median)
  [ -n "${got[after]}" ] && a=$(echo "${got[after]}" | median)
  ratio=-; [ "$b" != - ] && [ "$a" != - ] && ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
  t=""
  if [ -n "${got[third]}" ]; then
    t=$(echo "${got[third]}" | median); tr=-; [ "$b" != - ] && tr=$(awk -v a="$t" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
    t=$(printf ' %-8s %s' "$t" "$tr")
  fi
  printf '%-10s %-8s %-8s %-13s%s\n' "$case" "$b" "$a" "$ratio" "$t"
  unset got
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
