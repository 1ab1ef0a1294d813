#!/usr/bin/env bash
# End-to-end check that README's "Install" and "Configuration" sections work as written (issue 17's "done when").
# In a temporary copy of the repository (tracked and untracked-but-not-ignored files, nothing built), it
#  1. runs every fenced `sh`/`console` block of the two sections verbatim (the Install block packs the tool, installs it
#     with `dotnet tool install -g` and runs `v6ready --version`), with DOTNET_CLI_HOME pointing into the temporary
#     folder so the global tool lands there ($DOTNET_CLI_HOME/.dotnet/tools), not in the user's home;
#  2. checks `v6ready --version` prints Directory.Build.props' <Version> and `v6ready --help` lists the scan options;
#  3. checks the Install section's Action and pre-commit snippets name inputs/hooks that exist;
#  4. checks `v6ready init` writes a config with every key of the README's example, valid as written and uncommented;
#  5. writes the README's `toml` example as v6ready.toml over a small tree made of samples/, with an .editorconfig,
#     and checks each sentence of the Configuration section on the installed tool's JSON report: include/exclude,
#     select/extend-select/ignore, [severity], [[overrides]], target, fail-on, min-confidence, the precedence over
#     .editorconfig, the command line over the file, hierarchical configs, --config/--no-config, invalid keys.
# The pack builds the tool for this machine's platform and the portable package only (V6ToolRids in the environment;
# the README's `-p:V6ToolRids=...`): set V6READY_E2E_RIDS to pack others. About 3-6 minutes, mostly the Release pack.
set -euo pipefail
cd "$(dirname "$0")/.."
src="$PWD"
fail() { echo "e2e-readme: FAIL: $*" >&2; exit 1; }
start=$(date +%s)

tmp="$(mktemp -d "${TMPDIR:-/tmp}/v6ready-readme.XXXXXX")"
if [ -z "${V6_CI_KEEP:-}" ]; then trap 'rm -rf "$tmp"' EXIT; fi
repo="$tmp/repo"
mkdir -p "$repo" "$tmp/home"
# The copy: what git would commit (tracked files and new ones not ignored), no build output.
git ls-files -z --cached --others --exclude-standard | (cd "$src" && xargs -0 tar -cf - --no-recursion 2>/dev/null) | tar -xf - -C "$repo"
[ -f "$repo/README.md" ] && [ -f "$repo/src/V6Ready.Cli/V6Ready.Cli.csproj" ] || fail "the copy of the repository is incomplete"

case "$(uname -m)" in aarch64|arm64) arch=arm64 ;; *) arch=x64 ;; esac
case "$(uname -s)" in Darwin) os=osx ;; *) os=linux ;; esac
export V6ToolRids="${V6READY_E2E_RIDS:-$os-$arch;any}"
# Nothing global changes: dotnet's per-user folder (global tools, first-run files) is in the temporary folder. NuGet keeps
# the user's package cache and feeds (HOME stays), so the restore does not download everything again.
export DOTNET_CLI_HOME="$tmp/home" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PATH="$DOTNET_CLI_HOME/.dotnet/tools:$PATH"
unset V6_ARTIFACTS
tools_before="$(ls -A "$HOME/.dotnet/tools" 2>/dev/null | sort || true)"

# ---- 1. the sections' command blocks, verbatim -------------------------------------------------------------------
python3 - "$repo/README.md" "$tmp/blocks" <<'PY'
import os, re, sys
readme, out = sys.argv[1], sys.argv[2]
text = open(readme, encoding="utf-8").read()
os.makedirs(out, exist_ok=True)
def section(name):
    m = re.search(r"<!-- section: %s -->\n(.*?)(?=^## )" % re.escape(name), text, re.S | re.M)
    assert m, "README has no section marker '%s'" % name
    return m.group(1)
