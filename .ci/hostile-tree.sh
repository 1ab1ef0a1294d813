#!/usr/bin/env bash
# Generates a tree of hostile inputs for the scanner (used by .ci/e2e-fixes.sh): a path longer than 4096 bytes,
# names with ':', control characters (ESC, newline) and invalid UTF-8, a FIFO, a huge file, a binary .yaml and
# nginx.conf, CR-only YAML, pathological .gitignore patterns, a symlink loop and in-root symlinks.
# usage: hostile-tree.sh DIR
set -euo pipefail
dir=${1:?usage: hostile-tree.sh DIR}
mkdir -p "$dir"
cd "$dir"

# a path longer than 4096 bytes (each component under 255 bytes)
seg=$(printf 'd%.0s' $(seq 1 200))
(
  mkdir -p long && cd long
  for i in $(seq 1 22); do mkdir -p "$seg$i" && cd "$seg$i"; done
  printf 'const host = process.env.HOST;\nconst a = host + ":" + port;\n' > deep.js
)

# odd names
printf 'const a = `${host}:${port}`;\n' > 'a:b.js'
printf 'const a = `${host}:${port}`;\n' > '::x.js'
printf 'const a = `${host}:${port}`;\n' > "$(printf 'esc\033[31mred\033[0m.js')"
printf 'const a = `${host}:${port}`;\n' > "$(printf 'new\nline.js')"
printf 'const a = `${host}:${port}`;\n' > "$(printf 'latin1-\xe9.js')"
printf 'const a = `${host}:${port}`;\n' > "$(printf 'bad-\xff\xfe.js')"

# special files
mkfifo fifo.js
mkfifo fifo.yaml

# a huge file (over the default 5M limit) and a binary .yaml / nginx.conf
head -c 6000000 /dev/zero | tr '\0' 'a' > huge.js
mkdir -p nginx
printf 'server {\n  listen 80;\0\0\0\n}\n' > nginx/nginx.conf
printf 'apiVersion: v1\nkind: Service\0\0\n' > binary.yaml

# CR-only line endings
printf 'apiVersion: v1\rkind: Service\rmetadata:\r  name: cr\rspec:\r  ports:\r  - port: 80\r' > cr-only.yaml

# pathological ignore patterns (backtracking globs) over many files
mkdir -p ignored
{
  for i in $(seq 1 20); do printf '%s\n' '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'; done
  printf '%s\n' '**/**/**/**/**/**/**/**/**/**/**/**/**/**/x'
} > ignored/.gitignore
for i in $(seq 1 200); do printf 'const a = `${host}:${port}`;\n' > "ignored/$(printf 'a%.0s' $(seq 1 60))$i.js"; done

# links: a loop and an in-root link to a folder with a fixable manifest
mkdir -p loop
ln -s ../loop loop/self
mkdir -p k8s
printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n' > k8s/svc.yaml
ln -s k8s k8s-link
ln -s k8s/svc.yaml svc-link.yaml
echo "hostile tree in $dir"
