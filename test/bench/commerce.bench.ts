/**
 * The commerce benchmarks (issue #4): an initial load of customers and orders, and a steady webhook stream of
 * order events, each against a Dataverse emulator (in its own process) running the real service protection
 * limits scaled down in time (`scaledLimits(1/60)`: the same shape over a 5 s window — 100 requests, 20 s of
 * execution, 52 concurrent — so the same sustained rates as the real 6,000 / 20 min / 52 per 5 min):
 *   npx tsx test/bench/commerce.bench.ts [--quick] [--json] [--only=load|stream]
 * Default: 10,000 customers and 30,000 orders, a stream of 10,000 order events; --quick: 2,000 / 6,000 / 2,000.
 * Each scenario also runs the one-request-per-record baseline (baseline.ts) in the same run, against a fresh
 * emulator, and prints records/s for both, the ratio, the ceiling one application user can reach under the
 * limits with the connector's request shape (support/ceiling.ts), the share of it reached, peak memory, and
 * records that failed (errors, dead-lettered jobs, or rows missing in Dataverse afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { createClarityClient, type Order } from '../../plugin-proxy/src/clients/clarity';
import { createDataverseClient, type DataverseClient } from '../../plugin-proxy/src/clients/dataverse';
import { DEFAULT_MAPPINGS_DIR, loadConfig } from '../../plugin-proxy/src/config';
import type { FlowDeps } from '../../plugin-proxy/src/flows/deps';
import { runInitialLoad } from '../../plugin-proxy/src/load/initial-load';
import { formatProgress } from '../../plugin-proxy/src/load/progress';
import { createLogger } from '../../plugin-proxy/src/logger';
import { loadMappings } from '../../plugin-proxy/src/mapping';
import { startProxy } from '../../plugin-proxy/src/runtime';
import { openStore } from '../../plugin-proxy/src/store/open-store';
import type { Store } from '../../plugin-proxy/src/store/types';
import { buildClarityEmulator, signStandardWebhook } from '../../sandbox/src/clarity';
import { scaledLimits } from '../../sandbox/src/dataverse/limits';
import { generateDemoData } from '../../sandbox/src/demo';
import { contactRequest, oneRequestPerRecord, orderRequest, type BaselineResult } from './support/baseline';
import { recordCeiling, type Ceiling } from './support/ceiling';
import { startDataverseProcess, type DataverseProcess } from './support/dataverse-process';

const QUICK = process.argv.includes('--quick');
const JSON_OUT = process.argv.includes('--json');
/** `--only=load` or `--only=stream`: one scenario (while working on it). */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const SIZE = QUICK ? { customers: 2_000, orders: 6_000, stream: 2_000 } : { customers: 10_000, orders: 30_000, stream: 10_000 };
const LIMITS_FACTOR = 1 / 60;
const LIMITS = scaledLimits(LIMITS_FACTOR);
const BASELINE_SECONDS = 15;
/** Webhooks offered per second: far above what one user's limits let anyone write, so the connector sets the pace. */
const STREAM_RATE = 1_000;
const WEBHOOK_SECRET = `whsec_${Buffer.from('commerce-bench-webhook-secret').toString('base64')}`;

type Data = ReturnType<typeof generateDemoData>;

interface Result {
  scenario: string;
  baseline_rps: number;
  connector_rps: number;
  ratio: number;
  ceiling_rps: number;
  ceiling_pct: number;
  peak_rss_mb: number;
  failed: number;
}

