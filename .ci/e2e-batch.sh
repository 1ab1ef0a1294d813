#!/usr/bin/env bash
# End-to-end checks of batch scanning and the HTML report:
#  1. the Chromium test of tests/V6Ready.CSharp.Tests, for real (it may not skip here);
#  2. the CLI on the samples as several repositories: JSON, HTML and the services table; the HTML rendered by headless
#     Chromium shows the JSON report's counts in its readiness matrix;
#  3. --shard 0/2 + 1/2 merged with `v6ready merge` gives the whole scan's findings (JSON and SARIF);
#  4. the Indexed Job manifests of samples/deploy scan clean.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/v6ready-e2e-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
export V6_ARTIFACTS="$work/artifacts"
fail() { echo "e2e-batch: FAIL: $*" >&2; exit 1; }
command -v chromium >/dev/null 2>&1 || fail "chromium is not installed (.ci/install-batch.sh installs it)"
command -v python3 >/dev/null 2>&1 || fail "python3 is required"

echo "e2e-batch: chromium test (required)"
V6READY_REQUIRE_CHROMIUM=1 dotnet test tests/V6Ready.CSharp.Tests --filter "FullyQualifiedName~ChromiumTests" -v quiet -nologo >"$work/chromium-test.log" 2>&1 \
  || { cat "$work/chromium-test.log"; fail "the chromium test failed"; }
grep -Eq 'Passed!.*Failed: +0, Passed: +1, Skipped: +0' "$work/chromium-test.log" || { cat "$work/chromium-test.log"; fail "the chromium test did not run"; }

echo "e2e-batch: building the CLI"
dotnet build src/V6Ready.Cli -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "dotnet build"; }
v6="$V6_ARTIFACTS/bin/V6Ready.Cli/debug/v6ready"
[ -x "$v6" ] || fail "no CLI at $v6"

cd samples/shop
repos=$(ls -d */ | tr -d '/' | sort | sed "s#^#$PWD/#")
printf '# every sample service as its own repository\n%s\n' "$repos" > "$work/repos.txt"
set +e
"$v6" scan --repos "$work/repos.txt" --format json --output "$work/whole.json" --quiet; status=$?
"$v6" scan --repos "$work/repos.txt" --format html --output "$work/whole.html" --quiet
"$v6" scan --repos "$work/repos.txt" --format text --summary --no-color > "$work/whole.txt"
# Inside a git repository SARIF URIs are relative to the repository top (SRCROOT), JSON paths to the scan root; so
# the SARIF shards are compared with the whole scan's own SARIF.
"$v6" scan --repos "$work/repos.txt" --format sarif --output "$work/whole.sarif" --quiet
for i in 0 1; do
  "$v6" scan --repos "$work/repos.txt" --shard "$i/2" --format json --output "$work/shard-$i.json" --quiet
  "$v6" scan --repos "$work/repos.txt" --shard "$i/2" --format sarif --output "$work/shard-$i.sarif" --quiet
done
set -e
cd "$root"
[ "$status" = 1 ] || fail "scan of the samples should exit 1 (findings), got $status"
grep -q "Readiness by service" "$work/whole.txt" || fail "no services table in the text report"

bash .ci/sarif-check.sh "$work/shard-0.sarif" "$work/shard-1.sarif" || fail "the SARIF Multitool reports errors in the shards' SARIF"
"$v6" merge "$work/shard-0.json" "$work/shard-1.json" --format json --output "$work/merged.json"
"$v6" merge "$work/shard-0.sarif" "$work/shard-1.sarif" --format json --output "$work/merged-sarif.json"
"$v6" merge "$work/whole.sarif" --format json --output "$work/whole-sarif.json"
python3 - "$work" <<'PY' || fail "merged shards differ from the whole scan"
import json, sys
w = sys.argv[1]
key = lambda f: (f["ruleId"], f["path"], f["line"], f["column"])
whole = json.load(open(f"{w}/whole.json"))
for name, ref in (("merged.json", "whole.json"), ("merged-sarif.json", "whole-sarif.json")):
    whole_ref = json.load(open(f"{w}/{ref}"))
    merged = json.load(open(f"{w}/{name}"))
    a, b = sorted(map(key, whole_ref["findings"])), sorted(map(key, merged["findings"]))
    if a != b:
        print(f"{name}: {len(b)} findings, whole scan {len(a)}", file=sys.stderr); sys.exit(1)
if json.load(open(f"{w}/merged.json"))["files"]["scanned"] != whole["files"]["scanned"]:
    print("file counts differ", file=sys.stderr); sys.exit(1)
print(f"e2e-batch: shards merged = whole scan ({len(whole['findings'])} findings)")
PY

echo "e2e-batch: rendering the HTML report in headless chromium"
profile="$work/chromium-profile"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom "file://$work/whole.html" > "$work/dom.html" 2>"$work/chromium.log" \
  || { tail -20 "$work/chromium.log"; fail "chromium --dump-dom"; }
python3 - "$work" <<'PY' || fail "the rendered matrix does not match the JSON report"
import json, re, sys, html
w = sys.argv[1]
dom = open(f"{w}/dom.html", encoding="utf-8").read()
whole = json.load(open(f"{w}/whole.json"))
cells = {}
for m in re.finditer(r'<td class="cell[^"]*" data-service="([^"]*)" data-family="([^"]*)" data-count="(\d+)"', dom):
    cells[(html.unescape(m.group(1)), m.group(2))] = int(m.group(3))
total = len(whole["findings"])
if cells.get(("*", "total")) != total:
    print(f"matrix total {cells.get(('*', 'total'))}, JSON {total}", file=sys.stderr); sys.exit(1)
families = {"0": "code", "1": "kubernetes", "2": "server-config", "3": "dependencies", "4": "cluster"}
for fam in set(families.values()):
    want = sum(1 for f in whole["findings"] if families.get(f["ruleId"][2], "other") == fam)
    got = cells.get(("*", fam), 0)
    if want != got:
        print(f"family {fam}: matrix {got}, JSON {want}", file=sys.stderr); sys.exit(1)
rows = sum(v for (s, f), v in cells.items() if s != "*" and f == "total")
if rows != total:
    print(f"rows add up to {rows}, JSON {total}", file=sys.stderr); sys.exit(1)
m = re.search(r'id="matrix"[^>]*data-rendered-sum="(\d+)"|data-rendered-sum="(\d+)"[^>]*id="matrix"', dom)
if not m or int(m.group(1) or m.group(2)) != total:
    print("the page script did not run in the browser", file=sys.stderr); sys.exit(1)
print(f"e2e-batch: chromium rendered the matrix: {total} findings in {len([k for k in cells if k[0] != '*' and k[1] == 'total'])} services")
PY

echo "e2e-batch: samples/deploy (Indexed Job) scans clean"
"$v6" scan samples/deploy --fail-on note --quiet >"$work/deploy.txt" || { cat "$work/deploy.txt"; fail "samples/deploy has findings"; }
echo "e2e-batch: ok"
