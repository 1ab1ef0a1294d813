#!/usr/bin/env bash
# Installs the toolchains .ci/e2e-fixes.sh checks fixed files with: Go (gofmt, go vet) from Debian's golang-go, and
# TypeScript (tsc) from npm into a cache folder outside the repository. Idempotent; a tool that cannot be installed
# is reported, and e2e-fixes.sh then says which check it could not run.
set -uo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v gofmt >/dev/null 2>&1; then
  if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq golang-go; } >/tmp/install-fixes.log 2>&1; then
    echo "install-fixes: could not install golang-go (apt-get); see /tmp/install-fixes.log" >&2
  fi
fi
tools="${V6READY_CI_TOOLS:-$HOME/.cache/v6ready-ci}"
if [ ! -x "$tools/node_modules/.bin/tsc" ] && command -v npm >/dev/null 2>&1; then
  mkdir -p "$tools"
  ( cd "$tools" && [ -f package.json ] || npm init -y >/dev/null 2>&1
    cd "$tools" && npm install --no-audit --no-fund --silent typescript@5 @types/node >/tmp/install-fixes-npm.log 2>&1 ) \
    || echo "install-fixes: could not install typescript (npm); see /tmp/install-fixes-npm.log" >&2
fi
exit 0
