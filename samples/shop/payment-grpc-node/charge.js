'use strict';

const net = require('net');

// Cards we accept, by prefix.
const CARD_TYPES = { visa: /^4/, mastercard: /^5[1-5]/ };

// The fraud check keeps a block list of client addresses.
const CLIENT_IP_RE = /^(\d{1,3}\.){3}\d{1,3}$/; // v6ready-expect: V6008
const blocked = new Set((process.env.BLOCKED_IPS || '').split(',').filter(Boolean));

function validateClientIp(ip) {
  if (!net.isIPv4(ip)) { // v6ready-expect: V6008
    throw new Error(`invalid client address ${ip}`);
  }
  return !blocked.has(ip);
}

function looksLikeAddress(value) {
  return CLIENT_IP_RE.test(value);
}

// A dual-stack check: both families accepted, nothing to report.
function isAddress(value) {
  return net.isIPv4(value) || net.isIPv6(value);
}

function cardType(number) {
  for (const [name, re] of Object.entries(CARD_TYPES)) {
    if (re.test(number)) return name;
  }
  return 'unknown';
}

function charge(request) {
  const { amount, credit_card: card, client_ip: clientIp } = request;
  if (clientIp && isAddress(clientIp) && !validateClientIp(clientIp)) {
    throw new Error('client blocked');
  }
  const type = cardType(card.credit_card_number);
  if (type === 'unknown') throw new Error('unsupported card');
  const expires = `${card.credit_card_expiration_month}:${card.credit_card_expiration_year}`;
  return { transaction_id: `${type}-${Date.now()}`, amount, expires, checked: looksLikeAddress(clientIp || '') };
}

module.exports = { charge, validateClientIp };
