#!/usr/bin/env bash
# Installs the v6ready tool into $V6READY_TOOL_PATH (default: $RUNNER_TEMP/v6ready or a temp folder) and puts it on
# $GITHUB_PATH when that is set. Inputs (environment): V6READY_VERSION (empty: the newest), V6READY_SOURCE (a folder or
# feed holding the V6Ready.Cli package, e.g. one packed by an earlier step; empty: the configured NuGet sources).
set -euo pipefail
tool_path="${V6READY_TOOL_PATH:-${RUNNER_TEMP:-$(mktemp -d)}/v6ready}"
args=(tool install --tool-path "$tool_path" V6Ready.Cli)
if [ -n "${V6READY_VERSION:-}" ]; then args+=(--version "$V6READY_VERSION"); fi
if [ -n "${V6READY_SOURCE:-}" ]; then args+=(--add-source "$V6READY_SOURCE"); fi
if [ -x "$tool_path/v6ready" ] || [ -x "$tool_path/v6ready.exe" ]; then
  echo "v6ready: already installed in $tool_path"
else
  dotnet "${args[@]}"
fi
"$tool_path/v6ready" --version
if [ -n "${GITHUB_PATH:-}" ]; then echo "$tool_path" >> "$GITHUB_PATH"; fi
echo "V6READY_BIN=$tool_path/v6ready" >> "${GITHUB_ENV:-/dev/null}"