/** Peak resident memory of this process (connector side, with the Clarity emulator and the data) from now on. */
function rssPeak(): { mb: () => number } {
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 50);
  timer.unref();
  return {
    mb() {
      clearInterval(timer);
      sample();
      return Math.round(peak / 1024 / 1024);
    },
  };
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** How busy each process was over a phase: which one, if any, was the bottleneck. */
async function cpuShare(dv: DataverseProcess, since: { connector: number; emulator: number; at: number }): Promise<string> {
  const wall = performance.now() - since.at;
  const pct = (ms: number) => `${Math.round((100 * ms) / wall)}%`;
  return `CPU busy: connector process ${pct(cpuMs() - since.connector)}, emulator process ${pct((await dv.cpuMs()) - since.emulator)}`;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => console.log(line);

function dataverseClient(dv: DataverseProcess): DataverseClient {
  return createDataverseClient({
    url: dv.url, authority: dv.authority, clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', ca: dv.caPem,
    // The client paces itself for the limits the emulator enforces (the real values, scaled).
    limits: { requestsPerWindow: LIMITS.maxRequests, windowMs: LIMITS.windowMs, executionMsPerWindow: LIMITS.maxExecutionMs },
  });
}

async function clarityWith(data: Data) {
  const clarity = await buildClarityEmulator({ rateLimit: false });
  const url = await clarity.app.listen({ port: 0, host: '127.0.0.1' });
  clarity.state.seed(data.clarity);
  return { clarity, apiUrl: `${url}/api/v1` };
}

function flowDeps(store: Store, dataverse: DataverseClient, clarityApiUrl: string): FlowDeps {
  return {
    store, dataverse, clarity: createClarityClient({ baseUrl: clarityApiUrl, apiKey: 'clr_test_sandbox' }),
    mappings: loadMappings(DEFAULT_MAPPINGS_DIR), now: () => new Date(), logger: createLogger({ level: 'silent' }),
  };
}

/**
 * Customers (and products) into an emulator before a stream, through the connector's load; not timed. With a
 * running proxy it uses the proxy's store and Dataverse client, whose pacer then knows these requests too.
 */
async function preload(dv: DataverseProcess, data: Data, entities: ('customers' | 'products')[], proxy?: { store: Store; dataverse: DataverseClient }): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-preload-'));
  const { clarity, apiUrl } = await clarityWith(data);
  const own = proxy ? undefined : { store: await openStore({ sqliteFile: path.join(dir, 'store.db') }), dataverse: dataverseClient(dv) };
  const deps = flowDeps((proxy ?? own)!.store, (proxy ?? own)!.dataverse, apiUrl);
  try {
    const summary = await runInitialLoad(deps, { entities });
    if (summary.failed.length) throw new Error(`preload failed for ${summary.failed.length} records: ${summary.failed[0]?.error}`);
  } finally {
    await deps.clarity.close();
    if (own) {
      await own.dataverse.close();
      await own.store.close();
    }
    await clarity.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function result(scenario: string, base: BaselineResult, run: { records: number; seconds: number; ceiling: Ceiling; peakMb: number; failed: number }): Result {
  const rps = run.records / run.seconds;
  return {
    scenario, baseline_rps: base.rps, connector_rps: rps, ratio: rps / base.rps, ceiling_rps: run.ceiling.recordsPerSecond,
    ceiling_pct: (100 * rps) / run.ceiling.recordsPerSecond, peak_rss_mb: run.peakMb, failed: run.failed,
  };
}

/** The ceiling of a run on `dv` since `before`: the emulator's counts, `writes` from the client. */
async function ceilingOf(dv: DataverseProcess, before: { requests: number; executionMs: number }, records: number, writes: number): Promise<Ceiling> {
  const after = await dv.usage();
  return recordCeiling(LIMITS, { records, writes, admitted: after.requests - before.requests, executionMs: after.executionMs - before.executionMs });
}

/** The baseline on a fresh emulator (after `prepare`, not timed), with its own ceiling (one record per request). */
async function measureBaseline(
  measure: (dv: DataverseProcess) => Promise<BaselineResult>,
  prepare: (dv: DataverseProcess) => Promise<void> = async () => undefined,
): Promise<{ base: BaselineResult; baseCeiling: Ceiling }> {
  const b = await startDataverseProcess(LIMITS_FACTOR);
  try {
    await prepare(b);
    const before = await b.usage();
    const base = await measure(b);
    return { base, baseCeiling: await ceilingOf(b, before, base.records, base.records) };
  } finally {
    await b.close();
  }
}

/** The baseline measured against its own ceiling (one record per request): how close to the limit it runs. */
function baselineShare(base: BaselineResult, c: Ceiling): string {
  return `its own ceiling ${c.recordsPerSecond.toFixed(1)} records/s (${describeCeiling(c)}), ${((100 * base.rps) / c.recordsPerSecond).toFixed(1)}% of it`;
}

function describeCeiling(c: Ceiling): string {
  return `${c.requestsPerSecond.toFixed(1)} requests/s (bound by ${c.bound}; mean request ${c.meanRequestMs.toFixed(0)} ms) x ${c.recordsPerWrite.toFixed(1)} records per write request`;
}

async function initialLoad(data: Data): Promise<Result> {
  const customers = data.clarity.customers!;
  const orders = data.clarity.orders!;
  const products = data.clarity.products!;
  // Baseline: contacts by key, then orders (deep insert), one request each; half the time box for each kind.
  const { base, baseCeiling } = await measureBaseline(async (b) => {
    const c = await oneRequestPerRecord(b, customers.map(contactRequest), BASELINE_SECONDS / 2);
    const loaded = new Set(customers.slice(0, c.records).map((x) => x.customerId));
    const o = await oneRequestPerRecord(b, orders.filter((x) => x.customerId && loaded.has(x.customerId)).map(orderRequest), BASELINE_SECONDS / 2);
    return { records: c.records + o.records, seconds: c.seconds + o.seconds, rps: (c.records + o.records) / (c.seconds + o.seconds), failed: c.failed + o.failed };
  });

  const memory = rssPeak();
  const dv = await startDataverseProcess(LIMITS_FACTOR);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const { clarity, apiUrl } = await clarityWith(data);
  const store = await openStore({ sqliteFile: path.join(dir, 'store.db') });
  const deps = flowDeps(store, dataverseClient(dv), apiUrl);
  try {
    const before = await dv.usage();
    const start = performance.now();
    const cpu0 = { connector: cpuMs(), emulator: await dv.cpuMs(), at: start };
    let line = '';
    const phases: Record<string, number> = {};
    const summary = await runInitialLoad(deps, {
      totals: { customers: customers.length, products: products.length, orders: orders.length },
      onProgress: (p) => {
        phases[p.entity] = (performance.now() - start) / 1000;
        line = formatProgress(p);
        if (process.stdout.isTTY && !JSON_OUT) process.stdout.write(`\r\x1b[2K${line}`);
      },
    });
    if (process.stdout.isTTY && !JSON_OUT) process.stdout.write('\n');
    const seconds = (performance.now() - start) / 1000;
    const busy = await cpuShare(dv, cpu0);
    const after = await dv.usage();
    const stats = deps.dataverse.stats();
    const records = customers.length + products.length + orders.length;
    const ceiling = await ceilingOf(dv, before, records, stats.writes);
    // Whatever the load reports, count what Dataverse holds: a record not there failed.
    const [contacts, salesorders] = await Promise.all([dv.count('contact'), dv.count('salesorder')]);
    const missing = Math.max(0, customers.length - contacts) + Math.max(0, orders.length - salesorders);
    say(`initial load: ${records} records (${customers.length} customers, ${products.length} products, ${orders.length} orders) in ${seconds.toFixed(1)} s; ` +
      `${stats.requests} Dataverse requests (${stats.writes} writes, ${stats.throttled} throttled, ${after.requests - before.requests} admitted by the emulator); phases done at ${JSON.stringify(phases)} s; Dataverse holds ${contacts} contacts, ${salesorders} sales orders; last: ${line}`);
    say(`  ${busy}; ceiling: ${describeCeiling(ceiling)}`);
    say(`  baseline: ${base.records} records in ${base.seconds.toFixed(1)} s, ${base.failed} failed; ${baselineShare(base, baseCeiling)}`);
    return result(QUICK ? 'initial-load-quick' : 'initial-load', base, { records, seconds, ceiling, peakMb: memory.mb(), failed: summary.failed.length + missing + base.failed });
  } finally {
    await Promise.allSettled([deps.dataverse.close(), deps.clarity.close()]);
    await store.close();
    await clarity.close();
    await dv.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What Clarity sends for a new order (clarity-api.md §4.7), signed as Standard Webhooks. */
function orderCreatedWebhook(order: Order, i: number) {
  const id = `evt_bench_${i}`;
  const body = JSON.stringify({ id, type: 'order.created', createdAt: order.createdAt, data: { object: order } });
  const ts = Math.floor(Date.now() / 1000);
  return { body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(WEBHOOK_SECRET, id, ts, body) } };
}

/**
 * A steady stream of order.created webhooks for customers already in Dynamics: offered at STREAM_RATE per second
 * to the proxy's intake (signature check, durable queue), applied by its worker; timed from the first webhook to
 * the last job finished. Baseline: one deep-insert POST per event.
 */
async function orderStream(data: Data): Promise<Result> {
  const events = data.clarity.orders!.filter((o) => o.customerId).slice(0, SIZE.stream);
  // The baseline's orders bind their customer by key: customers go in first (through the connector, not timed).
  const { base, baseCeiling } = await measureBaseline((b) => oneRequestPerRecord(b, events.map(orderRequest), BASELINE_SECONDS), (b) => preload(b, data, ['customers']));

  const memory = rssPeak();
  const dv = await startDataverseProcess(LIMITS_FACTOR);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-stream-'));
  const { clarity, apiUrl } = await clarityWith(data);
  const config = loadConfig({
    PORT: '0', SQLITE_FILE: path.join(dir, 'proxy.db'), LOG_LEVEL: 'silent',
    DATAVERSE_URL: dv.url, DATAVERSE_TENANT_ID: 'sandbox', DATAVERSE_AUTHORITY: dv.authority, DATAVERSE_CLIENT_ID: 'sandbox-connector', DATAVERSE_CLIENT_SECRET: 'sandbox-secret',
    DATAVERSE_WEBHOOK_KEY: 'bench-dataverse-webhook-key', CLARITY_API_URL: apiUrl, CLARITY_API_KEY: 'clr_test_sandbox', CLARITY_WEBHOOK_SECRETS: WEBHOOK_SECRET,
  });
  const proxy = await startProxy(config, { dataverse: dataverseClient(dv) });
  try {
    await preload(dv, data, ['customers', 'products'], proxy);
    // The store's side of the stream (serialising and signing each event, sending it) is not the connector's work:
    // bodies are signed before the clock starts and sent with undici's plain request API.
    const webhooks = events.map((o, i) => orderCreatedWebhook(o, i));
    const sender = new Agent({ connections: 32 });
    const before = { usage: await dv.usage(), stats: proxy.dataverse.stats() };
    const ordersBefore = await dv.count('salesorder');
    const start = performance.now();
    const cpu0 = { connector: cpuMs(), emulator: await dv.cpuMs(), at: start };
    let rejected = 0;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < webhooks.length; i++) {
      const due = start + (i * 1000) / STREAM_RATE;
      if (due > performance.now()) await sleep(due - performance.now());
      const { body, headers } = webhooks[i]!;
      const p = request(`${proxy.url}/webhooks/clarity`, { method: 'POST', headers, body, dispatcher: sender })
        .then(async (res) => {
          await res.body.dump();
          if (res.statusCode !== 200) rejected++;
        })
        .catch(() => void rejected++)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 32) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    await sender.close();
    const offeredSeconds = (performance.now() - start) / 1000;
    let counts = await proxy.store.jobs.counts();
    while (counts.done + counts.skipped + counts.dead + counts.discarded < events.length - rejected) {
      await sleep(25);
      counts = await proxy.store.jobs.counts();
    }
    const seconds = (performance.now() - start) / 1000;
    const busy = await cpuShare(dv, cpu0);
    const after = { usage: await dv.usage(), stats: proxy.dataverse.stats() };
    const requests = after.stats.requests - before.stats.requests;
    const writes = after.stats.writes - before.stats.writes;
    const ceiling = await ceilingOf(dv, before.usage, events.length, writes);
    const created = (await dv.count('salesorder')) - ordersBefore;
    say(`order stream: ${events.length} order.created webhooks offered at ${STREAM_RATE}/s (sent in ${offeredSeconds.toFixed(1)} s, ${rejected} refused), all applied after ${seconds.toFixed(1)} s; ` +
      `${requests} Dataverse requests (${writes} writes, ${(requests / events.length).toFixed(2)} per event, ${after.stats.throttled - before.stats.throttled} throttled, ${after.usage.requests - before.usage.requests} admitted by the emulator); jobs ${JSON.stringify(counts)}; ${created} sales orders created`);
    say(`  ${busy}; ceiling: ${describeCeiling(ceiling)}`);
    say(`  baseline: ${base.records} orders in ${base.seconds.toFixed(1)} s, ${base.failed} failed; ${baselineShare(base, baseCeiling)}`);
    const failed = rejected + counts.dead + counts.discarded + Math.max(0, events.length - created) + base.failed;
    return result(QUICK ? 'order-webhook-stream-quick' : 'order-webhook-stream', base, { records: events.length, seconds, ceiling, peakMb: memory.mb(), failed });
  } finally {
    await proxy.close();
    await clarity.close();
    await dv.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(r: Result): void {
  const f = (n: number) => n.toFixed(1);
  say(`${r.scenario}: baseline ${f(r.baseline_rps)} records/s, connector ${f(r.connector_rps)} records/s, ratio ${r.ratio.toFixed(1)}x; ` +
    `ceiling ${f(r.ceiling_rps)} records/s, ${f(r.ceiling_pct)}% of it; peak RSS ${r.peak_rss_mb} MB; failed ${r.failed}`);
}

async function main(): Promise<void> {
  const generated = generateDemoData({ customers: SIZE.customers, ordersPerCustomer: (1.1 * SIZE.orders) / SIZE.customers, seed: 11, crmOnly: 0 });
  // The generator's mean is a little under ordersPerCustomer: ask for 10% more and keep the first SIZE.orders.
  const orders = generated.clarity.orders!;
  if (orders.length < SIZE.orders) throw new Error(`generated ${orders.length} orders, fewer than ${SIZE.orders}`);
  const data: Data = { ...generated, clarity: { ...generated.clarity, orders: orders.slice(0, SIZE.orders) } };
  say(`limits: ${LIMITS.maxRequests} requests, ${LIMITS.maxExecutionMs} ms execution per ${LIMITS.windowMs} ms window, ${LIMITS.maxConcurrent} concurrent (scaledLimits(1/60)); ` +
    `${SIZE.customers} customers, ${SIZE.orders} orders, ${data.clarity.products!.length} products, a stream of ${SIZE.stream} order events${QUICK ? ' (--quick)' : ''}`);
  const results: Result[] = [];
  for (const run of [initialLoad, orderStream].filter((_, i) => !ONLY || ONLY === ['load', 'stream'][i])) {
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
