#!/usr/bin/env bash
# Installs headless Chromium (Debian package `chromium`) for .ci/e2e-html.sh, which renders the samples' HTML report at
# 1400 and 700 px and checks its layout. Idempotent; when it cannot be installed, e2e-html.sh says so and skips.
set -uo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null 2>&1; then
  if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; } >/tmp/install-chromium.log 2>&1; then
    echo "install-chromium: could not install chromium (apt-get); see /tmp/install-chromium.log" >&2
  fi
fi
exit 0
