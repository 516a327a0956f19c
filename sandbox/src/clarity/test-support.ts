/** Helpers for the emulator's integration tests: a running emulator on 127.0.0.1:0 and a webhook receiver. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildClarityEmulator, type ClarityEmulator } from './app';
import type { ClarityEmulatorOptions } from './options';
import type { ClarityDataset, Customer, InventoryLevel, Product } from './types';

export const KEY = 'clr_test_sandbox';

export interface Running {
  emu: ClarityEmulator;
  base: string;
  call(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; token?: string | null; raw?: string }): Promise<Res>;
}
export interface Res { status: number; headers: Headers; body: any; text: string } // eslint-disable-line @typescript-eslint/no-explicit-any

export async function startEmulator(options: ClarityEmulatorOptions = {}, dataset: ClarityDataset = demoDataset()): Promise<Running> {
  const emu = await buildClarityEmulator({ rateLimit: false, ...options });
  emu.state.seed(dataset);
  const base = await emu.app.listen({ port: 0, host: '127.0.0.1' });
  let n = 0;
  return {
    emu, base,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? KEY}` }) };
      if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json';
      for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
      if (method === 'POST' && ['/orders', '/customers'].includes(path) && !headers['idempotency-key']) headers['idempotency-key'] = `test-${++n}-${Date.now()}`;
      const r = await fetch(`${base}${path.startsWith('/oauth') ? '' : '/api/v1'}${path}`, {
        method, headers, body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      });
      const text = await r.text();
      let body: unknown = undefined;
      try { body = text ? JSON.parse(text) : undefined; } catch { body = text; }
      return { status: r.status, headers: r.headers, body, text };
    },
  };
}

export const T0 = '2025-01-01T00:00:00Z';

export function customer(i: number, extra: Partial<Customer> = {}): Customer {
  const t = new Date(Date.parse(T0) + i * 1000).toISOString();
  return {
    customerId: `cus_${1000 + i}`, firstName: `First${i}`, lastName: `Last${i}`, email: `user${i}@example.com`,
    shippingAddresses: [], billingAddresses: [], accountStatus: 'active', loyaltyPoints: 0,
    createdAt: t, updatedAt: t, version: 1, ...extra,
  };
}

export function demoDataset(): ClarityDataset {
  const product = (sku: string, productId: string, name: string, price: string): Product =>
    ({ sku, productId, name, price, currency: 'USD', active: true, requiresShipping: true, updatedAt: T0, createdAt: T0, version: 1 });
  const level = (sku: string, productId: string, onHand: number, allocated: number): InventoryLevel =>
    ({ sku, productId, locationId: 'loc_austin', onHand, allocated, available: onHand - allocated, updatedAt: T0, version: 30 });
  return {
    locations: ['loc_austin'],
    products: [product('WID-100-BLU', 'prd_5512', 'Widget 100 - Blue', '24.99'), product('GAD-200', 'prd_6120', 'Gadget 200', '39.95')],
    // Chosen so the spec §4.6 order moves WID-100-BLU exactly as the §4.7 event example shows.
    inventory: [level('WID-100-BLU', 'prd_5512', 50, 2), level('GAD-200', 'prd_6120', 10, 0)],
    customers: [{
      ...customer(0), customerId: 'cus_2001', firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@example.com',
      phone: '+15125550142', loyaltyPoints: 1250, loyaltyTier: 'gold', version: 7,
    }],
  };
}

export interface Received { headers: http.IncomingHttpHeaders; body: string }

/** A local webhook receiver; `respond` picks the status for the nth request (1-based). */
export async function startReceiver(respond: (n: number, r: Received) => number | { status: number; headers?: Record<string, string> } = () => 200) {
  const received: Received[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const out = respond(received.length, r);
      const o = typeof out === 'number' ? { status: out } : out;
      res.writeHead(o.status, o.headers ?? {}).end();
      for (const w of waiters.filter((x) => received.length >= x.n)) w.resolve();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url, received,
    /** Resolves once n requests have arrived. */
    waitFor: (n: number) => new Promise<void>((resolve) => (received.length >= n ? resolve() : waiters.push({ n, resolve }))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
