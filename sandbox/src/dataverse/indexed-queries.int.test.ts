import { createPrng } from '../common';
import { seedDataverseRows } from './demo-seed';
import { MemoryStore } from './store/memory-store';
import type { EntityRecord } from './store/types';
import { startDataverse, type RunningDataverse } from './test-support/harness';

/**
 * Acceptance "key queries over 100,000 contacts are indexed, not scans", proved structurally: the store
 * counts every row a scan visits, and each key query over HTTP must leave that count where it was.
 * Timing lives in test/bench/dataverse-queries.bench.ts.
 */
const N = 100_000;
let dv: RunningDataverse;
let store: MemoryStore;
let contacts: EntityRecord[];

/** Deterministic GUIDs spread like random ones, sorted so the seed appends (see report on insertOrdered). */
function seededContacts(count: number, seed = 42): EntityRecord[] {
  const random = createPrng(seed);
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  const ids = Array.from({ length: count }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`).sort();
  return ids.map((contactid, i) => ({
    contactid,
    firstname: `First${i}`,
    lastname: `Last${i}`,
    emailaddress1: `contact${i}@example.com`,
    clar_clarityid: `CL-${String(i).padStart(6, '0')}`,
    jobtitle: ['Buyer', 'Owner', 'Manager'][i % 3],
  }));
}

beforeAll(async () => {
  dv = await startDataverse();
  if (!(dv.emulator.store instanceof MemoryStore)) throw new Error('the emulator is expected to run on MemoryStore');
  store = dv.emulator.store;
  contacts = seededContacts(N);
  expect(seedDataverseRows(dv.emulator, { accounts: [], contacts }).contacts).toBe(N);
  await dv.token(); // so the token request's own work is not in the first measured window
}, 60_000);
afterAll(() => dv?.close());

/** Whole-store count, not just contacts: a key query must not scan any table (users, webhook steps, …). */
const scanned = () => store.scanStats().rowsScanned;
const pick = (i: number) => contacts[i] as { contactid: string; emailaddress1: string; clar_clarityid: string };

async function json(path: string, init?: Parameters<RunningDataverse['request']>[1]) {
  const res = await dv.request(path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { value?: Record<string, unknown>[] } };
}

describe(`key queries over ${N.toLocaleString('en-US')} contacts`, () => {
  it('GET by primary key reads the row without scanning', async () => {
    const target = pick(73_211);
    const before = scanned();
    const res = await json(`contacts(${target.contactid})?$select=emailaddress1`);
    expect(res).toMatchObject({ status: 200, body: { contactid: target.contactid, emailaddress1: target.emailaddress1 } });
    expect(scanned()).toBe(before);
  });

  it('GET by alternate key reads the key index', async () => {
    const target = pick(5_004);
    const before = scanned();
    const res = await json(`contacts(clar_clarityid='${target.clar_clarityid}')?$select=clar_clarityid`);
    expect(res).toMatchObject({ status: 200, body: { contactid: target.contactid, clar_clarityid: target.clar_clarityid } });
    expect(scanned()).toBe(before);
  });

  it('$filter on emailaddress1 uses the column index, case-insensitively (§1.4)', async () => {
    const target = pick(99_998);
    const before = scanned();
    const res = await json(`contacts?$select=emailaddress1&$filter=${encodeURIComponent(`emailaddress1 eq '${target.emailaddress1.toUpperCase()}'`)}`);
    expect(res.status).toBe(200);
    expect(res.body.value?.map((r) => r.contactid)).toEqual([target.contactid]);
    expect(scanned()).toBe(before);
  });

  it('$filter on clar_clarityid uses the column index', async () => {
    const target = pick(1);
    const before = scanned();
    const res = await json(`contacts?$select=clar_clarityid&$filter=${encodeURIComponent(`clar_clarityid eq '${target.clar_clarityid}'`)}`);
    expect(res.body.value?.map((r) => r.contactid)).toEqual([target.contactid]);
    expect(scanned()).toBe(before);
  });

  it('an `or` list of equalities on one indexed column (a batched read-back) unions the index, in key order', async () => {
    const targets = [pick(90_001), pick(12), pick(50_500)];
    const before = scanned();
    const emails = targets.map((t, i) => `emailaddress1 eq '${i === 0 ? t.emailaddress1.toUpperCase() : t.emailaddress1}'`).join(' or ');
    const res = await json(`contacts?$select=emailaddress1&$filter=${encodeURIComponent(`(${emails} or emailaddress1 eq 'nobody@example.com') and statecode eq 0`)}`);
    expect(res.status).toBe(200);
    expect(res.body.value?.map((r) => r.contactid)).toEqual(targets.map((t) => t.contactid).sort());
    const ids = await json(`contacts?$select=clar_clarityid&$filter=${encodeURIComponent(targets.map((t) => `clar_clarityid eq '${t.clar_clarityid}'`).join(' or '))}`);
    expect(ids.body.value).toHaveLength(3);
    expect(scanned()).toBe(before);
    // Two different columns in one `or` are not an index lookup: that still scans (and still answers right).
    const mixed = await json(`contacts?$select=contactid&$filter=${encodeURIComponent(`emailaddress1 eq '${targets[0]!.emailaddress1}' or clar_clarityid eq '${targets[1]!.clar_clarityid}'`)}`);
    expect(mixed.body.value).toHaveLength(2);
    expect(scanned()).toBeGreaterThan(before);
  });

  it('PATCH upsert by alternate key updates an existing row and creates a missing one without scanning', async () => {
    const target = pick(42_424);
    const before = scanned();
    const prefer = { prefer: 'return=representation' };
    const updated = await json(`contacts(clar_clarityid='${target.clar_clarityid}')`, { method: 'PATCH', headers: prefer, body: JSON.stringify({ jobtitle: 'Director' }) });
    expect(updated).toMatchObject({ status: 200, body: { contactid: target.contactid, jobtitle: 'Director' } });
    const created = await json(`contacts(clar_clarityid='CL-NEW-1')`, { method: 'PATCH', headers: prefer, body: JSON.stringify({ lastname: 'Newcomer' }) });
    expect(created).toMatchObject({ status: 201, body: { clar_clarityid: 'CL-NEW-1', lastname: 'Newcomer' } });
    expect(store.count('contact')).toBe(N + 1);
    expect(scanned()).toBe(before);
  });

  it('a filter on a non-indexed column does scan: the counter is real', async () => {
    const before = store.scanStats('contact').rowsScanned;
    const res = await json(`contacts?$select=jobtitle&$filter=${encodeURIComponent("jobtitle eq 'director'")}`);
    expect(res.body.value?.map((r) => r.contactid)).toEqual([pick(42_424).contactid]);
    // One match, so the page never fills and every row is visited once.
    expect(store.scanStats('contact').rowsScanned - before).toBe(store.count('contact'));
  });
});
