/**
 * Initial load and an order webhook stream against the Dataverse emulator running the real service protection
 * limits scaled down in time (`scaledLimits(1/60)`: same shape, 100 requests per 5 s window = 20 requests/s):
 *   npx tsx test/bench/initial-load.bench.ts [--full] [--json]
 * Default: 2,000 customers and 6,000 orders (fits well under 5 minutes on 2 cores); --full: 10,000 / 30,000.
 * Each scenario also runs a one-request-per-record baseline (plain fetch, one PATCH/POST per record, as generic
 * workflow tools do) in the same process against a fresh emulator; the baseline is time-boxed (its rate is
 * steady: the request limit binds), the connector runs the whole data set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClarityClient, type Customer, type Order } from '../../plugin-proxy/src/clients/clarity';
import { createDataverseClient } from '../../plugin-proxy/src/clients/dataverse';
import { DEFAULT_MAPPINGS_DIR } from '../../plugin-proxy/src/config';
import type { FlowDeps } from '../../plugin-proxy/src/flows/deps';
import { applyOrderToDataverse } from '../../plugin-proxy/src/flows/order';
import { runInitialLoad } from '../../plugin-proxy/src/load/initial-load';
import { formatProgress } from '../../plugin-proxy/src/load/progress';
import { createLogger } from '../../plugin-proxy/src/logger';
import { loadMappings } from '../../plugin-proxy/src/mapping';
import { openStore } from '../../plugin-proxy/src/store/open-store';
import { buildClarityEmulator } from '../../sandbox/src/clarity';
import { ceilingRequestsPerSecond, scaledLimits } from '../../sandbox/src/dataverse/limits';
import { startDataverse, type RunningDataverse } from '../../sandbox/src/dataverse/test-support/harness';
import { generateDemoData } from '../../sandbox/src/demo';

const FULL = process.argv.includes('--full');
const JSON_OUT = process.argv.includes('--json');
const CUSTOMERS = FULL ? 10_000 : 2_000;
const ORDERS_PER_CUSTOMER = 3;
const BASELINE_SECONDS = 15;
const STREAM_EVENTS = FULL ? 600 : 300;
const LIMITS = scaledLimits(1 / 60);
const CEILING_REQ_S = ceilingRequestsPerSecond(LIMITS);

interface Result {
  scenario: string; baseline_rps: number; connector_rps: number; ratio: number; ceiling_rps: number; ceiling_pct: number; peak_rss_mb: number; failed: number;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function emulators(data: ReturnType<typeof generateDemoData>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const dv = await startDataverse({ limits: LIMITS });
  const clarity = await buildClarityEmulator({ rateLimit: false });
  const clarityUrl = await clarity.app.listen({ port: 0, host: '127.0.0.1' });
  clarity.state.seed(data.clarity);
  const store = await openStore({ sqliteFile: path.join(dir, 'store.db') });
  const deps: FlowDeps = {
    store,
    dataverse: createDataverseClient({
      url: dv.url, authority: `https://localhost:${new URL(dv.url).port}/sandbox`, clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', ca: dv.caPem,
      limits: { requestsPerWindow: LIMITS.maxRequests, windowMs: LIMITS.windowMs, executionMsPerWindow: LIMITS.maxExecutionMs },
    }),
    clarity: createClarityClient({ baseUrl: `${clarityUrl}/api/v1`, apiKey: 'clr_test_sandbox' }),
    mappings: loadMappings(DEFAULT_MAPPINGS_DIR),
    now: () => new Date(),
    logger: createLogger({ level: 'silent' }),
  };
  return {
    dv, deps, clarity,
    async close() {
      await Promise.allSettled([deps.dataverse.close(), deps.clarity.close()]);
      await store.close();
      await clarity.close();
      await dv.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The baseline: one request per record with plain fetch, retrying a 429 after its Retry-After (as n8n/Zapier do). */
async function baseline(dv: RunningDataverse, requests: AsyncIterable<{ method: string; path: string; body: unknown }> | Iterable<{ method: string; path: string; body: unknown }>, seconds: number) {
  const start = performance.now();
  let done = 0;
  let failed = 0;
  for await (const r of requests) {
    if (performance.now() - start > seconds * 1000) break;
    for (let attempt = 0; ; attempt++) {
      const res = await dv.request(r.path, { method: r.method, body: JSON.stringify(r.body) });
      await res.arrayBuffer();
      if (res.status === 429 && attempt < 10) {
        await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
        continue;
      }
      if (res.ok) done++;
      else failed++;
      break;
    }
  }
  return { rps: done / ((performance.now() - start) / 1000), failed };
}

const contactBody = (c: Customer) => ({ firstname: c.firstName, lastname: c.lastName, emailaddress1: c.email, telephone1: c.phone ?? null, clar_clarityid: c.customerId });
const orderBody = (o: Order) => ({
  name: `Order ${o.orderNumber}`, clar_clarityorderid: o.orderId, ...(o.customerId ? { 'customerid_contact@odata.bind': `/contacts(clar_clarityid='${o.customerId}')` } : {}),
  order_details: o.lineItems.map((l) => ({ isproductoverridden: true, productdescription: `${l.name} (${l.sku})`.slice(0, 500), quantity: l.quantity, priceperunit: Number(l.unitPrice) })),
});

