#!/usr/bin/env bash
# End-to-end check of the V6Ready.Analyzers NuGet package:
#  1. pack the package into a temporary feed;
#  2. copy samples/shop/orders-csharp, point it at the local feed (a generated nuget.config that adds the feed to the
#     default sources) and build it: every `v6ready-expect: V600x` marker must have its warning, no other V6 warning;
#     a configuration file with an IPv4 wildcard URL is added to the copy to check the AdditionalFiles path;
#  3. run `dotnet format analyzers` with the fixable ids and check the fixed copy builds without those warnings.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/v6ready-e2e-analyzers.XXXXXX")
[ -n "${V6_E2E_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
export V6_ARTIFACTS="$work/artifacts"
version="0.1.0-e2e.$(date +%s)"
fixable_ids="V6001 V6002 V6005 V6006 V6007"
# What must be left after `dotnet format` (file:rule, one per warning): the findings without a safe automatic fix.
# EndpointText.cs V6006 compares the first and last colon index, so its IndexOf has no safe fix (issue 11).
expected_after="Infrastructure/EndpointText.cs:V6006
Infrastructure/InventoryClient.cs:V6003
Infrastructure/InventoryClient.cs:V6006
Infrastructure/InventoryClient.cs:V6008
Infrastructure/InventoryClient.cs:V6009
Infrastructure/Telemetry.cs:V6004
Infrastructure/Telemetry.cs:V6008
appsettings.Production.json:V6001"

fail() { echo "e2e-analyzers: FAIL: $*" >&2; exit 1; }

echo "e2e-analyzers: packing V6Ready.Analyzers $version"
dotnet pack analyzers/V6Ready.Analyzers.Package -c Release -o "$work/feed" -p:Version="$version" -v quiet -nologo >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; fail "dotnet pack"; }
nupkg="$work/feed/V6Ready.Analyzers.$version.nupkg"
[ -f "$nupkg" ] || fail "no package at $nupkg"
for entry in analyzers/dotnet/cs/V6Ready.Analyzers.dll analyzers/dotnet/cs/V6Ready.CodeFixes.dll analyzers/dotnet/cs/V6Ready.Rules.dll build/V6Ready.Analyzers.props; do
  grep -a -q "$entry" "$nupkg" || fail "package lacks $entry"
done

app="$work/orders"
cp -R samples/shop/orders-csharp "$app"
rm -rf "$app/bin" "$app/obj"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="v6ready-e2e" value="$work/feed" />
  </packageSources>
</configuration>
XML
cat >"$app/Directory.Build.props" <<XML
<Project>
  <PropertyGroup>
    <V6ReadyPackageVersion>$version</V6ReadyPackageVersion>
  </PropertyGroup>
</Project>
XML
# Most projects have no launchSettings.json: the build props must not add a missing file (the sample's copy is clean anyway).
rm -f "$app/Properties/launchSettings.json"
# Checks the AdditionalFiles path (build props add appsettings*.json); kept out of the sample so the sample stays valid JSON.
cat >"$app/appsettings.Production.json" <<'JSON'
{
  "Urls": "http://0.0.0.0:8080"
}
JSON

# Prints "relative/path:line:ID" for every V6 warning of a build log (deduplicated).
warnings() {
  sed -n 's/^\(.*\)(\([0-9]*\),[0-9]*): warning \(V6[0-9]*\):.*$/\1:\2:\3/p' "$1" \
    | sed "s#^$app/##" | sort -u
}

# Prints "relative/path:line:ID" for every marker: the marker's own line when code precedes the comment, else the next line.
markers() {
  (cd "$app" && grep -rn --include='*.cs' 'v6ready-expect: V6[0-9]*' . || true) | while IFS= read -r hit; do
    file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
    id=$(printf '%s' "$text" | sed -n 's/.*v6ready-expect: \(V6[0-9]*\).*/\1/p')
    code=$(printf '%s' "$text" | sed 's#//.*##' | tr -d '[:space:]')
    [ -n "$code" ] || line=$((line + 1))
    echo "${file#./}:$line:$id"
  done | sort -u
}

echo "e2e-analyzers: building the sample against the package"
dotnet build "$app/Orders.csproj" -nologo -clp:NoSummary >"$work/build1.log" 2>&1 || { cat "$work/build1.log"; fail "sample build"; }
warnings "$work/build1.log" >"$work/actual.txt"
{ markers; echo "appsettings.Production.json:2:V6001"; } | sort -u >"$work/expected.txt"
if ! diff -u "$work/expected.txt" "$work/actual.txt"; then
  fail "V6 warnings differ from the sample's markers (- expected, + actual)"
fi
echo "e2e-analyzers: $(wc -l <"$work/actual.txt") warnings match the markers"

echo "e2e-analyzers: dotnet format analyzers --diagnostics $fixable_ids"
# Two passes: some fixes become available once another is applied (Bind on a socket made dual-mode by V6007).
for pass in 1 2; do
  # shellcheck disable=SC2086
  dotnet format analyzers "$app/Orders.csproj" --diagnostics $fixable_ids --severity info >"$work/format$pass.log" 2>&1 \
    || { cat "$work/format$pass.log"; fail "dotnet format (pass $pass)"; }
  # dotnet format warns and goes on when a provider gives it no Fix All action. It asks about one diagnostic per rule,
  # whichever comes first, which may be one without a fix; in the first pass every rule named has a fixable warning,
  # so a warning there means a fix was lost (the second pass may rightly find only unfixable ones left).
  if [ "$pass" = 1 ] && grep -q 'Unable to fix\|Failed to apply' "$work/format$pass.log"; then
    cat "$work/format$pass.log"; fail "dotnet format could not apply a V6 fix (pass $pass)"
  fi
done
dotnet build "$app/Orders.csproj" -nologo -clp:NoSummary --no-incremental >"$work/build2.log" 2>&1 || { cat "$work/build2.log"; fail "fixed sample build"; }
warnings "$work/build2.log" >"$work/after.txt"
sed 's/:[0-9]*:/:/' "$work/after.txt" | sort >"$work/after-rules.txt"
printf '%s\n' "$expected_after" | sort >"$work/expected-after.txt"
if ! diff -u "$work/expected-after.txt" "$work/after-rules.txt"; then
  fail "warnings after dotnet format differ from the unfixable ones (- expected, + actual)"
fi
changed=$(diff -r -q samples/shop/orders-csharp "$app" 2>/dev/null | grep -c '\.cs differ' || true)
[ "$changed" -gt 0 ] || fail "dotnet format changed no file"
echo "e2e-analyzers: dotnet format fixed $changed files; the remaining V6 warnings are the ones without a safe fix:"
sed 's/^/  /' "$work/after.txt"
echo "e2e-analyzers: OK"