n = 0
for name in ("install", "configuration"):
    body = section(name)
    for i, m in enumerate(re.finditer(r"^```(\w+)[^\n]*\n(.*?)^```", body, re.S | re.M)):
        lang, code = m.group(1), m.group(2)
        if lang == "console":  # "$ command" lines are the commands; the rest is output
            code = "".join(l[2:] + "\n" for l in code.splitlines() if l.startswith("$ "))
        if lang in ("sh", "console", "bash", "toml", "yaml"):
            n += 1
            with open(os.path.join(out, "%s-%02d.%s" % (name, i, "sh" if lang in ("console", "bash") else lang)), "w", encoding="utf-8") as f:
                f.write(code)
assert n > 0
PY
ls "$tmp/blocks" | sed 's/^/  README block: /'
[ -n "$(ls "$tmp/blocks"/install-*.sh 2>/dev/null)" ] || fail "the Install section has no sh block"
[ -n "$(ls "$tmp/blocks"/configuration-*.toml 2>/dev/null)" ] || fail "the Configuration section has no toml example"

if [ -n "${V6READY_E2E_BIN:-}" ]; then
  # Iterating on the checks below: use this v6ready instead of packing and installing (CI never sets it).
  mkdir -p "$DOTNET_CLI_HOME/.dotnet/tools"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$V6READY_E2E_BIN" >"$DOTNET_CLI_HOME/.dotnet/tools/v6ready"
  chmod +x "$DOTNET_CLI_HOME/.dotnet/tools/v6ready"
  for block in "$tmp/blocks"/install-*.sh; do v6ready --version >"$block.out"; done
