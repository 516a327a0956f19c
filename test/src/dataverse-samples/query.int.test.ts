import type { RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { describeWithShared, readSample, tryJson } from '../support/http-samples';
import { SAMPLES, sendSample, startSampleDataverse } from '../support/dataverse-samples';

type Json = Record<string, unknown>;

/** Replays the documented query samples (reference/dataverse-samples/query) on data shaped like the docs'. */
describeWithShared('documented query samples', SAMPLES, () => {
  let dv: RunningDataverse;
  beforeEach(async () => {
    dv = await startSampleDataverse();
  });
  afterEach(() => dv.close());

  async function post(set: string, body: Json): Promise<string> {
    const res = await dv.request(set, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(204);
    return /\(([0-9a-f-]{36})\)$/.exec(res.headers.get('odata-entityid') ?? '')![1]!;
  }

  test('formatted-values: annotations before each value, same keys as documented', async () => {
    const contact = await post('contacts', { firstname: 'Susanna', lastname: 'Stubberod (sample)' });
    await post('accounts', { name: 'Litware, Inc. (sample)', revenue: 20000, customertypecode: 1, 'primarycontactid@odata.bind': `/contacts(${contact})` });
    const [pair] = readSample('reference/dataverse-samples/query/formatted-values.response.http');
    const res = await sendSample(dv, pair!.request!);
    expect(res.status).toBe(200);
    expect(res.headers.get('preference-applied')).toBe(pair!.response!.headers['preference-applied']);
    const body = (await res.json()) as { value: Json[] };
    const documented = (tryJson(pair!.response!.body) as { value: Json[] }).value[0]!;
    const row = body.value[0]!;
    expect(Object.keys(row)).toEqual(Object.keys(documented));
    expect(row).toMatchObject({
      name: 'Litware, Inc. (sample)',
      'revenue@OData.Community.Display.V1.FormattedValue': '$20,000.00',
      revenue: 20000,
      '_primarycontactid_value@OData.Community.Display.V1.FormattedValue': 'Susanna Stubberod (sample)',
      _primarycontactid_value: contact,
      'customertypecode@OData.Community.Display.V1.FormattedValue': 'Competitor',
      '_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue': 'US Dollar',
    });
    expect(row['modifiedon@OData.Community.Display.V1.FormattedValue']).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} [AP]M$/);
  });

  test('lookup-annotations: navigation property and logical name of each lookup', async () => {
    await post('accounts', { name: 'Adventure Works (sample)' });
    await post('accounts', { name: 'Litware, Inc. (sample)' });
    const [pair] = readSample('reference/dataverse-samples/query/lookup-annotations.response.http');
    const res = await sendSample(dv, pair!.request!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const documented = tryJson(pair!.response!.body) as { value: Json[] };
    expect(String(body['@odata.context'])).toBe(`${dv.api}$metadata#accounts(name,_ownerid_value)`);
    const rows = body.value as Json[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(Object.keys(documented.value[0]!));
      expect(row['_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe('ownerid');
      expect(row['_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('systemuser');
    }
  });

  test('paging: odata.maxpagesize=2 gives two rows and an opaque nextLink that continues where it stopped', async () => {
    const names = ['Yvonne McKay', 'Susanna Stubberod', 'Nancy Anderson', 'Maria Campbell', 'Scott Konersmann'];
    for (const n of names) await post('contacts', { firstname: n.split(' ')[0], lastname: `${n.split(' ')[1]} (sample)` });
    const [page1] = readSample('reference/dataverse-samples/query/paging-page1.response.http');
    const res1 = await sendSample(dv, page1!.request!);
    expect(res1.status).toBe(200);
    expect(res1.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    const body1 = (await res1.json()) as Json;
    const doc1 = tryJson(page1!.response!.body) as Json;
    expect(Object.keys(body1)).toEqual(Object.keys(doc1));
    expect(String(body1['@odata.nextLink'])).toMatch(
      /\/api\/data\/v9\.2\/contacts\?\$select=fullname&\$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253ccontactid%2520last%253d%2522%257b[0-9A-F-]{36}%257d%2522%2520first%253d%2522%257b[0-9A-F-]{36}%257d%2522%2520%252f%253e%253c%252fcookie%253e%22%20istracking=%22False%22%20\/%3E$/,
    );
    const seen = (body1.value as Json[]).map((r) => r.fullname);
    let link = body1['@odata.nextLink'] as string | undefined;
    while (link) {
      const res = await dv.request(link, { headers: { prefer: 'odata.maxpagesize=2' } });
      const body = (await res.json()) as Json;
      seen.push(...(body.value as Json[]).map((r) => r.fullname));
      link = body['@odata.nextLink'] as string | undefined;
    }
    expect([...seen].sort()).toEqual(names.map((n) => `${n.split(' ')[0]} ${n.split(' ')[1]} (sample)`).sort());
  });
});
