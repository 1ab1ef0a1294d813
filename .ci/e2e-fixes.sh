#!/usr/bin/env bash
# End-to-end fix check (issue "trustworthy fixes"):
#  1. copies samples/ to a temp folder, runs `v6ready scan --fix`, and checks every file the fix changed with the real
#     toolchain: gofmt -l and go vet (Go), node --check (JavaScript), tsc --noEmit (TypeScript: no error code the original
#     did not have), dotnet build (the C# sample), a strict YAML load (Kubernetes/compose YAML; Helm templates are not
#     YAML before rendering and are only re-scanned).
#  2. generates a hostile tree (.ci/hostile-tree.sh) and scans it: no fatal exit, every file either analysed (each
#     analysable file there has a finding) or listed under skipped; --fix on it; three concurrent --fix runs and a stale
#     temp file on a manifest reachable through symlinks: ipFamilyPolicy inserted exactly once, the temp file removed.
# A check whose tool is missing is reported as not run (install them with .ci/install-fixes.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools="${V6READY_CI_TOOLS:-$HOME/.cache/v6ready-ci}"
fail=0
note() { echo "e2e-fixes: $*"; }
bad() { echo "e2e-fixes: FAIL: $*" >&2; fail=1; }

dotnet build src/V6Ready.Cli -v q -nologo >/dev/null
cli=(dotnet "$repo/artifacts/bin/V6Ready.Cli/debug/v6ready.dll")

# ---------- 1. samples ----------
cp -r samples "$work/before"
cp -r samples "$work/after"
set +e
"${cli[@]}" scan "$work/after" --fix --no-color >"$work/fix.txt" 2>"$work/fix.err"
code=$?
set -e
if [ "$code" -ge 2 ]; then bad "--fix on samples exited $code"; cat "$work/fix.err" >&2; exit 1; fi
grep -E '^Applied' "$work/fix.txt" || true
mapfile -t changed < <(cd "$work/after" && find . -type f | sort | while read -r f; do cmp -s "$f" "$work/before/$f" || echo "${f#./}"; done)
note "${#changed[@]} file(s) changed by --fix"
[ "${#changed[@]}" -gt 0 ] || bad "--fix changed no sample file"

