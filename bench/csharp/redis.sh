#!/usr/bin/env bash
# The C# scan against its peer: `dotnet build` of the same project with and without the V6Ready analyzer package.
# usage: bench/csharp/redis.sh REPO_COPY [ROUNDS (default 3)] [PROJECT (default src/StackExchange.Redis)] [TF (default net8.0)]
# REPO_COPY: a restored working copy of the repository (e.g. StackExchange.Redis: `git archive` of it, then
#   `dotnet restore src/StackExchange.Redis -p:NoWarn=NU1603`). Its Directory.Build.targets must add the analyzer
#   when V6Rules is set: <ItemGroup Condition="'$(V6Rules)' != ''"><Analyzer Include="$(V6Analyzer)" /><Analyzer Include="$(V6Rules)" /></ItemGroup>
#   (the script appends that item group when it is missing).
# env: V6 (v6ready.dll), ANALYZER (V6Ready.Analyzers.dll, Release; V6Ready.Rules.dll beside it).
# Each round, interleaved: build without the analyzer, build with it, `v6ready scan` of the project folder. Builds are
# --no-incremental with the compiler in process (UseSharedCompilation=false), RunAnalyzers=true (the repository turns
# analyzers off for all but one target framework), so "with - without" is the analyzer's cost inside one compile.
set -euo pipefail
repo="$1"; rounds="${2:-3}"; project="${3:-src/StackExchange.Redis}"; tf="${4:-net8.0}"
: "${V6:?set V6 to v6ready.dll}"; : "${ANALYZER:?set ANALYZER to V6Ready.Analyzers.dll}"
cd "$repo"
targets=Directory.Build.targets
if ! grep -q V6Rules "$targets" 2>/dev/null; then
  [ -f "$targets" ] || printf '<Project>\n</Project>\n' >"$targets"
  sed -i 's#</Project>#  <ItemGroup Condition="'"'"'$(V6Rules)'"'"' != '"'"''"'"'"><Analyzer Include="$(V6Analyzer)" /><Analyzer Include="$(V6Rules)" /></ItemGroup>\n</Project>#' "$targets"
fi
t() { local label="$1"; shift; /usr/bin/time -f "$label %e wall %U user %S sys %M KB" -o /tmp/v6-bench-time.txt "$@" >/tmp/v6-bench-out.txt 2>&1 || { echo "$label FAILED"; tail -5 /tmp/v6-bench-out.txt; }; cat /tmp/v6-bench-time.txt; }
build=(dotnet build "$project" -f "$tf" --no-restore --no-incremental -nodeReuse:false -p:UseSharedCompilation=false -p:RunAnalyzers=true -p:TreatWarningsAsErrors=false -v q -nologo)
# the analyzer and the rules assembly it loads (both are in the package's analyzers folder)
rules="$(dirname "$ANALYZER")/V6Ready.Rules.dll"
for r in $(seq 1 "$rounds"); do
  echo "# round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  t "build-without" "${build[@]}"
  t "build-with-analyzer" "${build[@]}" -p:V6Analyzer="$ANALYZER" -p:V6Rules="$rules"
  grep -cE "V6[0-9]{3}:" /tmp/v6-bench-out.txt | sed 's/^/  V6 warnings in the build: /' || true
  t "v6ready-scan" dotnet "$V6" scan "$project" --format json --fail-on none -o /tmp/v6-bench-scan.json
  python3 -c "import json; d=json.load(open('/tmp/v6-bench-scan.json')); print('  scan findings:', len(d['findings']), 'files:', d['files']['scanned'])" || true
done
