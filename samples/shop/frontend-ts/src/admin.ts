import express from 'express';
import { promises as dnsPromises } from 'node:dns';

const ADMIN_PORT = 9090;

export function startAdmin(): void {
  const admin = express();

  admin.get('/peers', async (_req, res) => {
    const addresses = await dnsPromises.resolve4('frontend-headless'); // v6ready-expect: V6009
    res.json(addresses);
  });

  admin.listen(ADMIN_PORT, '127.0.0.1'); // v6ready-expect: V6002
}

@sealed
export class AdminConfig {
  constructor(private readonly port: number = ADMIN_PORT, public bindAll?: boolean) {}

  describe<T extends object>(extra?: T): string {
    return JSON.stringify({ port: this.port, ...(extra ?? {}) } satisfies Record<string, unknown>);
  }
}

function sealed<T extends { new (...args: any[]): {} }>(ctor: T): T {
  Object.seal(ctor);
  return ctor;
}

export enum Mode {
  Off = 0,
  On = 1 << 0,
}

export namespace Admin {
  export const version = '1.0.0.0';
}
