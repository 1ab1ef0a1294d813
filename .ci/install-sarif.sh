#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (npm package @microsoft/sarif-multitool, pinned) into .ci/tools/sarif (ignored by
# git, inside the repository) for the end-to-end checks' SARIF validation (.ci/sarif-check.sh). Needs node/npm: when
# npm is missing it is installed with apt-get. Idempotent; fails loudly when the install does not work.
set -euo pipefail
cd "$(dirname "$0")/.."
version=5.7.0
dir=.ci/tools/sarif
case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=darwin ;;
  *) echo "install-sarif: no SARIF Multitool package for $(uname -s)" >&2; exit 1 ;;
esac
bin="$dir/node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool"
installed() {
  [ -f "$bin" ] && grep -q "\"version\": *\"$version\"" "$dir/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null
}
if ! installed; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm; } >/tmp/install-sarif.log 2>&1 \
      || { echo "install-sarif: could not install npm (apt-get); log follows" >&2; tail -n 30 /tmp/install-sarif.log >&2; exit 1; }
  fi
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "@microsoft/sarif-multitool@$version" \
    || { echo "install-sarif: npm install @microsoft/sarif-multitool@$version failed" >&2; exit 1; }
fi
# The platform package marks its binary executable in a postinstall script, which npm may be set not to run.
chmod u+x "$bin"
"$bin" --version >/dev/null 2>&1 || { echo "install-sarif: $bin does not run" >&2; exit 1; }
echo "install-sarif: SARIF Multitool $version at $bin"
