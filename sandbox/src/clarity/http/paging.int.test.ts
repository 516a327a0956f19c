/** Cursor paging over real HTTP (spec §4.8): Link rel="next", opaque cursors bound to filters and sort. */
import { customer, demoDataset, startEmulator, type Running } from '../test-support';
import type { Customer, Page } from '../types';

let run: Running;
afterEach(async () => { await run?.emu.close(); });

// 120 customers; pairs share an updatedAt so ties must break by id.
const seeded = Array.from({ length: 120 }, (_, i) => customer(i + 1, {
  updatedAt: new Date(Date.parse('2025-02-01T00:00:00Z') + Math.floor(i / 2) * 1000).toISOString(),
  accountStatus: i % 3 === 0 ? 'on_hold' : 'active',
}));

async function walk(first: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let url: string | undefined = first;
  let pages = 0;
  while (url) {
    const r = await fetch(url, { headers: { authorization: 'Bearer clr_test_sandbox' } });
    const body = await r.json() as Page<Customer>;
    ids.push(...body.data.map((c) => c.customerId));
    pages++;
    const link = r.headers.get('link');
    expect(body.pagination.hasMore).toBe(link !== null);
    if (link) expect(link).toBe(`<${run.base}/api/v1/customers?limit=${body.pagination.limit}&cursor=${body.pagination.nextCursor}>; rel="next"`);
    url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
  }
  return { ids, pages };
}

test('pages across the whole list by updatedAt with id tie-breaks, following Link headers', async () => {
  run = await startEmulator({}, { ...demoDataset(), customers: [...demoDataset().customers!, ...seeded] });
  const { ids, pages } = await walk(`${run.base}/api/v1/customers?limit=50`);
  expect(pages).toBe(3);
  const expected = [...demoDataset().customers!, ...seeded]
    .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || (a.customerId < b.customerId ? -1 : 1))
    .map((c) => c.customerId);
  expect(ids).toEqual(expected);
});

test('filters and sort travel in the cursor; changing them is 400 cursor_filter_mismatch', async () => {
  run = await startEmulator({}, { customers: seeded });
  const { ids } = await walk(`${run.base}/api/v1/customers?accountStatus=on_hold&limit=15`);
  expect(ids).toEqual(seeded.filter((c) => c.accountStatus === 'on_hold').map((c) => c.customerId));

  const first = await run.call('GET', '/customers?accountStatus=on_hold&limit=10');
  const cursor = first.body.pagination.nextCursor as string;
  const same = await run.call('GET', `/customers?accountStatus=on_hold&limit=10&cursor=${cursor}`);
  expect(same.status).toBe(200);
  const changed = await run.call('GET', `/customers?accountStatus=active&cursor=${cursor}`);
  expect(changed.status).toBe(400);
  expect(changed.body.code).toBe('cursor_filter_mismatch');
  expect((await run.call('GET', `/customers?accountStatus=on_hold&sort=-createdAt&cursor=${cursor}`)).body.code).toBe('cursor_filter_mismatch');
  expect((await run.call('GET', '/customers?cursor=garbage!')).body.code).toBe('invalid_request');
  expect((await run.call('GET', '/customers?limit=251')).status).toBe(400);
  expect((await run.call('GET', '/customers?limit=0')).status).toBe(400);
});

test('-createdAt sort pages newest first; updatedAtMin narrows by binary search', async () => {
  run = await startEmulator({}, { customers: seeded });
  const { ids } = await walk(`${run.base}/api/v1/customers?sort=-createdAt&limit=25`);
  expect(ids).toEqual([...seeded].reverse().map((c) => c.customerId));
  const r = await run.call('GET', '/customers?updatedAtMin=2025-02-01T00:00:58Z&limit=250');
  expect(r.body.data).toHaveLength(4); // seconds 58 and 59, two customers each
  expect(r.body.pagination).toEqual({ limit: 250, nextCursor: null, hasMore: false });
});

test('100,000 customers: lookups by id and email and a deep page stay fast', async () => {
  const many = Array.from({ length: 100_000 }, (_, i) => customer(i));
  run = await startEmulator({}, { customers: many });
  const t0 = performance.now();
  const byEmail = await run.call('GET', '/customers?email=USER99999@example.com');
  const page = await run.call('GET', '/customers?updatedAtMin=2025-01-02T00:00:00Z&limit=250');
  const elapsed = performance.now() - t0;
  expect(byEmail.body.data[0].customerId).toBe('cus_100999');
  expect(page.body.data[0].customerId).toBe(`cus_${1000 + 86400}`);
  expect(elapsed).toBeLessThan(1000); // generous: a full scan-and-sort per request would be far slower under load
});
