#!/usr/bin/env bash
# Turns the SARIF report into pull-request annotations (the worst 10 per level) and a step summary with every finding:
# `v6ready merge REPORT --format github`. SARIF URIs are relative to the repository's top, as annotations need.
set -euo pipefail
bin="${V6READY_BIN:-v6ready}"
sarif="${V6READY_SARIF:-v6ready.sarif}"
"$bin" merge "$sarif" --format github --fail-on none
