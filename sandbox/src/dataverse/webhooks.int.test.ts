import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDataverse, type RunningDataverse } from './test-support/harness';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * End to end: registering a webhook the way a setup tool does (serviceendpoint + sdkmessageprocessingstep +
 * image over the Web API) makes the emulator POST the RemoteExecutionContext when a user writes a row.
 */
describe('Dataverse webhooks registered over the Web API', () => {
  let dv: RunningDataverse;
  let receiver: http.Server;
  let received: Received[];
  let hookUrl: string;

  beforeAll(async () => {
    dv = await startDataverse();
    received = [];
    receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw) as Record<string, unknown> });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/dataverse`;
  });
  afterAll(async () => {
    await dv.close();
    receiver.close();
  });

  async function json<T>(res: Response): Promise<T> {
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as T;
  }

  test('an async Update step with filtering attributes and a post-image delivers the documented context', async () => {
    const endpoint = await json<{ serviceendpointid: string; authvalue?: string }>(
      await dv.request('serviceendpoints', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: JSON.stringify({
          name: 'Clarity connector',
          contract: 8,
          url: hookUrl,
          authtype: 5,
          authvalue: '<settings><setting name="X-Connector-Key" value="s3cret" /></settings>',
          messageformat: 2,
        }),
      }),
    );
    expect(endpoint.authvalue).toBeUndefined(); // write-only, never read back
    const update = await json<{ value: { sdkmessageid: string }[] }>(await dv.request("sdkmessages?$filter=name eq 'Update'&$select=name"));
    const messageId = update.value[0]!.sdkmessageid;
    const filters = await json<{ value: { sdkmessagefilterid: string }[] }>(
      await dv.request(`sdkmessagefilters?$filter=primaryobjecttypecode eq 'contact' and _sdkmessageid_value eq ${messageId}`),
    );
    const step = await dv.request('sdkmessageprocessingsteps', {
      method: 'POST',
      headers: { prefer: 'return=representation' },
      body: JSON.stringify({
        name: 'Clarity: contact Update',
        stage: 40,
        mode: 1,
        rank: 1,
        supporteddeployment: 0,
        filteringattributes: 'firstname,lastname,emailaddress1',
        'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpoint.serviceendpointid})`,
        'sdkmessageid@odata.bind': `/sdkmessages(${messageId})`,
        'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${filters.value[0]!.sdkmessagefilterid})`,
      }),
    });
    const stepId = (await json<{ sdkmessageprocessingstepid: string }>(step)).sdkmessageprocessingstepid;
    await dv.request('sdkmessageprocessingstepimages', {
      method: 'POST',
      body: JSON.stringify({
        name: 'PostImage',
        entityalias: 'PostImage',
        imagetype: 1,
        messagepropertyname: 'Target',
        attributes: 'firstname,lastname,emailaddress1',
        'sdkmessageprocessingstepid@odata.bind': `/sdkmessageprocessingsteps(${stepId})`,
      }),
    });

    const created = await dv.request('contacts', { method: 'POST', body: JSON.stringify({ firstname: 'Rita', lastname: 'Rep' }) });
    const contactUrl = created.headers.get('odata-entityid')!;
    const crmUser = await json<{ UserId: string }>(await dv.request('WhoAmI', { clientId: 'sandbox-crm-user' }));
    // A change to a column outside the filtering attributes does not fire the step.
    await dv.request(contactUrl, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify({ jobtitle: 'Buyer' }) });
    await dv.request(contactUrl, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify({ emailaddress1: 'rita@example.com' }) });
    await dv.emulator.webhooks.drain();

    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(hook!.headers['x-connector-key']).toBe('s3cret');
    expect(hook!.headers['x-ms-dynamics-entity-name']).toBe('contact');
    expect(hook!.headers['x-ms-dynamics-request-name']).toBe('Update');
    expect(hook!.headers['x-ms-dynamics-organization']).toBe('sandbox.crm.dynamics.com');
    expect(hook!.headers['x-ms-correlation-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const ctx = hook!.body;
    expect(ctx).toMatchObject({ MessageName: 'Update', PrimaryEntityName: 'contact', Stage: 40, Mode: 1, Depth: 1, InitiatingUserId: crmUser.UserId, UserId: crmUser.UserId });
    const target = (ctx.InputParameters as { key: string; value: { Attributes: { key: string; value: unknown }[] } }[])[0]!;
    expect(target.key).toBe('Target');
    expect(target.value.Attributes).toContainEqual({ key: 'emailaddress1', value: 'rita@example.com' });
    expect(target.value.Attributes.map((a) => a.key)).not.toContain('firstname');
    const post = (ctx.PostEntityImages as { key: string; value: { Attributes: { key: string; value: unknown }[] } }[]).find((i) => i.key === 'PostImage')!;
    expect(post.value.Attributes).toEqual(
      expect.arrayContaining([
        { key: 'firstname', value: 'Rita' },
        { key: 'lastname', value: 'Rep' },
        { key: 'emailaddress1', value: 'rita@example.com' },
      ]),
    );
  });
});
