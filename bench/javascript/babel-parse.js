// Parses the files listed in LISTFILE with @babel/parser (plugins by extension: typescript, jsx) and prints the
// same summary line as the C# harness: files, failed, bytes, seconds (per repetition), MBps.
// Usage: node babel-parse.js LISTFILE [--repeat N] [--quiet]
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@babel/parser');

const args = process.argv.slice(2);
const list = fs.readFileSync(args[0], 'utf8').split('\n').filter(Boolean);
const repeatIndex = args.indexOf('--repeat');
const repeat = repeatIndex >= 0 ? Number(args[repeatIndex + 1]) : 1;
const quiet = args.includes('--quiet');

function options(file) {
  const f = file.toLowerCase();
  const ts = /\.(ts|mts|cts|tsx)$/.test(f);
  const plugins = [];
  if (ts) plugins.push(['typescript', { dts: f.endsWith('.d.ts') }]);
  if (!ts || f.endsWith('.tsx')) plugins.push('jsx');
  plugins.push('decorators-legacy');
  return {
    sourceType: 'unambiguous',
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    errorRecovery: false,
    plugins,
  };
}

const texts = list.map((f) => [f, fs.readFileSync(f, 'utf8'), options(f)]);
const bytes = texts.reduce((n, [, t]) => n + Buffer.byteLength(t, 'utf8'), 0);

if (args.includes('--counts')) {
  // Per-file ESTree node counts (value-level nodes only: type annotations are skipped, as the V6Ready tree does).
  for (const [file, text, opts] of texts) {
    const counts = { CallExpression: 0, NewExpression: 0, ArrowFunctionExpression: 0, MemberExpression: 0, TemplateLiteral: 0 };
    let ast;
    try { ast = parse(text, { ...opts, plugins: [...opts.plugins, 'estree'] }); } catch { continue; }
    const stack = [ast.program];
    while (stack.length) {
      const n = stack.pop();
      if (!n || typeof n.type !== 'string') continue;
      if (n.type.startsWith('TS') && n.type !== 'TSAsExpression' && n.type !== 'TSNonNullExpression' && n.type !== 'TSSatisfiesExpression' &&
          n.type !== 'TSTypeAssertion' && n.type !== 'TSInstantiationExpression' && n.type !== 'TSEnumDeclaration' && n.type !== 'TSEnumMember' &&
          n.type !== 'TSModuleDeclaration' && n.type !== 'TSModuleBlock' && n.type !== 'TSExportAssignment' && n.type !== 'TSImportEqualsDeclaration' &&
          n.type !== 'TSExternalModuleReference' && n.type !== 'TSParameterProperty' && n.type !== 'TSDeclareFunction' && n.type !== 'TSAbstractMethodDefinition') continue;
      if (n.type in counts) counts[n.type]++;
      for (const k of Object.keys(n)) {
        if (k === 'typeAnnotation' || k === 'returnType' || k === 'typeParameters' || k === 'typeArguments' || k === 'superTypeParameters' || k === 'implements' || k === 'loc') continue;
        const v = n[k];
        if (Array.isArray(v)) for (const c of v) stack.push(c);
        else if (v && typeof v === 'object' && typeof v.type === 'string') stack.push(v);
      }
    }
    console.log([file, counts.CallExpression, counts.NewExpression, counts.ArrowFunctionExpression, counts.MemberExpression, counts.TemplateLiteral].join('\t'));
  }
  process.exit(0);
}

// warm-up
for (const [, text, opts] of texts.slice(0, 50)) { try { parse(text, opts); } catch { /* counted below */ } }

const failures = [];
const start = process.hrtime.bigint();
for (let r = 0; r < repeat; r++) {
  for (const [file, text, opts] of texts) {
    try {
      parse(text, opts);
    } catch (e) {
      if (r === 0) failures.push(`${file}:${e.loc ? e.loc.line : 0}: ${e.message}`);
    }
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9 / repeat;
if (!quiet) for (const f of failures) console.log('FAIL ' + f);
console.log(`files=${texts.length} failed=${failures.length} bytes=${bytes} seconds=${seconds.toFixed(3)} MBps=${(bytes / 1e6 / seconds).toFixed(2)}`);
