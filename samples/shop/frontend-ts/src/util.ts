import { isIP, isIPv4 } from 'node:net';
import type { Request } from 'express';

export function formatPrice(usd: number): string {
  return `$${usd.toFixed(2)}`;
}

// Accepts either family: nothing to report.
export function clientAddress(req: Request): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  const first = Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0]?.trim();
  if (first && isIP(first) !== 0) return first;
  return req.socket.remoteAddress;
}

// Picks the family for logging only; both branches are handled.
export function familyOf(address: string): 4 | 6 {
  return isIPv4(address) ? 4 : 6;
}

// A time and a log line with colons are not host:port joins.
export function stamp(d: Date): string {
  const hours = d.getHours();
  const minutes = d.getMinutes();
  return `${hours}:${minutes} level: ${'info'}`;
}

export const VERSION = '2.4.1.0';
export const ZERO = '0.0.0.0 is not used here';