fi
for block in "$tmp/blocks"/*.sh; do
  [ -z "${V6READY_E2E_BIN:-}" ] || continue
  echo "e2e-readme: running $(basename "$block") as written (from the repository's top):"
  sed 's/^/    $ /' "$block"
  if ! (cd "$repo" && bash -euo pipefail "$block") >"$block.out" 2>&1; then
    tail -40 "$block.out" >&2
    fail "$(basename "$block") failed"
  fi
  tail -3 "$block.out" | sed 's/^/    /'
done
echo "e2e-readme: install block done in $(( $(date +%s) - start )) s"

# ---- 2. the installed tool ---------------------------------------------------------------------------------------
bin="$(command -v v6ready || true)"
[ -n "$bin" ] && [ "${bin#"$DOTNET_CLI_HOME"/}" != "$bin" ] || fail "v6ready is not the tool installed under DOTNET_CLI_HOME ($bin)"
[ "$(ls -A "$HOME/.dotnet/tools" 2>/dev/null | sort || true)" = "$tools_before" ] || fail "the user's global tools folder changed"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -1)"
got="$(v6ready --version)"
[ "$got" = "v6ready $version" ] || fail "v6ready --version printed '$got', Directory.Build.props has $version"
grep -qx "v6ready $version" "$tmp"/blocks/install-*.sh.out || fail "the README's install block did not print the version"
help="$(v6ready --help)"
for option in --select --ignore --extend-select --stdin-filename --color --config --memory-budget; do
  grep -q -- "$option" <<<"$help" || fail "v6ready --help does not list $option"
done
echo "e2e-readme: v6ready --version = $version; v6ready --help lists the scan options"

# ---- 3. the Action and pre-commit snippets -----------------------------------------------------------------------
python3 - "$repo" "$tmp/blocks" <<'PY'
import glob, os, sys, yaml
repo, blocks = sys.argv[1], sys.argv[2]
action = yaml.safe_load(open(os.path.join(repo, "action.yml")))
hooks = {h["id"] for h in yaml.safe_load(open(os.path.join(repo, ".pre-commit-hooks.yaml")))}
seen = set()
for path in sorted(glob.glob(os.path.join(blocks, "install-*.yaml"))):
    doc = yaml.safe_load(open(path))
    if isinstance(doc, dict) and "steps" in doc:
        for step in doc["steps"]:
            if "v6ready" in step.get("uses", ""):
                for key in (step.get("with") or {}):
                    assert key in action["inputs"], "README's Action step uses input '%s' that action.yml lacks" % key
                seen.add("action")
    if isinstance(doc, dict) and "repos" in doc:
        for r in doc["repos"]:
            for h in r["hooks"]:
                assert h["id"] in hooks, "README's pre-commit hook '%s' is not in .pre-commit-hooks.yaml" % h["id"]
        seen.add("pre-commit")
assert seen == {"action", "pre-commit"}, seen
# The commented-out input in the README's example exists too.
assert "tool-source" in action["inputs"]
print("e2e-readme: the Action's inputs and the pre-commit hook ids of the Install section exist")
PY

# ---- 4. v6ready init -----------------------------------------------------------------------------------------------
init="$tmp/init"; mkdir -p "$init"
(cd "$init" && v6ready init >/dev/null) || fail "v6ready init failed"
[ -f "$init/v6ready.toml" ] || fail "v6ready init wrote no v6ready.toml"
example="$(ls "$tmp"/blocks/configuration-*.toml | head -1)"
python3 - "$example" "$init/v6ready.toml" "$init/uncommented.toml" <<'PY'
import re, sys
example, written, uncommented = sys.argv[1], sys.argv[2], sys.argv[3]
keys = set(re.findall(r"^\s*([a-z][a-z-]*|\[\[?[a-z]+\]\]?)\s*(?:=|$)", open(example).read(), re.M))
init = open(written).read()
missing = [k for k in sorted(keys) if not re.search(r"^(# )?%s(\s*=|$)" % re.escape(k), init, re.M)]
assert not missing, "v6ready init does not document %s (README's example has them)" % missing
# Uncommenting init's settings gives a config too (checked below by a scan).
lines = [re.sub(r"^# (?=[a-z][a-z-]* = |\[|V6\d* = )", "", l) for l in init.splitlines()]
open(uncommented, "w").write("\n".join(lines) + "\n")
print("e2e-readme: v6ready init documents every key of the README's example (%d)" % len(keys))
PY
for cfg in "$init/v6ready.toml" "$init/uncommented.toml"; do
  set +e; v6ready scan "$repo/samples/shop/nginx" --config "$cfg" -q >/dev/null 2>"$tmp/init.err"; code=$?; set -e
  [ "$code" -le 1 ] || { cat "$tmp/init.err" >&2; fail "$(basename "$cfg") from v6ready init is not a valid config (exit $code)"; }
done

# ---- 5. the Configuration section on a small tree ------------------------------------------------------------------
tree="$tmp/tree"
mkdir -p "$tree/src" "$tree/deploy" "$tree/other"
git -C "$tree" init -q   # the config search stops at the repository root
cp -r "$repo/samples/shop/user-go" "$tree/src/user-go"
cp "$repo/samples/shop/user-go/main.go" "$tree/src/user-go/main_test.go"       # **/*_test.go override
cp "$repo/samples/shop/user-go/db/mongo.go" "$tree/src/user-go/db/mongo_test.go"
mkdir -p "$tree/src/third_party" && cp "$repo/samples/shop/user-go/db/mongo.go" "$tree/src/third_party/mongo.go"
cp -r "$repo/samples/shop/deploy/kubernetes" "$tree/deploy/kubernetes"
mkdir -p "$tree/deploy/nginx" && cp "$repo/samples/shop/nginx/nginx.conf" "$tree/deploy/nginx/nginx.conf"
cp "$repo/samples/shop/user-go/main.go" "$tree/other/main.go"                  # outside include
mkdir -p "$tree/src/frontend" "$tree/src/tests"
cp "$repo/samples/shop/frontend-ts/src/admin.ts" "$tree/src/frontend/admin.ts"  # V6002 (TypeScript)
cp "$repo/samples/shop/frontend-ts/src/admin.ts" "$tree/src/tests/admin.ts"     # **/tests/** override
cp -r "$repo/samples/shop/gateway-aspnet" "$tree/src/gateway"                   # appsettings.json without C#
# Node binds only the first address 'localhost' resolves to: V6002 with low confidence (dropped by min-confidence).
printf "const http = require('http');\nhttp.createServer(() => {}).listen(8080, 'localhost');\n" >"$tree/src/frontend/local.js"
# The README's example, as written.
cp "$example" "$tree/v6ready.toml"
printf 'root = true\n\n[*]\ndotnet_diagnostic.V6003.severity = none\ndotnet_diagnostic.V6002.severity = warning\ndotnet_diagnostic.V6102.severity = suggestion\n' >"$tree/.editorconfig"
v6ready rules --format json >"$tmp/rules.json"

