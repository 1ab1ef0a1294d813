#!/usr/bin/env bash
# Installs what the language server's end-to-end test (.ci/e2e-lsp.sh) needs: Neovim (its built-in LSP client) and
# Emacs with Eglot (emacs-nox, elpa-eglot and the YAML/Go/Dockerfile modes) from Debian, and the npm packages VS Code's language client is built on, into a cache folder outside the repository
# (V6READY_LSP_E2E_DIR, default ~/.cache/v6ready-lsp-e2e). Idempotent; fails loudly when an install does not work.
set -euo pipefail
cd "$(dirname "$0")/.."
log=/tmp/install-lsp.log
: >"$log"
debs="neovim emacs-nox elpa-eglot elpa-yaml-mode elpa-go-mode elpa-dockerfile-mode"
if ! command -v nvim >/dev/null 2>&1 || ! command -v emacs >/dev/null 2>&1 || [ ! -d /usr/share/emacs/site-lisp/elpa-src ] ||
   ! ls -d /usr/share/emacs/site-lisp/elpa-src/eglot-* /usr/share/emacs/site-lisp/elpa-src/yaml-mode-* >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! $SUDO apt-get update -qq >>"$log" 2>&1 || ! $SUDO apt-get install -y -qq --no-install-recommends $debs >>"$log" 2>&1; then
    echo "install-lsp: could not install $debs (apt-get); log follows" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
fi
command -v nvim >/dev/null 2>&1 || { echo "install-lsp: nvim is still missing after apt-get install" >&2; exit 1; }
command -v emacs >/dev/null 2>&1 || { echo "install-lsp: emacs is still missing after apt-get install" >&2; exit 1; }
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { echo "install-lsp: node and npm are required" >&2; exit 1; }

dir="${V6READY_LSP_E2E_DIR:-$HOME/.cache/v6ready-lsp-e2e}"
mkdir -p "$dir"
if ! cmp -s bench/lsp/e2e/package.json "$dir/package.json" || [ ! -d "$dir/node_modules/vscode-languageserver-protocol" ]; then
  cp bench/lsp/e2e/package.json "$dir/package.json"
  if ! (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >>"$log" 2>&1); then
    echo "install-lsp: npm install failed; log follows" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
fi
