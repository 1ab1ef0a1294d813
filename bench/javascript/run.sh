#!/usr/bin/env bash
# Parser throughput and failure count: V6Ready's JS/TS parser against @babel/parser, same files, same run.
# Usage: bench/javascript/run.sh FOLDER [REPEAT]
#   FOLDER: a tree of real JS/TS code (e.g. clones of expressjs/express, open-telemetry/opentelemetry-js, vuejs/core,
#           grpc/grpc-node, fastify/fastify, GoogleCloudPlatform/microservices-demo); node_modules and *.min.js are skipped.
# Needs node and npm (installs @babel/parser into bench/javascript/node_modules, which is not committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
folder="${1:?usage: run.sh FOLDER [REPEAT]}"
repeat="${2:-3}"
export V6_ARTIFACTS="${V6_ARTIFACTS:-/tmp/v6-javascript-bench}"

if [ ! -f "$here/node_modules/@babel/parser/package.json" ]; then
  (cd "$here" && npm install --no-save --silent @babel/parser@7 >/dev/null)
fi
list="$here/files.list"
find "$folder" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) \
  -not -path '*/node_modules/*' -not -name '*.min.js' | LC_ALL=C sort > "$list"

dotnet build -c Release "$here/ParseBench.csproj" -v q -nologo >/dev/null
dll="$V6_ARTIFACTS/bin/ParseBench/release/ParseBench.dll"

echo "== V6Ready parser"
ours=$(DOTNET_TieredPGO=0 DOTNET_TieredCompilation=0 dotnet "$dll" "$folder" --list "$list" --repeat "$repeat")
echo "$ours"
echo "== @babel/parser $(node -e "console.log(require('$here/node_modules/@babel/parser/package.json').version)")"
theirs=$(node "$here/babel-parse.js" "$list" --repeat "$repeat")
echo "$theirs"

mbps() { sed -E 's/.*MBps=([0-9.]+).*/\1/' <<<"$(tail -1 <<<"$1")"; }
failed() { sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$(tail -1 <<<"$1")"; }
echo "== summary"
awk -v a="$(mbps "$ours")" -v b="$(mbps "$theirs")" -v fa="$(failed "$ours")" -v fb="$(failed "$theirs")" \
  'BEGIN { printf "throughput ratio (V6Ready / babel): %.2f  (%.2f vs %.2f MB/s); failures: V6Ready %d, babel %d\n", a / b, a, b, fa, fb }'

# The conformance oracle: Esprima (.NET) on the plain JavaScript files, same process, same texts.
echo "== Esprima 3.0.6 as the conformance oracle (plain .js/.mjs/.cjs)"
DOTNET_TieredPGO=0 DOTNET_TieredCompilation=0 dotnet "$dll" "$folder" --list "$list" --repeat "$repeat" --esprima --quiet
