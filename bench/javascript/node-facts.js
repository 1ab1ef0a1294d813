// Measures the Node.js binding facts the JavaScript rules rest on (see rules/V6001.md, V6002.md, V6007.md):
// which listen() forms accept IPv4 and IPv6 clients, and how a udp6 socket treats IPv4 peers. Run: node node-facts.js
const net = require('net'); const dgram = require('dgram');
async function tryConnect(port, host) {
  return new Promise((res) => { const s = net.connect({ port, host }, () => { s.destroy(); res('ok'); }); s.on('error', (e) => res(e.code)); });
}
async function tcp(label, listenArgs) {
  const srv = net.createServer((c) => c.end());
  await new Promise((r, j) => { srv.on('error', j); srv.listen(...listenArgs, r); });
  const port = srv.address().port;
  console.log(`tcp listen ${label}: bound ${srv.address().address}; connect 127.0.0.1 -> ${await tryConnect(port, '127.0.0.1')}, ::1 -> ${await tryConnect(port, '::1')}`);
  srv.close();
}
async function udp6() {
  const s = dgram.createSocket('udp6');
  await new Promise((r) => s.bind(0, '::', r));
  const port = s.address().port;
  const got = new Promise((r) => s.once('message', (m, rinfo) => r(rinfo.address)));
  const c = dgram.createSocket('udp4'); c.send('x', port, '127.0.0.1');
  console.log(`udp6 bound '::' receives from IPv4 client: rinfo.address=${await Promise.race([got, new Promise(r => setTimeout(() => r('timeout'), 1000))])}`);
  const e = await new Promise((r) => s.send('x', 9, '127.0.0.1', (err) => r(err ? err.code : 'sent')));
  console.log(`udp6 socket send to '127.0.0.1': ${e}`);
  s.close(); c.close();
}
(async () => {
  await tcp('(no host)', [0]);
  await tcp("'0.0.0.0'", [0, '0.0.0.0']);
  await tcp("'::'", [0, '::']);
  await tcp("'localhost'", [0, 'localhost']);
  await tcp("{host:'0.0.0.0'}", [{ port: 0, host: '0.0.0.0' }]);
  await udp6();
  console.log(process.version);
})();
