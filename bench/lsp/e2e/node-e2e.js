// End-to-end test with the LSP client libraries VS Code's language client is built on (vscode-jsonrpc,
// vscode-languageserver-protocol, vscode-languageserver-textdocument), run by .ci/e2e-lsp.sh:
//   node node-e2e.js -- SERVER_CMD... -- FILE:RULE ...
// Announces pull diagnostics (as VS Code does), so the server is asked with textDocument/diagnostic. For each FILE:
// open it, pull until RULE is reported, hover it, request the code actions, apply the preferred one with
// TextDocument.applyEdits, send the change, and pull again until the list is empty.
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const fs = require('fs');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { pathToFileURL } = require('url');

const argv = process.argv.slice(2);
const sep = argv.indexOf('--', 1);
const serverCmd = argv.slice(argv[0] === '--' ? 1 : 0, sep);
const cases = argv.slice(sep + 1).map(a => { const m = /^(.+):(V\d{4})$/.exec(a); return { file: path.resolve(m[1]), rule: m[2] }; });

const proc = spawn(serverCmd[0], serverCmd.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = lsp.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
const pushed = [];
connection.onNotification(lsp.PublishDiagnosticsNotification.type, p => pushed.push(p));
connection.onRequest(lsp.RegistrationRequest.type, () => null);
connection.listen();

const languageIds = { '.yaml': 'yaml', '.yml': 'yaml', '.go': 'go', '.js': 'javascript', '.ts': 'typescript' };
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function pull(uri, until) {
  for (let i = 0; i < 600; i++) {
    const report = await connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } });
    if (report.kind === 'full' && until(report.items)) return report.items;
    await sleep(50);
  }
  throw new Error(`${uri}: diagnostics never matched`);
}

async function check({ file, rule }) {
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const languageId = languageIds[path.extname(file)] || (path.basename(file).startsWith('Dockerfile') ? 'dockerfile' : 'plaintext');
  let doc = TextDocument.create(uri, languageId, 1, text);
  connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  const items = await pull(uri, items => items.some(d => d.code === rule));
  const diag = items.find(d => d.code === rule);
  if (!diag.codeDescription || !diag.codeDescription.href.endsWith(`${rule}.md`)) throw new Error(`${file}: no link to the rule's page`);

  const hover = await connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: diag.range.start });
  if (!hover || !hover.contents.value.includes('**Why:**')) throw new Error(`${file}: hover without the why`);

  const actions = await connection.sendRequest(lsp.CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
  const action = actions.find(a => a.isPreferred);
  if (!action) throw new Error(`${file}: no preferred code action among ${actions.map(a => a.title).join(', ')}`);
  if (!actions.some(a => a.title.startsWith(`Suppress ${rule}`))) throw new Error(`${file}: no suppress action`);
  const newText = TextDocument.applyEdits(doc, action.edit.changes[uri]);
  doc = TextDocument.create(uri, languageId, 2, newText);
  connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: newText }] });
  await pull(uri, items => items.length === 0);
  connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  console.log(`ok   ${path.basename(file)}: ${rule} → '${action.title}' → no diagnostics`);
}

(async () => {
  let passed = 0, failed = 0;
  const init = await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(process.cwd()).href,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } },
  });
  if (!init.capabilities.diagnosticProvider) throw new Error('the server did not offer pull diagnostics');
  connection.sendNotification(lsp.InitializedNotification.type, {});
  for (const c of cases) {
    try { await check(c); passed++; } catch (e) { failed++; console.log(`FAIL ${e.message}`); }
  }
  if (pushed.length) { failed++; console.log(`FAIL the server pushed ${pushed.length} diagnostics to a pull client`); }
  await connection.sendRequest(lsp.ShutdownRequest.type);
  connection.sendNotification(lsp.ExitNotification.type);
  const code = await new Promise(r => proc.on('exit', r));
  if (code !== 0) { failed++; console.log(`FAIL the server exited with ${code} after shutdown+exit`); }
  console.log(`node e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
})().catch(e => { console.log(`FAIL ${e.stack}`); process.exit(1); });
