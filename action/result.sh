#!/usr/bin/env bash
# Fails the step when the scan found something at or above --fail-on (after the SARIF upload and annotations ran).
set -euo pipefail
code="${V6READY_EXIT_CODE:-0}"
if [ "$code" != "0" ]; then
  echo "v6ready: findings at or above the fail-on level (exit code $code); see the annotations and the step summary." >&2
  exit "$code"
fi
echo "v6ready: nothing at or above the fail-on level."
