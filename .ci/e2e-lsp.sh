#!/usr/bin/env bash
# End-to-end test of `v6ready server` (the CLI's command) with three real LSP clients (README, "Editors"):
#  1. Neovim's built-in client, headless, configured with the README's Neovim recipe verbatim (push diagnostics);
#  2. Emacs with Eglot (Debian's emacs-nox + elpa-eglot), batch, configured with the README's Emacs recipe verbatim;
#  3. a Node script on vscode-jsonrpc / vscode-languageserver-protocol / vscode-languageserver-textdocument, the
#     libraries VS Code's language client is built on (pull diagnostics, as VS Code asks for them).
# Each opens a single-stack Service manifest, a Go file, a JS file and a Dockerfile, receives the rule's diagnostic,
# hovers it, requests the code actions, applies the preferred fix and then receives an empty diagnostic list.
# Needs .ci/install-lsp.sh (run by .ci/run before the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
art="${V6_ARTIFACTS:-$repo/artifacts}"
e2e_dir="${V6READY_LSP_E2E_DIR:-$HOME/.cache/v6ready-lsp-e2e}"
{ [ -d "$e2e_dir/node_modules" ] && command -v nvim >/dev/null && command -v emacs >/dev/null; } || bash .ci/install-lsp.sh
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The server is the CLI's `v6ready server`, put on the PATH as `v6ready` (as the README asks).
dotnet build src/V6Ready.Cli -v q -nologo >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
cli="$art/bin/V6Ready.Cli/debug/v6ready.dll"
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' "$cli" >"$tmp/bin/v6ready"
chmod +x "$tmp/bin/v6ready"
"$tmp/bin/v6ready" server --help >/dev/null || { echo "e2e-lsp: v6ready has no server command" >&2; exit 1; }
export PATH="$tmp/bin:$PATH"
cases="service.yaml:V6101 dial.go:V6005 server.js:V6001 Dockerfile:V6104"
status=0

# 1. Neovim: the README's recipe (the lua block after the e2e marker) is the whole configuration.
awk '/<!-- e2e: nvim-config -->/{found=1; next} found && /^```lua/{inblock=1; next} inblock && /^```/{exit} inblock{print}' README.md >"$tmp/init.lua"
[ -s "$tmp/init.lua" ] || { echo "e2e-lsp: README has no Neovim recipe after <!-- e2e: nvim-config -->" >&2; exit 1; }
mkdir -p "$tmp/nvim-ws" && cp -r bench/lsp/e2e/fixtures/. "$tmp/nvim-ws/"
echo "e2e-lsp: Neovim $(nvim --version | head -n1 | cut -d' ' -f2) with the README recipe"
(cd "$tmp/nvim-ws" && HOME="$tmp" XDG_CONFIG_HOME="$tmp/xdg" XDG_STATE_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/xdg" V6READY_E2E_CASES="$cases" \
  timeout 600 nvim --headless --cmd 'filetype on' -u "$tmp/init.lua" -c "luafile $repo/bench/lsp/e2e/nvim-e2e.lua" </dev/null) || status=1
for f in service.yaml dial.go server.js Dockerfile; do
  if cmp -s "bench/lsp/e2e/fixtures/$f" "$tmp/nvim-ws/$f"; then echo "e2e-lsp: Neovim did not write the fix to $f" >&2; status=1; fi
done

# 2. Emacs + Eglot: the README's recipe (the elisp block after the e2e marker), loaded after the packages are
#    activated as an interactive start does before init.el.
awk '/<!-- e2e: emacs-config -->/{found=1; next} found && /^```elisp/{inblock=1; next} inblock && /^```/{exit} inblock{print}' README.md >"$tmp/init.el"
[ -s "$tmp/init.el" ] || { echo "e2e-lsp: README has no Emacs recipe after <!-- e2e: emacs-config -->" >&2; exit 1; }
mkdir -p "$tmp/emacs-ws" && cp -r bench/lsp/e2e/fixtures/. "$tmp/emacs-ws/"
echo "e2e-lsp: $(emacs --version | head -n1) with Eglot $(ls -d /usr/share/emacs/site-lisp/elpa-src/eglot-* 2>/dev/null | sed 's/.*eglot-//' | head -n1) and the README recipe"
(cd "$tmp/emacs-ws" && HOME="$tmp/emacs-home" V6READY_E2E_CASES="$cases" \
  timeout 900 emacs --batch --eval '(package-activate-all)' -l "$tmp/init.el" -l "$repo/bench/lsp/e2e/emacs-e2e.el" </dev/null) || status=1
for f in service.yaml dial.go server.js Dockerfile; do
  if cmp -s "bench/lsp/e2e/fixtures/$f" "$tmp/emacs-ws/$f"; then echo "e2e-lsp: Emacs did not write the fix to $f" >&2; status=1; fi
done

# 3. The VS Code client libraries, pull diagnostics.
mkdir -p "$tmp/node-ws" && cp -r bench/lsp/e2e/fixtures/. "$tmp/node-ws/"
echo "e2e-lsp: vscode-languageserver-protocol $(node -p "require('$e2e_dir/node_modules/vscode-languageserver-protocol/package.json').version")"
(cd "$tmp/node-ws" && NODE_PATH="$e2e_dir/node_modules" timeout 600 node "$repo/bench/lsp/e2e/node-e2e.js" -- v6ready server -- $cases) || status=1

if [ "$status" -ne 0 ]; then echo "e2e-lsp: FAILED" >&2; exit 1; fi
echo "e2e-lsp: all three clients passed"
