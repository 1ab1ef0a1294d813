#!/usr/bin/env bash
# End-to-end check of how v6ready is distributed: packs the tool package, runs action.yml's steps (action/*.sh) as
# plain shell the way the composite action runs them, runs the hooks of .pre-commit-hooks.yaml the way pre-commit
# calls them, and generates the shell completion scripts and syntax-checks them (bash -n; zsh -n / fish -n when
# installed). Set V6READY_E2E_RIDS to pack other platforms (default: this machine's and "any").
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fail() { echo "e2e-distribution: $*" >&2; exit 1; }

case "$(uname -m)" in aarch64|arm64) arch=arm64 ;; *) arch=x64 ;; esac
case "$(uname -s)" in Darwin) os=osx ;; *) os=linux ;; esac
rids="${V6READY_E2E_RIDS:-$os-$arch;any}"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)"

echo "e2e-distribution: dotnet pack src/V6Ready.Cli (tool packages for $rids)"
dotnet pack src/V6Ready.Cli -c Release -o "$out/feed" -p:V6ToolRids="${rids//;/%3B}" >"$out/pack.log" 2>&1 || { tail -30 "$out/pack.log" >&2; fail "pack failed"; }
ls "$out/feed" | sed 's/^/  /'
[ -f "$out/feed/V6Ready.Cli.$version.nupkg" ] || fail "no V6Ready.Cli.$version.nupkg"
[ -f "$out/feed/V6Ready.Cli.$os-$arch.$version.nupkg" ] || fail "no $os-$arch package"
listing="$(unzip -l "$out/feed/V6Ready.Cli.$version.nupkg")"
nuspec="$(unzip -p "$out/feed/V6Ready.Cli.$version.nupkg" V6Ready.Cli.nuspec)"
grep -q 'README.md' <<<"$listing" || fail "the package has no README"
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "the package has no MIT license expression"
grep -q 'repository type="git" url="https://' <<<"$nuspec" || fail "the package has no repository URL"

# The action's steps, in action.yml's order, with the files GitHub gives them.
python3 - "$out" <<'PY'
import sys, yaml, os
action = yaml.safe_load(open("action.yml"))
assert action["runs"]["using"] == "composite"
steps = action["runs"]["steps"]
names = [s.get("uses", "").split("@")[0] or s["run"] for s in steps]
expected = ["actions/setup-dotnet", '"$GITHUB_ACTION_PATH/action/install.sh"', '"$GITHUB_ACTION_PATH/action/scan.sh"',
            "github/codeql-action/upload-sarif", '"$GITHUB_ACTION_PATH/action/annotate.sh"', '"$GITHUB_ACTION_PATH/action/result.sh"']
assert names == expected, names
for s in steps:
    if "run" in s:
        path = s["run"].strip('"').replace("$GITHUB_ACTION_PATH/", "")
        assert os.access(path, os.X_OK), path
        assert s["shell"] == "bash"
print("e2e-distribution: action.yml has the expected steps")
PY

gh="$out/gh"; mkdir -p "$gh"
export GITHUB_PATH="$gh/path" GITHUB_ENV="$gh/env" GITHUB_OUTPUT="$gh/output" GITHUB_STEP_SUMMARY="$gh/summary.md" RUNNER_TEMP="$gh/tmp"
touch "$GITHUB_PATH" "$GITHUB_ENV" "$GITHUB_OUTPUT" "$GITHUB_STEP_SUMMARY"; mkdir -p "$RUNNER_TEMP"
export GITHUB_ACTION_PATH="$PWD" GITHUB_WORKSPACE="$PWD"

echo "e2e-distribution: step 'Install v6ready'"
V6READY_VERSION="$version" V6READY_SOURCE="$out/feed" NUGET_PACKAGES="${NUGET_PACKAGES:-}" action/install.sh
bin="$(sed -n 's/^V6READY_BIN=//p' "$GITHUB_ENV")"
[ -x "$bin" ] || fail "install.sh did not install the tool ($bin)"
grep -qx "$RUNNER_TEMP/v6ready" "$GITHUB_PATH" || fail "install.sh did not add the tool to GITHUB_PATH"
# The platform's package was installed: its ReadyToRun build, not the portable one.
find "$RUNNER_TEMP/v6ready/.store" -path "*v6ready.cli.$os-$arch*" -name v6ready.dll | grep -q . || fail "the $os-$arch package was not the one installed"
export V6READY_BIN="$bin"

