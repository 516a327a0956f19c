import { randomUUID } from 'node:crypto';
import { DynamicsWebApi } from 'dynamics-web-api';
import { seedDataverseRows } from '../../sandbox/src/dataverse/demo-seed';
import { startDataverse, type RunningDataverse } from '../../sandbox/src/dataverse/test-support/harness';

/**
 * The emulator must satisfy a third-party client written against the real Web API (issue #2 acceptance):
 * `dynamics-web-api` builds its own requests, batches and paging, and parses responses and errors itself.
 */
describe('dynamics-web-api against the Dataverse emulator', () => {
  let dv: RunningDataverse;
  let api: DynamicsWebApi;

  beforeAll(async () => {
    dv = await startDataverse();
    api = new DynamicsWebApi({ serverUrl: dv.url, dataApi: { version: '9.2' }, onTokenRefresh: () => dv.token() });
  });
  afterAll(() => dv.close());

  it('creates a contact and reads it back', async () => {
    const created = await api.create<Record<string, unknown>, Record<string, unknown>>({
      collection: 'contacts',
      data: { firstname: 'Ada', lastname: 'Lovelace', emailaddress1: 'ada@example.com' },
      returnRepresentation: true,
    });
    expect(created.contactid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await api.retrieve({ collection: 'contacts', key: String(created.contactid), select: ['fullname', 'emailaddress1'] });
    expect(read.fullname).toBe('Ada Lovelace');
    expect(read['@odata.etag']).toMatch(/^W\/"\d+"$/);
  });

  it('upserts by the clar_clarityid alternate key: create, then update of the same row', async () => {
    const key = "clar_clarityid='cus_dwa_1'";
    await api.upsert({ collection: 'contacts', key, data: { firstname: 'Grace', lastname: 'Hopper' } });
    await api.upsert({ collection: 'contacts', key, data: { lastname: 'Murray Hopper' } });
    const rows = await api.retrieveMultiple({ collection: 'contacts', filter: "clar_clarityid eq 'cus_dwa_1'", select: ['fullname', 'clar_clarityid'] });
    expect(rows.value).toHaveLength(1);
    expect(rows.value[0].fullname).toBe('Grace Murray Hopper');
  });

  it('runs a batch with a change set whose second create binds the first by Content-ID', async () => {
    api.startBatch();
    api.create({ collection: 'accounts', data: { name: 'Batch Co' }, contentId: '1' });
    api.create({ collection: 'contacts', data: { lastname: 'Batcher', 'parentcustomerid_account@odata.bind': '$1' }, contentId: '2' });
    const results = await api.executeBatch({ inChangeSet: true } as never);
    expect(results).toHaveLength(2);
    const contacts = await api.retrieveMultiple({
      collection: 'contacts',
      filter: "lastname eq 'Batcher'",
      select: ['_parentcustomerid_value'],
      includeAnnotations: 'Microsoft.Dynamics.CRM.lookuplogicalname',
    });
    expect(contacts.value).toHaveLength(1);
    expect(contacts.value[0]['_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
  });

  it('pages through more than 5,000 rows with odata.maxpagesize and nextLink', async () => {
    const contacts = Array.from({ length: 5_200 }, (_, i) => ({ contactid: randomUUID(), lastname: `Pager ${i}`, jobtitle: 'paging' }));
    seedDataverseRows(dv.emulator, { accounts: [], contacts });
    const all = await api.retrieveAll({ collection: 'contacts', filter: "jobtitle eq 'paging'", select: ['lastname'], maxPageSize: 5000 });
    expect(all.value).toHaveLength(5_200);
    expect(new Set(all.value.map((c) => c.contactid)).size).toBe(5_200);
    const first = await api.retrieveMultiple({ collection: 'contacts', filter: "jobtitle eq 'paging'", select: ['lastname'], maxPageSize: 5000 });
    expect(first.value).toHaveLength(5_000);
    expect(first.oDataNextLink).toContain('$skiptoken=');
  });

  it('surfaces the documented 412 for a stale ETag and 404 for a missing row', async () => {
    const row = await api.create<Record<string, unknown>, Record<string, unknown>>({ collection: 'contacts', data: { lastname: 'Etag' }, returnRepresentation: true });
    await api.update({ collection: 'contacts', key: String(row.contactid), data: { firstname: 'Changed' } });
    // dynamics-web-api maps a 412 on a conditional update to `false` (its documented behaviour) …
    const stale = await api.update({ collection: 'contacts', key: String(row.contactid), data: { firstname: 'Stale' }, ifmatch: String(row['@odata.etag']) });
    expect(stale).toBe(false);
    // … so check the wire answer too: the documented 412 body.
    const raw = await dv.request(`contacts(${String(row.contactid)})`, {
      method: 'PATCH',
      headers: { 'if-match': String(row['@odata.etag']) },
      body: JSON.stringify({ firstname: 'Stale' }),
    });
    expect(raw.status).toBe(412);
    expect(await raw.json()).toEqual({ error: { code: '', message: "The version of the existing record doesn't match the RowVersion property provided." } });
    const unchanged = await api.retrieve({ collection: 'contacts', key: String(row.contactid), select: ['firstname'] });
    expect(unchanged.firstname).toBe('Changed');
    await expect(api.retrieve({ collection: 'contacts', key: randomUUID() })).rejects.toMatchObject({ status: 404 });
  });
});
