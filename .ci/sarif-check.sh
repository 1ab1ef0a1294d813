#!/usr/bin/env bash
# Validates SARIF files with Microsoft's SARIF Multitool (installed by .ci/install-sarif.sh): the JSON schema, the
# SARIF rules and GitHub's code-scanning rules (--rule-kind Gh). The tool exits 0 even when it reports errors, so its
# output log is read: any error fails, warnings and notes are listed.
#   usage: .ci/sarif-check.sh FILE.sarif...
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -s)" in Darwin) platform=darwin ;; *) platform=linux ;; esac
tool="$repo/.ci/tools/sarif/node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool"
[ -x "$tool" ] || { echo "sarif-check: no SARIF Multitool at $tool (run .ci/install-sarif.sh)" >&2; exit 1; }
[ "$#" -gt 0 ] || { echo "usage: $0 FILE.sarif..." >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/v6ready-sarif-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for file in "$@"; do
  [ -s "$file" ] || { echo "sarif-check: $file is missing or empty" >&2; status=1; continue; }
  log="$work/validation.sarif"
  rm -f "$log"
  if ! "$tool" validate "$file" --rule-kind "Gh;Sarif" --output "$log" --log ForceOverwrite >"$work/stdout" 2>&1 || [ ! -s "$log" ]; then
    cat "$work/stdout" >&2
    echo "sarif-check: the SARIF Multitool did not run on $file" >&2
    status=1
    continue
  fi
  python3 - "$log" "$file" <<'PY' || status=1
import json, sys
log, name = sys.argv[1], sys.argv[2]
runs = json.load(open(log, encoding="utf-8-sig")).get("runs", [])
counts = {"error": 0, "warning": 0, "note": 0}
for run in runs:
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    for r in run.get("results", []):
        level = r.get("level", "warning")
        counts[level] = counts.get(level, 0) + 1
        msg = r.get("message", {})
        text = msg.get("text")
        if text is None:
            i = r.get("ruleIndex", -1)
            template = rules[i].get("messageStrings", {}).get(msg.get("id", ""), {}).get("text", "") if 0 <= i < len(rules) else ""
            args = msg.get("arguments", [])
            try:
                text = template.format(*args) if template else " / ".join(args)
            except (IndexError, KeyError, ValueError):
                text = template + " " + " / ".join(args)
        print(f"  {level} {r.get('ruleId')}: {text[:300]}", file=sys.stderr if level == "error" else sys.stdout)
for run in runs:
    for inv in run.get("invocations", []):
        for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
            if n.get("level", "warning") == "error":
                counts["error"] += 1
                print(f"  tool error: {n.get('message', {}).get('text')}", file=sys.stderr)
print(f"sarif-check: {name}: {counts['error']} errors, {counts['warning']} warnings, {counts['note']} notes (SARIF Multitool, GitHub rules)")
sys.exit(1 if counts["error"] else 0)
PY
done
exit "$status"
