/**
 * The Dataverse client over real HTTP against the sandbox emulator (a test server), signing in with msal
 * through the emulator's https authority and its CA.
 */
import { seedDataverseRows } from '../../../../sandbox/src/dataverse/demo-seed';
import { startDataverse, type RunningDataverse } from '../../../../sandbox/src/dataverse/test-support/harness';
import { ConnectorError } from '../../errors';
import { alternateKey, createDataverseClient, type DataverseClient } from '.';

let dv: RunningDataverse;
let client: DataverseClient;

const options = (d: RunningDataverse) => ({
  url: d.url,
  authority: `${d.httpsUrl.replace('127.0.0.1', 'localhost')}/sandbox`,
  clientId: 'sandbox-connector',
  clientSecret: 'sandbox-secret',
  ca: d.caPem,
});

beforeAll(async () => {
  dv = await startDataverse({ limits: false });
  client = createDataverseClient(options(dv));
});
afterAll(async () => {
  await client?.close();
  await dv?.close();
});

const byKey = (id: string) => alternateKey({ clar_clarityid: id });

describe('Dataverse client', () => {
  it('signs in with msal through the emulator’s https authority and calls WhoAmI', async () => {
    const me = await client.whoAmI();
    expect(me.UserId).toMatch(/^[0-9a-f-]{36}$/);
    expect(me.OrganizationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates, retrieves, updates and deletes a contact', async () => {
    const created = await client.create('contacts', { firstname: 'Ada', lastname: 'Lovelace', emailaddress1: 'ada@example.com' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await client.retrieve<{ lastname: string; '@odata.etag': string }>('contacts', created.id!, ['lastname']);
    expect(row?.lastname).toBe('Lovelace');

    const updated = await client.update('contacts', created.id!, { lastname: 'King' }, { ifMatch: row!['@odata.etag'], returnRepresentation: true });
    expect(updated.row).toMatchObject({ lastname: 'King' });
    expect(updated.etag).not.toBe(row!['@odata.etag']);

    // The old ETag is stale now: 412 → UPSTREAM_CONFLICT (§2.5).
    await expect(client.update('contacts', created.id!, { lastname: 'X' }, { ifMatch: row!['@odata.etag'] })).rejects.toMatchObject({
      code: 'CONNECTOR_ERR_UPSTREAM_CONFLICT', details: { upstreamStatus: 412, classification: 'conflict' },
    });

    expect(await client.delete('contacts', created.id!)).toBe(true);
    expect(await client.retrieve('contacts', created.id!)).toBeUndefined();
    expect(await client.delete('contacts', created.id!)).toBe(false);
  });

  it('upserts by the clar_clarityid alternate key: creates, then updates; If-None-Match/If-Match map to 412/404', async () => {
    const key = byKey("cus_O'Neil");
    const first = await client.upsert('contacts', key, { firstname: 'Liam', lastname: "O'Neil" }, { returnRepresentation: true });
    expect(first).toMatchObject({ created: true, row: { clar_clarityid: "cus_O'Neil" } });
    const second = await client.upsert('contacts', key, { lastname: 'ONeil' }, { returnRepresentation: true });
    expect(second).toMatchObject({ created: false, row: { lastname: 'ONeil' } });
    expect((await client.retrieve('contacts', key, ['lastname']))?.lastname).toBe('ONeil');

    await expect(client.upsert('contacts', key, { lastname: 'Y' }, { ifNoneMatch: '*' })).rejects.toMatchObject({ code: 'CONNECTOR_ERR_UPSTREAM_CONFLICT' });
    const missing = client.update('contacts', byKey('cus_missing'), { lastname: 'Z' }, { ifMatch: '*' });
    await expect(missing).rejects.toBeInstanceOf(ConnectorError);
    await expect(missing).rejects.toMatchObject({ code: 'CONNECTOR_ERR_NOT_FOUND', details: { upstreamStatus: 404 } });
    expect(await client.retrieve('contacts', byKey('cus_missing'))).toBeUndefined();
  });

  it('maps a 400 to VALIDATION with the Dataverse message', async () => {
    const err = await client.create('contacts', { nosuchcolumn: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTOR_ERR_VALIDATION', details: { upstreamStatus: 400, classification: 'validation' } });
    expect((err as Error).message).toMatch(/nosuchcolumn/);
  });

  it('pages through more than 5,000 rows with queryAll', async () => {
    const contacts = Array.from({ length: 5_300 }, (_, i) => ({ firstname: 'Page', lastname: `Row${i}`, jobtitle: 'paging-test' }));
    seedDataverseRows(dv.emulator, { accounts: [], contacts });
    const first = await client.query('contacts', { select: ['lastname'], filter: "jobtitle eq 'paging-test'" });
    expect(first.value).toHaveLength(5_000);
    expect(first.nextLink).toBeDefined();
    let n = 0;
    const seen = new Set<unknown>();
    for await (const row of client.queryAll('contacts', { select: ['lastname'], filter: "jobtitle eq 'paging-test'", maxPageSize: 1_000 })) {
      n++;
      seen.add(row.contactid);
    }
    expect(n).toBe(5_300);
    expect(seen.size).toBe(5_300);
  });

  it('runs a batch with a change set whose second operation binds to the first by Content-ID', async () => {
    const results = await client.batch([
      { changeSet: [
        { method: 'POST', url: 'accounts', body: { name: 'Batch Co' }, contentId: '1' },
        { method: 'POST', url: 'contacts', body: { lastname: 'Batcher', 'parentcustomerid_account@odata.bind': '$1' }, contentId: '2' },
      ] },
      { method: 'GET', url: `contacts?$select=lastname,_parentcustomerid_value&$filter=lastname eq 'Batcher'` },
    ]);
    expect(results.map((r) => r.status)).toEqual([204, 204, 200]);
    expect(results.slice(0, 2).map((r) => r.contentId)).toEqual(['1', '2']);
    expect(results[2]!.body).toMatchObject({ value: [{ lastname: 'Batcher' }] });
    const contact = (results[2]!.body as { value: { _parentcustomerid_value: string }[] }).value[0]!;
    expect(contact._parentcustomerid_value).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the failing part of a batch (outer 400) as a mapped error, and rolls the change set back', async () => {
    const results = await client.batch([
      { changeSet: [
        { method: 'POST', url: 'contacts', body: { lastname: 'Rolled back' } },
        { method: 'POST', url: 'contacts', body: { nosuchcolumn: 'x' } },
      ] },
    ]);
    const failed = results.find((r) => r.error);
    expect(failed?.error).toMatchObject({ code: 'CONNECTOR_ERR_VALIDATION' });
    expect((await client.query('contacts', { filter: "lastname eq 'Rolled back'" })).value).toHaveLength(0);
  });

  it('sends concurrent change sets as one $batch; a failing one rolls back alone and the others commit', async () => {
    const before = client.stats();
    const batchesBefore = dv.emulator.requests.entries().filter((e) => e.url.endsWith('$batch') && !e.batchPart).length;
    // Each caller numbers its own operations from 1 and refers to them by `$1`, as if it were alone.
    const orderOf = (tag: string, bad = false) => client.changeSet([
      { method: 'POST', url: 'accounts', body: { name: `Coalesced ${tag}` }, contentId: '1' },
      { method: 'POST', url: 'contacts', body: { lastname: `Coalesced ${tag}`, 'parentcustomerid_account@odata.bind': '$1', ...(bad ? { nosuchcolumn: 1 } : {}) }, contentId: '2' },
      { method: 'PATCH', url: '$1', body: { telephone1: `555-${tag}` }, contentId: '3' },
    ]);
    const [a, b, c] = await Promise.all([orderOf('A'), orderOf('B', true), orderOf('C')]);
    expect(a!.map((r) => [r.status, r.contentId])).toEqual([[204, '1'], [204, '2'], [204, '3']]);
    expect(c!.map((r) => r.contentId)).toEqual(['1', '2', '3']);
    expect(b).toHaveLength(1);
    expect(b![0]).toMatchObject({ contentId: '2', error: { code: 'CONNECTOR_ERR_VALIDATION' } });
    const after = client.stats();
    expect(after.requests - before.requests).toBe(1);
    expect(after.writes - before.writes).toBe(1);
    expect(dv.emulator.requests.entries().filter((e) => e.url.endsWith('$batch') && !e.batchPart).length - batchesBefore).toBe(1);
    const accounts = await client.query<{ name: string; telephone1: string | null }>('accounts', { select: ['name', 'telephone1'], filter: "startswith(name,'Coalesced ')", orderby: 'name' });
    expect(accounts.value.map((r) => [r.name, r.telephone1])).toEqual([['Coalesced A', '555-A'], ['Coalesced C', '555-C']]);
    const contacts = await client.query<{ lastname: string; _parentcustomerid_value: string }>('contacts', { select: ['lastname', '_parentcustomerid_value'], filter: "startswith(lastname,'Coalesced ')" });
    expect(contacts.value.map((r) => r.lastname).sort()).toEqual(['Coalesced A', 'Coalesced C']);
  });

  it('UpsertMultiple creates and updates by alternate key in one call; CreateMultiple answers ids', async () => {
    await client.upsertMultiple('contacts', [
      { clar_clarityid: 'cus_um1', lastname: 'Multi1' },
      { clar_clarityid: 'cus_um2', lastname: 'Multi2' },
    ]);
    await client.upsertMultiple('contacts', [{ '@odata.id': `contacts(${byKey('cus_um1')})`, lastname: 'Multi1b' }]);
    expect((await client.retrieve('contacts', byKey('cus_um1'), ['lastname']))?.lastname).toBe('Multi1b');
    expect((await client.retrieve('contacts', byKey('cus_um2'), ['lastname']))?.lastname).toBe('Multi2');
    const ids = await client.createMultiple('accounts', [{ name: 'CM 1' }, { name: 'CM 2' }]);
    expect(ids).toHaveLength(2);
    expect(client.stats()).toMatchObject({ inFlight: 0, throttled: 0 });
  });

  it('signs in again once on a 401 (a revoked token) and carries on', async () => {
    const stale = createDataverseClient(options(dv), async (refresh) => (refresh ? dv.token() : 'not-a-token'));
    expect((await stale.whoAmI()).UserId).toBeDefined();
    expect(stale.stats()).toMatchObject({ retries: 1, requests: 2 });
    const never = createDataverseClient(options(dv), async () => 'not-a-token');
    await expect(never.whoAmI()).rejects.toMatchObject({ code: 'CONNECTOR_ERR_AUTH', details: { upstreamStatus: 401 } });
    await Promise.all([stale.close(), never.close()]);
  });

  it('maps a wrong client secret to AUTH without leaking it', async () => {
    const bad = createDataverseClient({ ...options(dv), clientSecret: 'wrong-secret-value' });
    const err = await bad.whoAmI().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTOR_ERR_AUTH', details: { upstreamCode: 'invalid_client' } });
    expect((err as Error).message).not.toContain('wrong-secret-value');
    await bad.close();
  });

  it('maps a 503 and a dropped connection to TRANSIENT', async () => {
    dv.emulator.faults.add({ path: '/api/data/v9.2/WhoAmI', errorRate: 1, errorStatus: 503, remaining: 1 });
    await expect(client.whoAmI()).rejects.toMatchObject({ code: 'CONNECTOR_ERR_TRANSIENT', details: { upstreamStatus: 503 } });
    dv.emulator.faults.add({ path: '/api/data/v9.2/WhoAmI', dropRate: 1, remaining: 1 });
    await expect(client.whoAmI()).rejects.toMatchObject({ code: 'CONNECTOR_ERR_TRANSIENT', details: { classification: 'transient' } });
    expect((await client.whoAmI()).UserId).toBeDefined();
  });
});