echo "e2e-distribution: step 'Scan' (samples)"
V6READY_PATHS="samples" V6READY_SARIF="$out/v6ready.sarif" V6READY_ARGS="--target dual-stack" action/scan.sh
grep -qx "exit-code=1" "$GITHUB_OUTPUT" || fail "scan.sh should record exit-code=1 for the samples: $(cat "$GITHUB_OUTPUT")"
grep -q '"uri": "samples/shop/' "$out/v6ready.sarif" || fail "SARIF URIs are not relative to the repository's top"

echo "e2e-distribution: step 'Annotate'"
V6READY_SARIF="$out/v6ready.sarif" action/annotate.sh >"$out/annotations.txt"
for level in error warning notice; do
  n=$(grep -c "^::$level " "$out/annotations.txt" || true)
  [ "$n" -le 10 ] || fail "$n $level annotations (GitHub shows 10)"
done
grep -q '^::warning file=samples/' "$out/annotations.txt" || fail "annotations do not name files from the workspace"
grep -q '^## v6ready: ' "$GITHUB_STEP_SUMMARY" || fail "no step summary"
echo "  $(grep -c '^::' "$out/annotations.txt") annotations; $(head -1 "$GITHUB_STEP_SUMMARY")"

echo "e2e-distribution: step 'Result'"
if V6READY_EXIT_CODE="$(sed -n 's/^exit-code=//p' "$GITHUB_OUTPUT")" action/result.sh 2>/dev/null; then fail "result.sh should fail the step"; fi
V6READY_EXIT_CODE=0 action/result.sh >/dev/null || fail "result.sh should pass a clean scan"

echo "e2e-distribution: .pre-commit-hooks.yaml"
export PATH="$RUNNER_TEMP/v6ready:$PATH"
clean="$out/clean.go"; printf 'package main\n\nfunc main() {}\n' >"$clean"
python3 - "$clean" <<'PY'
import sys, yaml, subprocess, shlex
hooks = yaml.safe_load(open(".pre-commit-hooks.yaml"))
assert {h["id"] for h in hooks} >= {"v6ready", "v6ready-system"}
for h in hooks:
    entry = shlex.split(h["entry"])
    dirty = subprocess.run(entry + ["samples/shop/user-go/main.go", "samples/shop/deploy/kubernetes/orders.yaml"], capture_output=True, text=True)
    assert dirty.returncode == 1, (h["id"], dirty.returncode, dirty.stderr)
    assert "samples/shop/user-go/main.go:" in dirty.stdout, dirty.stdout
    ok = subprocess.run(entry + [sys.argv[1]], capture_output=True, text=True)
    assert ok.returncode == 0, (h["id"], ok.returncode, ok.stdout, ok.stderr)
    print(f"  hook {h['id']} ({h['language']}): findings exit 1, clean file exit 0")
PY

echo "e2e-distribution: completion scripts"
for shell in bash zsh fish powershell; do
  "$bin" completions "$shell" >"$out/completion.$shell" || fail "completions $shell"
  [ -s "$out/completion.$shell" ] || fail "empty $shell completion script"
done
bash -n "$out/completion.bash" || fail "bash -n failed"
if command -v zsh >/dev/null; then zsh -n "$out/completion.zsh" || fail "zsh -n failed"; else echo "  zsh not installed: zsh -n skipped"; fi
if command -v fish >/dev/null; then fish -n "$out/completion.fish" || fail "fish -n failed"; else echo "  fish not installed: fish -n skipped"; fi
if command -v pwsh >/dev/null; then pwsh -NoProfile -Command "[scriptblock]::Create((Get-Content -Raw '$out/completion.powershell')) | Out-Null" || fail "PowerShell parse failed"; else echo "  pwsh not installed: PowerShell parse skipped"; fi
# The bash function completes for real: commands, then a format value.
result="$(bash -c 'source "$1"; COMP_LINE="v6ready sc"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(v6ready sc); COMP_CWORD=1; _v6ready_complete; printf "%s\n" "${COMPREPLY[@]}"' _ "$out/completion.bash")"
[ "$result" = "scan" ] || fail "bash completion of 'v6ready sc' gave: $result"
result="$(bash -c 'source "$1"; COMP_LINE="v6ready scan --format s"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(v6ready scan --format s); COMP_CWORD=3; _v6ready_complete; printf "%s\n" "${COMPREPLY[@]}"' _ "$out/completion.bash")"
[ "$result" = "sarif" ] || fail "bash completion of 'v6ready scan --format s' gave: $result"
echo "e2e-distribution: ok"
