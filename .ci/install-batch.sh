#!/usr/bin/env bash
# Installs what the batch-scan end-to-end test needs: headless Chromium (renders the HTML report).
# Idempotent and quiet; fails loudly when the install does not work.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >/tmp/install-batch.log 2>&1 || ! $SUDO apt-get install -y -qq chromium >>/tmp/install-batch.log 2>&1; then
  echo "install-batch: could not install chromium (apt-get); log follows" >&2
  tail -n 30 /tmp/install-batch.log >&2
  exit 1
fi
command -v chromium >/dev/null 2>&1 || { echo "install-batch: chromium is still missing after apt-get install" >&2; exit 1; }