tsc="$tools/node_modules/.bin/tsc"
ts_codes() { # error codes tsc reports for one file, sorted (module resolution errors included: same for both versions)
  (cd "$(dirname "$1")" && "$tsc" --noEmit --strict --skipLibCheck --target es2022 --module nodenext --moduleResolution nodenext \
     --jsx preserve --typeRoots "$tools/node_modules/@types" --types node "$(basename "$1")" 2>&1 || true) | { grep -oE 'error TS[0-9]+' || true; } | sort
}
declare -A gomods=()
for rel in "${changed[@]}"; do
  f="$work/after/$rel"
  case "$rel" in
    *.go)
      if command -v gofmt >/dev/null; then
        out=$(gofmt -l "$f"); [ -z "$out" ] && note "gofmt ok: $rel" || bad "gofmt -l lists $rel"
      else note "gofmt not installed: $rel not format-checked"; fi
      d=$(dirname "$f"); while [ "$d" != "$work/after" ] && [ ! -f "$d/go.mod" ]; do d=$(dirname "$d"); done
      [ -f "$d/go.mod" ] && gomods["$d"]=1 ;;
    *.js|*.mjs|*.cjs)
      if node --check "$f" 2>"$work/node.err"; then note "node --check ok: $rel"; else bad "node --check $rel: $(cat "$work/node.err")"; fi ;;
    *.ts|*.tsx|*.mts|*.cts)
      if [ -x "$tsc" ]; then
        before=$(ts_codes "$work/before/$rel"); after=$(ts_codes "$f")
        new=$(comm -13 <(echo "$before") <(echo "$after") | grep . || true)
        [ -z "$new" ] && note "tsc ok (no new error): $rel" || bad "tsc: the fix adds $(echo $new) in $rel"
      else note "tsc not installed: $rel not type-checked"; fi ;;
    *.cs)
      proj=$(dirname "$f"); while [ "$proj" != "$work/after" ] && ! ls "$proj"/*.csproj >/dev/null 2>&1; do proj=$(dirname "$proj"); done
      [ "$proj" != "$work/after" ] && gomods["cs:$proj"]=1 ;;
    */templates/*) note "helm template re-scanned only: $rel" ;;
    *.yaml|*.yml)
      if python3 - "$f" <<'PY'
import sys, yaml
class Strict(yaml.SafeLoader): pass
def no_dupes(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup: raise yaml.constructor.ConstructorError(None, None, "duplicate key(s) %s" % sorted(map(str, dup)), node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)
Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, no_dupes)
list(yaml.load_all(open(sys.argv[1], encoding="utf-8"), Loader=Strict))
PY
      then note "strict YAML ok: $rel"; else bad "strict YAML load failed: $rel"; fi ;;
    *) note "no toolchain check for $rel (re-scanned only)" ;;
  esac
done
for key in "${!gomods[@]}"; do
  if [[ "$key" == cs:* ]]; then
    proj=${key#cs:}
    if dotnet build "$proj" -v q -nologo -p:TreatWarningsAsErrors=false >"$work/cs.log" 2>&1; then note "dotnet build ok: ${proj#$work/after/}"
    else bad "dotnet build failed: ${proj#$work/after/}"; tail -20 "$work/cs.log" >&2; fi
  elif command -v go >/dev/null; then
    if (cd "$key" && CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local go vet ./... >"$work/vet.log" 2>&1); then note "go vet ok: ${key#$work/after/}"
    else bad "go vet failed: ${key#$work/after/}"; cat "$work/vet.log" >&2; fi
  else note "go not installed: ${key#$work/after/} not vetted"; fi
done
set +e
"${cli[@]}" scan "$work/after" --fix --no-color >"$work/fix2.txt" 2>&1
set -e
grep -qE '^Applied 0 fix' "$work/fix2.txt" && note "a second --fix changes nothing" || bad "a second --fix changed something: $(grep -E '^Applied' "$work/fix2.txt")"

# ---------- 2. hostile tree ----------
h="$work/hostile"
bash .ci/hostile-tree.sh "$h" >/dev/null
set +e
timeout 600 "${cli[@]}" scan "$h" --format json --output "$work/hostile.json" 2>"$work/hostile.err"
code=$?
set -e
if [ "$code" -ge 2 ]; then bad "scan of the hostile tree exited $code: $(head -c 400 "$work/hostile.err")"
else
  python3 - "$h" "$work/hostile.json" <<'PY' || fail=1
import json, os, sys
root, report = sys.argv[1].encode(), json.load(open(sys.argv[2], encoding="utf-8"))
found = {f["path"] for f in report["findings"]}
skipped = {s["path"]: s["reason"] for s in report["files"]["skipped"]}
def norm(p): return p.replace("\ufffd", "?")
found = {norm(p) for p in found}; skipped = {norm(p): r for p, r in skipped.items()}
problems = 0; checked = 0
for dirpath, dirs, files in os.walk(root):
    reld = os.path.relpath(dirpath, root).decode("utf-8", "replace")
    for name in files:
        rel = norm(os.path.normpath(os.path.join(reld, name.decode("utf-8", "replace"))))
        if not rel.endswith((".js", ".yaml", ".conf")): continue
        checked += 1
        parts = rel.split("/")
        if rel in found or any("/".join(parts[:i]) in skipped for i in range(1, len(parts) + 1)): continue
        problems += 1
        print("e2e-fixes: FAIL: hostile file neither analysed nor skipped: %r" % rel, file=sys.stderr)
print("e2e-fixes: hostile tree: %d files checked, %d findings, %d skipped" % (checked, len(report["findings"]), len(skipped)))
for p, r in sorted(skipped.items())[:12]: print("e2e-fixes:   skipped %r: %s" % (p[:80], r))
sys.exit(1 if problems else 0)
PY
  if grep -q $'\033' "$work/hostile.err"; then bad "raw ESC in stderr"; fi
  set +e
  "${cli[@]}" scan "$h" --no-color >"$work/hostile.txt" 2>&1; c1=$?
  "${cli[@]}" scan "$h" --format github >"$work/hostile.gh" 2>&1; c2=$?
  "${cli[@]}" scan "$h" --format sarif --output "$work/hostile.sarif" 2>"$work/sarif.err"; c3=$?
  set -e
  [ "$c1" -lt 2 ] && [ "$c2" -lt 2 ] && [ "$c3" -lt 2 ] || bad "text/github/sarif exit codes $c1/$c2/$c3"
  if grep -q $'\033' "$work/hostile.txt" "$work/hostile.gh"; then bad "a control character from a file name reached the text or github output"; else note "file names with control characters are escaped"; fi
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/hostile.sarif" && note "SARIF written for ':' names" || bad "SARIF unreadable"
fi

# --fix on the tree, concurrently, with a stale temp file beside a manifest reachable through two symlinks
printf 'stale' > "$h/k8s/.svc.yaml.v6ready-0123456789ab.tmp"
pids=()
for i in 1 2 3; do ( set +e; "${cli[@]}" scan "$h/k8s" "$h/k8s-link" "$h/svc-link.yaml" --fix --no-color >"$work/cfix$i.txt" 2>&1; echo $? >"$work/cfix$i.rc" ) & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
for i in 1 2 3; do [ "$(cat "$work/cfix$i.rc")" -lt 2 ] || bad "concurrent --fix $i exited $(cat "$work/cfix$i.rc")"; done
n=$(grep -c 'ipFamilyPolicy' "$h/k8s/svc.yaml" || true)
[ "$n" = 1 ] && note "ipFamilyPolicy inserted once by 3 concurrent --fix runs over 3 paths to one file" || bad "ipFamilyPolicy appears $n times in k8s/svc.yaml"
[ ! -e "$h/k8s/.svc.yaml.v6ready-0123456789ab.tmp" ] && note "stale temp file removed by --fix" || bad "stale temp file left"
set +e
timeout 600 "${cli[@]}" scan "$h" --fix --no-color >"$work/hfix.txt" 2>&1; code=$?
set -e
[ "$code" -lt 2 ] && note "--fix on the hostile tree exited $code" || bad "--fix on the hostile tree exited $code: $(tail -3 "$work/hfix.txt")"

if [ "$fail" -ne 0 ]; then echo "e2e-fixes: failed" >&2; exit 1; fi
echo "e2e-fixes: ok"
