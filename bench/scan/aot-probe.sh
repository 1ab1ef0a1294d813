#!/usr/bin/env bash
# Native AOT probe for the non-Roslyn path (issue 17): builds, from a copy of a git revision (nothing in the working
# tree is changed), a Native AOT `v6ready` without the C#, language-server and cluster assemblies, with the five other
# front ends created directly instead of found by reflection, then compares it with an installed tool on trees without
# C#: CPU (user+sys, median of RUNS) and the JSON findings. It is a measurement, not a shipped build: a tree with .cs
# files needs Roslyn, which this binary does not contain.
# Usage: bench/scan/aot-probe.sh INSTALLED_TOOL_DIR TREE_WITHOUT_CS... [-- REV]   (needs gcc or clang)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tool=$(cd "$1" && pwd)/v6ready; shift
trees=(); rev=HEAD
while [ $# -gt 0 ]; do [ "$1" = -- ] && { rev=$2; break; }; trees+=("$(cd "$1" && pwd)"); shift; done
runs=${RUNS:-5}
work="$repo/bench/work/aot-probe"
rm -rf "$work"; mkdir -p "$work/src"
git -C "$repo" archive "$rev" | tar -x -C "$work/src"
python3 - "$work/src" <<'PY'
import re, sys
root = sys.argv[1]
p = root + "/src/V6Ready.Cli/V6Ready.Cli.csproj"
s = open(p).read()
s = re.sub(r'\s*<ProjectReference Include="\.\./V6Ready\.(CSharp|LanguageServer|Cluster)/[^"]+" />', "", s)
s = s.replace('<Compile Remove="Standalone/**" />', '<Compile Remove="ClusterCommand.cs" /><Compile Remove="ServerCommand.cs" />')
s = s.replace("<SelfContained>false</SelfContained>", "<SelfContained>true</SelfContained><PublishAot>true</PublishAot>"
              "<PublishReadyToRun>false</PublishReadyToRun><CppCompilerAndLinker Condition=\"'$(CppCompilerAndLinker)' == ''\">gcc</CppCompilerAndLinker>")
open(p, "w").write(s)
p = root + "/src/V6Ready.Cli/ScanCommand.cs"
s = open(p).read()
old = "var (frontEnds, warnings) = FrontEndRegistry.Load(AppContext.BaseDirectory);"
assert old in s, "ScanCommand no longer loads the front ends this way: update the probe"
s = s.replace(old, "var (frontEnds, warnings) = (new List<ILanguageFrontEnd> { new V6Ready.Go.GoFrontEnd(), new V6Ready.Java.JavaFrontEnd(), "
              "new V6Ready.JavaScript.JavaScriptFrontEnd(), new V6Ready.Manifests.ManifestsFrontEnd(), new V6Ready.Python.PythonFrontEnd() }, new List<string>());")
open(p, "w").write(s)
PY
echo "== dotnet publish (Native AOT) of $rev"
start=$(date +%s)
(cd "$work/src" && dotnet publish src/V6Ready.Cli -c Release -r linux-x64 -o "$work/out" >"$work/publish.log" 2>&1) || { tail -20 "$work/publish.log"; exit 1; }
echo "   $(( $(date +%s) - start )) s, binary $(du -h "$work/out/v6ready" | cut -f1), $(grep -c 'warning IL' "$work/publish.log" || true) trimming/AOT warnings (publish.log)"

once() { /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>/dev/null || true; tail -1 "$work/time" | awk '{printf "%.3f", $1 + $2}'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
printf '%-40s %-9s %-9s %-6s %s\n' tree installed aot ratio "findings equal (CPU s, user+sys, median of $runs, interleaved)"
for tree in "${trees[@]}"; do
  a=""; b=""
  for ((i = 0; i < runs; i++)); do a+="$(once "$tool" scan "$tree" --quiet) "; b+="$(once "$work/out/v6ready" scan "$tree" --quiet) "; done
  a=$(echo "$a" | median); b=$(echo "$b" | median)
  "$tool" scan "$tree" --quiet --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps(sorted(json.dumps(f, sort_keys=True) for f in d["findings"])))' >"$work/a.json" || true
  "$work/out/v6ready" scan "$tree" --quiet --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps(sorted(json.dumps(f, sort_keys=True) for f in d["findings"])))' >"$work/b.json" || true
  same=no; cmp -s "$work/a.json" "$work/b.json" && same=yes
  printf '%-40s %-9s %-9s %-6s %s\n' "$(basename "$tree")" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", b / a}')" "$same"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
