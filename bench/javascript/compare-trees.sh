#!/usr/bin/env bash
# Tree-shape check against @babel/parser (estree plugin) on real code: per file, counts of CallExpression,
# NewExpression, ArrowFunctionExpression, MemberExpression and TemplateLiteral in value positions must agree.
# Usage: bench/javascript/compare-trees.sh FOLDER   (run run.sh first, or have node_modules/@babel/parser installed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
folder="${1:?usage: compare-trees.sh FOLDER}"
export V6_ARTIFACTS="${V6_ARTIFACTS:-/tmp/v6-javascript-bench}"
[ -f "$here/node_modules/@babel/parser/package.json" ] || (cd "$here" && npm install --no-save --silent @babel/parser@7 >/dev/null)
list="$here/files.list"
find "$folder" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) \
  -not -path '*/node_modules/*' -not -name '*.min.js' | LC_ALL=C sort > "$list"
dotnet build -c Release "$here/ParseBench.csproj" -v q -nologo >/dev/null
tmp="$(mktemp -d)"
dotnet "$V6_ARTIFACTS/bin/ParseBench/release/ParseBench.dll" "$folder" --list "$list" --counts > "$tmp/ours.tsv"
node "$here/babel-parse.js" "$list" --counts > "$tmp/babel.tsv"
python3 - "$tmp/ours.tsv" "$tmp/babel.tsv" <<'PY'
import sys
ours = {l.split('\t')[0]: l.rstrip('\n').split('\t')[1:] for l in open(sys.argv[1])}
babel = {l.split('\t')[0]: l.rstrip('\n').split('\t')[1:] for l in open(sys.argv[2])}
names = ['Call', 'New', 'Arrow', 'Member', 'Template']
diff = [f for f in babel if ours.get(f) != babel[f]]
print(f'compared {len(babel)} files (babel parsed them); {len(diff)} differ')
for f in diff:
    o, b = ours.get(f), babel[f]
    print(f, ' '.join(f'{n}:{x}/{y}' for n, x, y in zip(names, o or ['-'] * 5, b) if x != y))
PY
rm -rf "$tmp"