scan() { # scan ARGS... -> $tmp/out.json, sets $code
  set +e; (cd "$tree" && v6ready scan "$@" --format json -o "$tmp/out.json" 2>"$tmp/err.txt"); code=$?; set -e
  [ "$code" -le 1 ] || { cat "$tmp/err.txt" >&2; fail "scan $* exited $code"; }
}
check() { python3 "$tmp/check.py" "$tmp/out.json" "$tmp/rules.json" "$code" "$@" || fail "configuration check '$1' failed"; }
cat >"$tmp/check.py" <<'PY'
import json, sys
report, rules, code, case = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3]), sys.argv[4]
F = report["findings"]
ipv6only = {r["id"]: r["severity"]["ipv6-only"] for r in rules["rules"]}
dualstack = {r["id"]: r["severity"]["dual-stack"] for r in rules["rules"]}
def at(path, rule=None): return [f for f in F if f["path"] == path and (rule is None or f["ruleId"] == rule)]
def ids(): return {f["ruleId"] for f in F}
def ok(cond, what):
    if not cond:
        print("  %s: %s\n  findings: %s" % (case, what, sorted({(f["path"], f["ruleId"], f["severity"], f["confidence"]) for f in F})), file=sys.stderr)
        sys.exit(1)
if case == "readme-config":
    ok(F, "no findings")
    ok(all(f["path"].startswith(("src/", "deploy/")) for f in F), "include = src/**, deploy/** (other/ is left out)")
    ok(not any(f["path"].startswith("src/third_party/") for f in F), "exclude")
    ok(all(f["ruleId"].startswith(("V60", "V61")) or f["ruleId"] == "V6201" for f in F), "select V60, V61 + extend-select V6201")
    ok("V6201" in ids(), "extend-select V6201 (deploy/nginx)")
    ok("V6105" not in ids(), "ignore V6105 beats select V61")
    ok(all(f["confidence"] != "low" for f in F), "min-confidence = medium")
    # [severity] beats .editorconfig (which says V6003 none); overrides beat [severity] for *_test.go.
    ok([f["severity"] for f in at("src/user-go/db/mongo.go", "V6003")] == ["error"], "[severity] V6003 = error over .editorconfig's none")
    ok(not at("src/user-go/db/mongo_test.go", "V6003"), "[[overrides]] ignore V6003 in **/*_test.go")
    ok([f["severity"] for f in at("src/tests/admin.ts", "V6002")] == ["note"], "[[overrides]] severity V6002 = note in **/tests/**")
    ok([f["severity"] for f in at("src/frontend/admin.ts", "V6002")] == ["warning"], ".editorconfig V6002 = warning (TypeScript)")
    ok(sorted(f["ruleId"] for f in F if f["path"].startswith("src/gateway/")) == ["V6001", "V6001", "V6001", "V6002", "V6002"], "appsettings.json/launchSettings.json without C#")
    # (the target's own severities differ, so these can only come from .editorconfig)
    ok(ipv6only["V6002"] != "warning" and ipv6only["V6102"] != "note", "the checks below need other ipv6-only severities")
    ok([f["severity"] for f in at("src/user-go/main.go", "V6002")] == ["warning"], ".editorconfig V6002 = warning where the config says nothing")
    ok(all(f["severity"] == "note" for f in F if f["ruleId"].startswith("V62")), "[severity] V62 = note")
    ok(all(f["severity"] == "note" for f in F if f["ruleId"] == "V6102") and any(f["ruleId"] == "V6102" for f in F), ".editorconfig V6102 = suggestion (note), YAML")
    plain = [f for f in F if f["ruleId"] not in ("V6003", "V6002", "V6102") and not f["ruleId"].startswith("V62")]
    ok(plain and all(f["severity"] == ipv6only[f["ruleId"]] for f in plain), "target = ipv6-only gives the rules' ipv6-only severity")
    ok(code == (1 if any(f["severity"] == "error" for f in F) else 0), "fail-on = error")
