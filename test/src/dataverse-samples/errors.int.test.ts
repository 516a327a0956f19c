import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { describeWithShared, readSample, sharedPath, tryJson } from '../support/http-samples';
import { SAMPLES, startSampleDataverse } from '../support/dataverse-samples';
import fs from 'node:fs';

const ACCOUNT = '00000000-0000-0000-0000-000000000001';
type ErrorBody = { error: { code: string; message: string } };

/** The documented error body of a sample file (several are not valid JSON upstream: we read code and message). */
function documentedError(file: string): { status: number; code: string; message: string } {
  const text = fs.readFileSync(sharedPath('reference/dataverse-samples/errors', file), 'utf8');
  const status = Number(/HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 400);
  const json = tryJson(text.slice(text.indexOf('{'))) as ErrorBody | undefined;
  if (json) return { status, ...json.error };
  return {
    status,
    code: /"code"\s*:\s*"([^"]*)"/.exec(text)![1]!,
    message: /"message"\s*:\s*"([\s\S]*?)(?:<truncated|"\s*[,}\n])/.exec(text)![1]!.replace(/\s+/g, ' ').trim(),
  };
}

async function expectError(res: Response, file: string, match: 'exact' | 'prefix' = 'exact'): Promise<void> {
  const doc = documentedError(file);
  expect(res.status).toBe(doc.status);
  expect(res.headers.get('content-type')).toBe('application/json; odata.metadata=minimal');
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe(doc.code);
  if (match === 'exact') expect(body.error.message).toBe(doc.message);
  else expect(body.error.message.replace(/\s+/g, ' ').startsWith(doc.message.slice(0, 60))).toBe(true);
}

/** Each documented error response, provoked by the request that produces it on the real service. */
describeWithShared('documented error samples', SAMPLES, () => {
  let dv: RunningDataverse;
  beforeAll(async () => {
    dv = await startSampleDataverse();
    await dv.request('accounts', { method: 'POST', body: JSON.stringify({ accountid: ACCOUNT, name: 'Existing' }) });
  });
  afterAll(() => dv.close());

  test('404 resource not found for segment (entity set names are case-sensitive)', async () => {
    await expectError(await dv.request('Account'), '404-resource-not-found-for-segment.http');
  });

  test('400 could not find a property named Name ($select is case-sensitive)', async () => {
    await expectError(await dv.request('accounts?$select=Name'), '400-could-not-find-property.http');
  });

  test('404 no HTTP resource: POST to the WhoAmI function', async () => {
    const res = await dv.request('WhoAmI', { method: 'POST' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toEqual({ code: '', message: `No HTTP resource was found that matches the request URI '${dv.api}WhoAmI'.` });
  });

  test('400 invalid property in payload (wrong case in a written property)', async () => {
    await expectError(await dv.request('accounts', { method: 'POST', body: JSON.stringify({ Name: 'x' }) }), '400-invalid-property-in-payload.http', 'prefix');
  });

  test('400 undeclared navigation property: binding the polymorphic parentcustomerid by its column name', async () => {
    const res = await dv.request('contacts', { method: 'POST', body: JSON.stringify({ lastname: 'x', 'parentcustomerid@odata.bind': `/accounts(${ACCOUNT})` }) });
    await expectError(res, '400-undeclared-nav-property.http', 'prefix');
  });

  test('400 validation: a value longer than the column maximum', async () => {
    const res = await dv.request('tasks', { method: 'POST', body: JSON.stringify({ subject: 'x'.repeat(201) }) });
    expect(res.status).toBe(400);
    const documented = JSON.parse(fs.readFileSync(sharedPath('reference/dataverse-samples/errors/400-validation-max-length.json'), 'utf8')) as ErrorBody;
    expect(await res.json()).toEqual(documented);
  });

  test('404 with If-Match: * on a missing row (upsert that must not create)', async () => {
    const res = await dv.request(`accounts(${ACCOUNT.replace(/1$/, '9')})`, { method: 'PATCH', headers: { 'if-match': '*' }, body: JSON.stringify({ name: 'x' }) });
    const doc = documentedError('404-if-match-star-not-found.http');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error).toEqual({ code: doc.code, message: doc.message.replace(ACCOUNT, ACCOUNT.replace(/1$/, '9')) });
  });

  test('412 with If-None-Match: * on an existing row (upsert that must not update)', async () => {
    const res = await dv.request(`accounts(${ACCOUNT})`, { method: 'PATCH', headers: { 'if-none-match': '*' }, body: JSON.stringify({ name: 'x' }) });
    await expectError(res, '412-if-none-match-star-exists.http');
  });

  test('412 on an ETag mismatch (optimistic concurrency)', async () => {
    const res = await dv.request(`accounts(${ACCOUNT})`, { method: 'PATCH', headers: { 'if-match': 'W/"1"' }, body: JSON.stringify({ name: 'x' }) });
    await expectError(res, '412-etag-mismatch.http');
  });

  test('404 for an alternate key that matches nothing (message as documented; code per the spec, 0x80060891)', async () => {
    const res = await dv.request("contacts(clar_clarityid='does-not-exist')");
    const doc = documentedError('404-record-not-found-by-alternate-key.http');
    expect(res.status).toBe(doc.status);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.message).toBe(doc.message.replace('m365_collaborationmap', 'contact'));
    expect(body.error.code).toBe('0x80060891');
  });

  test('400 plug-in error 0x80040265 when a synchronous webhook step fails, and the write is rolled back', async () => {
    const receiver = http.createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const endpoint = await dv.request('serviceendpoints', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: JSON.stringify({ name: 'Failing hook', contract: 8, url: `http://127.0.0.1:${port}/hook`, authtype: 4, authvalue: 'k', messageformat: 2 }),
      });
      const endpointId = ((await endpoint.json()) as { serviceendpointid: string }).serviceendpointid;
      const filters = (await (await dv.request("sdkmessagefilters?$filter=primaryobjecttypecode eq 'lead' and _sdkmessageid_value eq 9ebdbb1b-ea3e-db11-86a7-000a3a5473e8")).json()) as { value: { sdkmessagefilterid: string }[] };
      const step = await dv.request('sdkmessageprocessingsteps', {
        method: 'POST',
        body: JSON.stringify({
          name: 'Sync create of lead',
          stage: 40,
          mode: 0,
          rank: 1,
          supporteddeployment: 0,
          'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpointId})`,
          'sdkmessageid@odata.bind': '/sdkmessages(9ebdbb1b-ea3e-db11-86a7-000a3a5473e8)',
          'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${filters.value[0]!.sdkmessagefilterid})`,
        }),
      });
      expect(step.status).toBe(204);
      const res = await dv.request('leads', { method: 'POST', body: JSON.stringify({ lastname: 'Rolled back' }) });
      const doc = documentedError('400-plugin-error-with-annotations.http');
      expect(res.status).toBe(doc.status);
      expect(((await res.json()) as ErrorBody).error.code).toBe(doc.code);
      const leads = (await (await dv.request("leads?$filter=lastname eq 'Rolled back'")).json()) as { value: unknown[] };
      expect(leads.value).toHaveLength(0);
    } finally {
      receiver.close();
    }
  });

  test('401 without a token: empty body and a Bearer challenge', async () => {
    const res = await fetch(`${dv.api}contacts`);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=.+\/oauth2\/authorize/);
  });

  test('the documented samples parse (sanity check of the reader)', () => {
    expect(readSample('reference/dataverse-samples/errors/412-etag-mismatch.http')[0]?.response?.status).toBe(412);
  });
});
