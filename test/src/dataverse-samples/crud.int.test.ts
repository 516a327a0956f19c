import type { RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { describeWithShared, readSample, tryJson } from '../support/http-samples';
import { SAMPLES, sendSample, shape, sortedKeys, startSampleDataverse } from '../support/dataverse-samples';

/** Replays the documented create and upsert requests (reference/dataverse-samples/crud). */
describeWithShared('documented create and upsert samples', SAMPLES, () => {
  let dv: RunningDataverse;
  beforeEach(async () => {
    dv = await startSampleDataverse();
  });
  afterEach(() => dv.close());

  test('create-204: 204, OData-Version, OData-EntityId pointing at the new row', async () => {
    const [pair] = readSample('reference/dataverse-samples/crud/create-204.http');
    const res = await sendSample(dv, pair!.request!);
    expect(res.status).toBe(pair!.response!.status);
    expect(res.headers.get('odata-version')).toBe('4.0');
    const entityId = res.headers.get('odata-entityid') ?? '';
    // The documented request uses v9.0; the response echoes the version the caller used.
    expect(entityId).toMatch(new RegExp(`^${dv.url.replace(/[.]/g, '\\.')}/api/data/v9\\.0/accounts\\([0-9a-f-]{36}\\)$`));
    expect(await res.text()).toBe('');
    const read = await dv.request(entityId);
    expect(read.status).toBe(200);
  });

  test('create-201-return-representation: same body keys and value types as documented', async () => {
    const [pair] = readSample('reference/dataverse-samples/crud/create-201-return-representation.http');
    const res = await sendSample(dv, pair!.request!);
    expect(res.status).toBe(201);
    expect(res.headers.get('preference-applied')).toBe('return=representation');
    expect(res.headers.get('content-type')).toBe('application/json; odata.metadata=minimal');
    expect(res.headers.has('odata-entityid')).toBe(false);
    const body = (await res.json()) as Record<string, unknown>;
    const documented = tryJson(pair!.response!.body) as Record<string, unknown>;
    expect(sortedKeys(body)).toEqual(sortedKeys(documented));
    expect(shape(body)).toEqual(shape(documented));
    expect(body['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(res.headers.get('etag')).toBe(body['@odata.etag']);
    expect(String(body['@odata.context'])).toBe(`${dv.url}/api/data/v9.0/$metadata#accounts(name,creditonhold,address1_latitude,description,revenue,accountcategorycode,createdon)/$entity`);
    expect(body).toMatchObject({ name: 'Sample Account', revenue: 5000000, accountcategorycode: 1, creditonhold: false });
  });

  test('create-bind-and-expand-201: binds single and collection navigation properties and expands them', async () => {
    const [pair] = readSample('reference/dataverse-samples/crud/create-bind-and-expand-201.http');
    await dv.request('contacts', { method: 'POST', body: JSON.stringify({ contactid: '00000000-0000-0000-0000-000000000001', firstname: 'Yvonne', lastname: 'McKay (sample)' }) });
    for (const [n, subject] of [['2', 'Task 1'], ['3', 'Task 2']])
      await dv.request('tasks', { method: 'POST', body: JSON.stringify({ activityid: `00000000-0000-0000-0000-00000000000${n}`, subject }) });
    const res = await sendSample(dv, pair!.request!);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    const documented = tryJson(pair!.response!.body) as Record<string, unknown>;
    expect(sortedKeys(body)).toEqual(sortedKeys(documented));
    expect(shape(body)).toEqual(shape(documented));
    expect(body.primarycontactid).toMatchObject({ fullname: 'Yvonne McKay (sample)', contactid: '00000000-0000-0000-0000-000000000001' });
    expect((body.Account_Tasks as { subject: string }[]).map((t) => t.subject).sort()).toEqual(['Task 1', 'Task 2']);
    expect(String(body['@odata.context'])).toMatch(/#accounts\(name,primarycontactid\(fullname\),Account_Tasks\(subject\)\)\/\$entity$/);
  });

  test('upsert-alternate-key: create 204, update 204, create 201, update 200 through a two-column key', async () => {
    const pairs = readSample('reference/dataverse-samples/crud/upsert-alternate-key.http');
    expect(pairs).toHaveLength(4);
    for (const pair of pairs) {
      const res = await sendSample(dv, pair.request!);
      expect({ title: pair.title, status: res.status }).toEqual({ title: pair.title, status: pair.response!.status });
      if (pair.response!.status === 204) {
        const documented = pair.response!.headers['odata-entityid']!.replace(/\[Organization U[Rr][Ii]\]/, dv.url);
        expect(res.headers.get('odata-entityid')).toBe(documented);
      } else {
        const body = (await res.json()) as Record<string, unknown>;
        const documented = tryJson(pair.response!.body) as Record<string, unknown>;
        expect(shape(body)).toEqual(shape(documented));
        expect(res.headers.get('etag')).toBe(body['@odata.etag']);
        expect(String(body['@odata.context'])).toBe(`${dv.api}$metadata#example_records(example_recordid)/$entity`);
      }
    }
    const rows = await (await dv.request('example_records?$select=example_name,example_key1,example_key2&$orderby=example_key1')).json();
    expect((rows as { value: unknown[] }).value).toEqual([
      expect.objectContaining({ example_name: '2:2 Updated', example_key1: 2, example_key2: 2 }),
      expect.objectContaining({ example_name: '3:3 Updated', example_key1: 3, example_key2: 3 }),
    ]);
  });
});
