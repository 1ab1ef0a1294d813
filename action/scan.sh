#!/usr/bin/env bash
# Scans $V6READY_PATHS (default .) into a SARIF report ($V6READY_SARIF, default v6ready.sarif) and records the exit
# code (0 clean, 1 findings at or above --fail-on, 2 usage or fatal error) in $GITHUB_OUTPUT as exit-code. Extra
# arguments for `v6ready scan` come from $V6READY_ARGS (word-split), e.g. "--target ipv6-only --fail-on error".
set -uo pipefail
bin="${V6READY_BIN:-v6ready}"
sarif="${V6READY_SARIF:-v6ready.sarif}"
read -r -a paths <<< "${V6READY_PATHS:-.}"
read -r -a extra <<< "${V6READY_ARGS:-}"
"$bin" scan "${paths[@]}" --format sarif --output "$sarif" "${extra[@]}"
code=$?
echo "v6ready: scan exit code $code (SARIF report: $sarif)"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
  echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
fi
if [ "$code" -ge 2 ]; then exit "$code"; fi
exit 0