elif case == "cli-select":
    ok(F and all(f["ruleId"].startswith("V61") and f["ruleId"] != "V6105" for f in F), "--select V61 --ignore V6105 replaces the file's select")
elif case == "cli-target":
    plain = [f for f in F if f["ruleId"] not in ("V6003", "V6002", "V6102") and not f["ruleId"].startswith("V62")]
    ok(plain and all(f["severity"] == dualstack[f["ruleId"]] for f in plain), "--target dual-stack beats the file's target")
    ok(code == 1, "--fail-on warning beats the file's fail-on")
elif case == "cli-min-confidence":
    ok(all(f["confidence"] == "high" for f in F) and F, "--min-confidence high beats the file's")
elif case == "nested":
    inner = [f for f in F if f["path"].startswith("src/user-go/netutil/")]
    ok(inner and all(f["ruleId"] == "V6008" and f["severity"] == dualstack["V6008"] for f in inner), "the nearest config applies whole (netutil: select V6008, default target)")
    ok(any(f["path"].startswith("src/user-go/db/") for f in F), "the root config still applies elsewhere")
elif case == "config-file":
    ok(any(f["path"].startswith("src/user-go/netutil/") and f["ruleId"] != "V6008" for f in F), "--config FILE applies one file everywhere (the nested one is not read)")
elif case == "no-config":
    ok(any(f["path"].startswith("other/") for f in F) and "V6105" in ids(), "--no-config reads no v6ready.toml")
    ok([f["confidence"] for f in at("src/frontend/local.js")] == ["low"], "the low-confidence finding the configs drop is there without them")
else:
    ok(False, "unknown case")
print("  ok: " + case)
PY

scan;                                           check readme-config
scan --select V61 --ignore V6105;               check cli-select
scan --target dual-stack --fail-on warning;     check cli-target
scan --min-confidence high;                     check cli-min-confidence
printf 'select = ["V6008"]\n' >"$tree/src/user-go/netutil/v6ready.toml"
scan;                                           check nested
scan --config v6ready.toml;                     check config-file
scan --no-config;                               check no-config
# An unknown key is a usage error naming the file.
printf 'selekt = ["V6001"]\n' >"$tree/src/user-go/netutil/v6ready.toml"
set +e; (cd "$tree" && v6ready scan >/dev/null 2>"$tmp/err.txt"); code=$?; set -e
[ "$code" = 2 ] && grep -q "netutil/v6ready.toml" "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "an unknown key should be exit 2 naming the file (exit $code)"; }
echo "  ok: unknown key -> exit 2 naming the file"
# The same table under [tool.v6ready] in a shared file.
rm "$tree/src/user-go/netutil/v6ready.toml"
{ echo '[tool.other]'; echo 'x = 1'; echo; echo '[tool.v6ready]'; echo 'select = ["V61"]'; echo 'ignore = ["V6105"]'; } >"$tmp/shared.toml"
scan --config "$tmp/shared.toml";               check cli-select

echo "e2e-readme: ok ($(( $(date +%s) - start )) s)"
