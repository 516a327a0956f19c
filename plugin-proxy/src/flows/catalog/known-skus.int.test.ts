/**
 * The SKU cache of the order flow against the Dataverse emulator and a real SQLite store: what it asks Dataverse,
 * when it asks again, and that product links answer without a request. The clock is the deps' own (`now`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDataverse, type RunningDataverse } from '../../../../sandbox/src/dataverse/test-support/harness';
import { createClarityClient } from '../../clients/clarity';
import { createDataverseClient } from '../../clients/dataverse';
import { DEFAULT_MAPPINGS_DIR } from '../../config';
import { createLogger } from '../../logger';
import { loadMappings } from '../../mapping';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/types';
import type { FlowDeps } from '../deps';
import { forgetSkus, knownSkus, PRODUCT_LINK, rememberSkus, SKU_CACHE_TTL } from './known-skus';

let dv: RunningDataverse;
let store: Store;
let dir: string;
let clock = Date.UTC(2026, 0, 1);
const made: FlowDeps[] = [];

/** A fresh deps object: a fresh cache (caches are per deps, one per process in the proxy). */
function newDeps(): FlowDeps {
  const deps: FlowDeps = {
    store,
    dataverse: createDataverseClient({ url: dv.url, authority: `https://localhost:${new URL(dv.url).port}/sandbox`, clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', ca: dv.caPem }),
    clarity: createClarityClient({ baseUrl: 'http://127.0.0.1:9/api/v1', apiKey: 'unused' }),
    mappings: loadMappings(DEFAULT_MAPPINGS_DIR),
    now: () => new Date(clock),
    logger: createLogger({ level: 'silent' }),
  };
  made.push(deps);
  return deps;
}

const productQueries = () => dv.emulator.requests.entries().filter((e) => e.method === 'GET' && e.url.includes('/products?')).length;

async function createProduct(sku: string): Promise<string> {
  const group = (await (await dv.request(`uomschedules?$select=uomscheduleid&$filter=name eq 'Default Unit'`)).json()) as { value: { uomscheduleid: string }[] };
  const unit = (await (await dv.request(`uoms?$select=uomid&$filter=name eq 'Primary Unit'`)).json()) as { value: { uomid: string }[] };
  const res = await dv.request('products', {
    method: 'POST',
    body: JSON.stringify({ productnumber: sku, name: sku, productstructure: 1, quantitydecimal: 0, 'defaultuomscheduleid@odata.bind': `/uomschedules(${group.value[0]!.uomscheduleid})`, 'defaultuomid@odata.bind': `/uoms(${unit.value[0]!.uomid})` }),
  });
  expect(res.status).toBe(204);
  return (res.headers.get('odata-entityid') ?? '').replace(/^.*\(([^)]+)\)$/, '$1');
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'known-skus-'));
  dv = await startDataverse({ limits: false });
  store = await openStore({ sqliteFile: path.join(dir, 'store.db') });
  for (const sku of ['KS-1', 'KS-2', 'KS-3']) await createProduct(sku);
});
afterAll(async () => {
  await Promise.allSettled(made.flatMap((d) => [d.dataverse.close(), d.clarity.close()]));
  await store?.close();
  await dv?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => dv.emulator.requests.clear());

describe('knownSkus', () => {
  it('answers concurrent jobs with one query, then from the cache', async () => {
    const deps = newDeps();
    const answers = await Promise.all([['KS-1', 'NOPE-1'], ['KS-2', 'KS-1'], ['KS-3'], ['NOPE-1', 'KS-2']].map((skus) => knownSkus(deps, skus)));
    expect(answers.map((a) => [...a].sort())).toEqual([['KS-1'], ['KS-1', 'KS-2'], ['KS-3'], ['KS-2']]);
    expect(productQueries()).toBe(1);
    expect([...(await knownSkus(deps, ['KS-1', 'KS-2', 'KS-3', 'NOPE-1']))].sort()).toEqual(['KS-1', 'KS-2', 'KS-3']);
    expect(productQueries()).toBe(1);
  });

  it('asks again about a missing SKU after a minute, about a found one after 15 minutes', async () => {
    const deps = newDeps();
    await knownSkus(deps, ['KS-1', 'KS-4']);
    expect(productQueries()).toBe(1);
    await createProduct('KS-4'); // added in Dynamics by hand
    clock += SKU_CACHE_TTL.missingMs - 1;
    expect([...(await knownSkus(deps, ['KS-1', 'KS-4']))]).toEqual(['KS-1']);
    clock += 1;
    expect([...(await knownSkus(deps, ['KS-1', 'KS-4']))].sort()).toEqual(['KS-1', 'KS-4']);
    expect(productQueries()).toBe(2);
    clock += SKU_CACHE_TTL.foundMs;
    await knownSkus(deps, ['KS-1']);
    expect(productQueries()).toBe(3);
  });

  it('takes a product link as found without a request; `fresh` asks Dataverse past links and cache', async () => {
    const deps = newDeps();
    await store.links.save({ entity: PRODUCT_LINK, clarityId: 'KS-GONE', dataverseTable: 'product', dataverseId: '00000000-0000-0000-0000-00000000abcd', hashToDataverse: 'h', hashToClarity: null, snapshot: null, clarityVersion: 1, dataverseVersion: null });
    expect([...(await knownSkus(deps, ['KS-GONE']))]).toEqual(['KS-GONE']);
    expect(productQueries()).toBe(0);
    // The link is stale (the product was deleted in Dynamics): after a failed write the flow forgets and asks fresh.
    forgetSkus(deps, ['KS-GONE']);
    expect([...(await knownSkus(deps, ['KS-GONE'], { fresh: true }))]).toEqual([]);
    expect(productQueries()).toBe(1);
    // And the fresh answer is what the cache holds now.
    expect([...(await knownSkus(deps, ['KS-GONE']))]).toEqual([]);
    expect(productQueries()).toBe(1);
  });

  it('remembers SKUs the catalog flow just wrote', async () => {
    const deps = newDeps();
    rememberSkus(deps, ['KS-NEW']);
    expect([...(await knownSkus(deps, ['KS-NEW']))]).toEqual(['KS-NEW']);
    expect(productQueries()).toBe(0);
  });
});