function report(r: Result): void {
  const f = (n: number) => n.toFixed(1);
  console.log(`${r.scenario}: baseline ${f(r.baseline_rps)} records/s, connector ${f(r.connector_rps)} records/s, ratio ${r.ratio.toFixed(2)}x; ` +
    `ceiling ${f(r.ceiling_rps)} records/s (${CEILING_REQ_S} requests/s x records/request), ${f(r.ceiling_pct)}% of it; peak RSS ${r.peak_rss_mb} MB; failed ${r.failed}`);
}

async function initialLoad(data: ReturnType<typeof generateDemoData>): Promise<Result> {
  const records = data.clarity.customers!.length + data.clarity.orders!.length;
  // Baseline: contacts by key, then orders (deep insert with write-in lines), one request each, time-boxed.
  const b = await emulators(data);
  let base: { rps: number; failed: number };
  try {
    const customers = data.clarity.customers!;
    const half = BASELINE_SECONDS / 2;
    const c = await baseline(b.dv, customers.map((x) => ({ method: 'PATCH', path: `contacts(clar_clarityid='${x.customerId}')`, body: contactBody(x) })), half);
    const o = await baseline(b.dv, data.clarity.orders!.filter((x) => customers.slice(0, Math.round(c.rps * half)).some((k) => k.customerId === x.customerId)).map((x) => ({ method: 'POST', path: 'salesorders', body: orderBody(x) })), half);
    base = { rps: (c.rps + o.rps) / 2, failed: c.failed + o.failed };
  } finally {
    await b.close();
  }
  const e = await emulators(data);
  try {
    const start = performance.now();
    let line = '';
    const summary = await runInitialLoad(e.deps, {
      totals: { customers: data.clarity.customers!.length, products: data.clarity.products!.length, orders: data.clarity.orders!.length },
      onProgress: (p) => {
        line = formatProgress(p);
        if (process.stdout.isTTY && !JSON_OUT) process.stdout.write(`\r\x1b[2K${line}`);
      },
    });
    if (process.stdout.isTTY && !JSON_OUT) process.stdout.write('\n');
    const seconds = (performance.now() - start) / 1000;
    const written = records + data.clarity.products!.length;
    const stats = e.deps.dataverse.stats();
    const rps = written / seconds;
    const ceiling = CEILING_REQ_S * (written / Math.max(1, stats.requests));
    console.log(`initial load: ${written} records in ${seconds.toFixed(1)} s, ${stats.requests} Dataverse requests (${stats.throttled} throttled), last: ${line}`);
    return { scenario: FULL ? 'initial-load-full' : 'initial-load', baseline_rps: base.rps, connector_rps: rps, ratio: rps / base.rps, ceiling_rps: ceiling, ceiling_pct: (100 * rps) / ceiling, peak_rss_mb: peakRssMb(), failed: summary.failed.length + base.failed };
  } finally {
    await e.close();
  }
}

/** A steady stream of order.created events for customers already in Dynamics: the flow per event (8 workers) vs one POST each. */
async function orderStream(data: ReturnType<typeof generateDemoData>): Promise<Result> {
  const orders = data.clarity.orders!.slice(0, STREAM_EVENTS);
  const withCustomers = { ...data, clarity: { ...data.clarity, orders: [] } };
  const b = await emulators(withCustomers);
  let base: { rps: number; failed: number };
  try {
    await runInitialLoad(b.deps, { entities: ['customers'] });
    base = await baseline(b.dv, orders.map((x) => ({ method: 'POST', path: 'salesorders', body: orderBody(x) })), BASELINE_SECONDS);
  } finally {
    await b.close();
  }
  const e = await emulators(withCustomers);
  try {
    await runInitialLoad(e.deps, { entities: ['customers', 'products'] });
    const before = e.deps.dataverse.stats().requests;
    const start = performance.now();
    let next = 0;
    let failed = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let o = orders[next++]; o; o = orders[next++]) await applyOrderToDataverse(e.deps, o, 'order.created').catch(() => void failed++);
    }));
    const seconds = (performance.now() - start) / 1000;
    const requests = e.deps.dataverse.stats().requests - before;
    const rps = orders.length / seconds;
    const ceiling = CEILING_REQ_S * (orders.length / Math.max(1, requests));
    console.log(`order stream: ${orders.length} events in ${seconds.toFixed(1)} s, ${requests} Dataverse requests (${(requests / orders.length).toFixed(1)} per event)`);
    return { scenario: 'order-webhook-stream', baseline_rps: base.rps, connector_rps: rps, ratio: rps / base.rps, ceiling_rps: ceiling, ceiling_pct: (100 * rps) / ceiling, peak_rss_mb: peakRssMb(), failed: failed + base.failed };
  } finally {
    await e.close();
  }
}

async function main(): Promise<void> {
  const data = generateDemoData({ customers: CUSTOMERS, ordersPerCustomer: ORDERS_PER_CUSTOMER, seed: 11, crmOnly: 0 });
  console.log(`limits: ${LIMITS.maxRequests} requests / ${LIMITS.windowMs} ms window (scaledLimits(1/60)), ceiling ${CEILING_REQ_S} requests/s per user; ` +
    `${data.clarity.customers!.length} customers, ${data.clarity.orders!.length} orders, ${data.clarity.products!.length} products${FULL ? '' : ' (--full: 10,000 / 30,000)'}`);
  const results: Result[] = [];
  for (const run of [initialLoad, orderStream]) {
    const r = await run(data);
    report(r);
    results.push(r);
  }
  if (JSON_OUT) console.log(results.map((r) => JSON.stringify(r)).join(' '));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
