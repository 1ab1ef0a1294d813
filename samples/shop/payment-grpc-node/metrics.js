'use strict';

const dgram = require('dgram');
const dns = require('dns');
const os = require('os');

const STATSD_HOST = process.env.STATSD_HOST || 'statsd';
const STATSD_PORT = Number(process.env.STATSD_PORT || 8125);

// statsd over UDP
const socket = dgram.createSocket('udp4'); // v6ready-expect: V6007
const statsdAddress = `${STATSD_HOST}:${STATSD_PORT}`; // v6ready-expect: V6005

function increment(name) {
  const payload = Buffer.from(`${name}:1|c`);
  socket.send(payload, STATSD_PORT, STATSD_HOST);
}

// Finds the address other services should use to reach us.
function localAddress(callback) {
  const probe = dgram.createSocket({ type: 'udp4' }); // v6ready-expect: V6007
  probe.connect(53, '8.8.8.8', () => { // v6ready-expect: V6004
    const { address } = probe.address();
    probe.close();
    callback(address);
  });
}

function resolvePeers(name, callback) {
  dns.resolve4(name, (err, addresses) => callback(err, addresses)); // v6ready-expect: V6009
}

function peerUrl(peerHost, peerPort) {
  return 'http://' + peerHost + ':' + peerPort + '/metrics'; // v6ready-expect: V6005
}

function splitTarget(target) {
  const [host, port] = target.split(':'); // v6ready-expect: V6006
  return { host, port: Number(port) };
}

// Dual-stack forms: nothing to report.
function hostnameLabel() {
  const now = new Date();
  const time = `${now.getHours()}:${now.getMinutes()}`;
  return `${os.hostname()} at ${time}`;
}

module.exports = { increment, localAddress, resolvePeers, peerUrl, splitTarget, hostnameLabel, statsdAddress };
