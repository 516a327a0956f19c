import type { RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { describeWithShared, readSample, tryJson } from '../support/http-samples';
import { SAMPLES, sendSample, startSampleDataverse } from '../support/dataverse-samples';

type Json = Record<string, unknown>;

/** Replays the documented change-tracking pair: initial load with a delta link, then the delta. */
describeWithShared('documented change-tracking samples', SAMPLES, () => {
  let dv: RunningDataverse;
  beforeAll(async () => {
    dv = await startSampleDataverse();
  });
  afterAll(() => dv.close());

  test('initial read returns rows and a delta link; the delta returns changed rows and deleted entities', async () => {
    const create = async (body: Json) => {
      const res = await dv.request('accounts', { method: 'POST', body: JSON.stringify(body) });
      return /\(([0-9a-f-]{36})\)$/.exec(res.headers.get('odata-entityid') ?? '')![1]!;
    };
    const kept = await create({ name: 'Monte Orton', telephone1: '555000', fax: '10101' });
    const doomed = await create({ name: 'To be deleted' });
    const [initial] = readSample('reference/dataverse-samples/change-tracking/initial.response.http');
    const res = await sendSample(dv, initial!.request!);
    expect(res.status).toBe(200);
    expect(res.headers.get('preference-applied')).toBe('odata.track-changes');
    const body = (await res.json()) as Json;
    const documented = tryJson(initial!.response!.body) as { value: Json[] };
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    expect((body.value as Json[]).map((r) => Object.keys(r).sort())).toContainEqual(Object.keys(documented.value[0]!).sort());
    const deltaLink = String(body['@odata.deltaLink']);
    expect(deltaLink).toMatch(/\/api\/data\/v9\.0\/accounts\?\$select=name,accountnumber,telephone1,fax&\$deltatoken=\d+%21\d\d%2f\d\d%2f\d{4}%20\d\d%3a\d\d%3a\d\d$/);

    await dv.request(`accounts(${kept})`, { method: 'PATCH', headers: { 'if-match': '*' }, body: JSON.stringify({ telephone1: '555001' }) });
    await dv.request(`accounts(${doomed})`, { method: 'DELETE' });
    const [delta] = readSample('reference/dataverse-samples/change-tracking/delta.response.http');
    const res2 = await dv.request(deltaLink);
    expect(res2.status).toBe(200);
    const body2 = (await res2.json()) as Json;
    const doc2 = tryJson(delta!.response!.body) as { value: Json[] };
    expect(String(body2['@odata.context'])).toMatch(/#accounts\(name,accountnumber,telephone1,fax\)\/\$delta$/);
    const rows = body2.value as Json[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ accountid: kept, telephone1: '555001' });
    expect(Object.keys(rows[1]!)).toEqual(Object.keys(doc2.value[1]!));
    expect(rows[1]).toEqual({ '@odata.context': `${dv.url}/api/data/v9.0/$metadata#accounts/$deletedEntity`, id: doomed, reason: 'deleted' });
    expect(String(body2['@odata.deltaLink'])).not.toBe(deltaLink);
    const again = (await (await dv.request(String(body2['@odata.deltaLink']))).json()) as Json;
    expect(again.value).toEqual([]);
  });

  test('$filter, $orderby, $expand and $top are rejected with track-changes', async () => {
    for (const option of ["$filter=name eq 'x'", '$orderby=name', '$expand=primarycontactid($select=fullname)', '$top=1']) {
      const res = await dv.request(`accounts?$select=name&${option}`, { headers: { prefer: 'odata.track-changes' } });
      expect(res.status).toBe(400);
      const name = option.slice(0, option.indexOf('='));
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(`The "${name}" query parameter isn't supported when Change Tracking is enabled.`);
    }
  });
});
