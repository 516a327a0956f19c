import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDataverse, type RunningDataverse } from './test-support/harness';

type Row = Record<string, unknown>;
interface Hook {
  MessageName: string;
  PrimaryEntityName: string;
  PrimaryEntityId: string;
  InitiatingUserId: string;
  InputParameters: { key: string; value: { Attributes: { key: string; value: unknown }[] } }[];
}

/**
 * The CloseIncident action (dataverse-webapi.md §5.2): the only way to resolve a case. It creates the case
 * resolution activity and moves the case to Resolved in one operation, answers 204, and registered webhook steps
 * see both writes; a PATCH of statecode 1 is refused, and so is closing a case that is not active.
 */
describe('POST CloseIncident', () => {
  let dv: RunningDataverse;
  let receiver: http.Server;
  const received: Hook[] = [];
  let contactId: string;

  beforeAll(async () => {
    dv = await startDataverse({ webhooks: { retryDelayMs: 10 } });
    receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        received.push(JSON.parse(raw) as Hook);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const endpoint = await created('serviceendpoints', { name: 'test', contract: 8, url, authtype: 4, authvalue: 'a-webhook-key-of-16+', messageformat: 2 });
    for (const [message, table] of [['Update', 'incident'], ['Create', 'incidentresolution']] as const) {
      const msg = ((await (await dv.request(`sdkmessages?$filter=name eq '${message}'&$select=name`)).json()) as { value: Row[] }).value[0]!;
      const filter = ((await (await dv.request(`sdkmessagefilters?$filter=primaryobjecttypecode eq '${table}' and _sdkmessageid_value eq ${String(msg.sdkmessageid)}`)).json()) as { value: Row[] }).value[0]!;
      await created('sdkmessageprocessingsteps', {
        name: `test: ${table} ${message}`, stage: 40, mode: 1, rank: 1, supporteddeployment: 0,
        'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${String(endpoint.serviceendpointid)})`,
        'sdkmessageid@odata.bind': `/sdkmessages(${String(msg.sdkmessageid)})`,
        'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${String(filter.sdkmessagefilterid)})`,
      });
    }
    contactId = String((await created('contacts', { firstname: 'Cass', lastname: 'Case' })).contactid);
  });
  afterAll(async () => {
    await dv.close();
    receiver.close();
  });

  async function created(set: string, body: Row): Promise<Row> {
    const res = await dv.request(set, { method: 'POST', headers: { prefer: 'return=representation' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as Row;
  }
  const newCase = async (title: string) => String((await created('incidents', { title, 'customerid_contact@odata.bind': `/contacts(${contactId})` })).incidentid);
  const close = (body: unknown, clientId?: string) => dv.request('CloseIncident', { method: 'POST', body: JSON.stringify(body), ...(clientId ? { clientId } : {}) });
  const resolution = (incidentId: string, extra: Row = {}) => ({
    '@odata.type': 'Microsoft.Dynamics.CRM.incidentresolution',
    subject: 'Refunded in the store',
    'incidentid@odata.bind': `/incidents(${incidentId})`,
    ...extra,
  });
  const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { code: string; message: string } }).error });
  const read = async (path: string) => (await (await dv.request(path)).json()) as Row & { value: Row[] };

  test('a PATCH of statecode 1 (Resolved) is refused: resolving needs the action', async () => {
    const id = await newCase('Patch it');
    const res = await dv.request(`incidents(${id})`, { method: 'PATCH', headers: { 'if-match': '*' }, body: JSON.stringify({ statecode: 1, statuscode: 5 }) });
    expect(await errorOf(res)).toMatchObject({ status: 400, message: expect.stringContaining('use the CloseIncidentRequest message instead') });
    expect(await read(`incidents(${id})?$select=statecode`)).toMatchObject({ statecode: 0 });
  });

  test('resolves the case with the given status, creates the completed resolution, answers 204, fires the steps', async () => {
    const id = await newCase('Broken widget');
    received.length = 0;
    const res = await close({ IncidentResolution: resolution(id, { description: 'Refund 24.99 USD', timespent: 15 }), Status: 5 }, 'sandbox-crm-user');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await read(`incidents(${id})?$select=statecode,statuscode`)).toMatchObject({ statecode: 1, statuscode: 5 });
    const resolutions = await read(`incidentresolutions?$select=subject,description,timespent,statecode,statuscode,_incidentid_value&$filter=_incidentid_value eq ${id}`);
    expect(resolutions.value).toEqual([expect.objectContaining({ subject: 'Refunded in the store', description: 'Refund 24.99 USD', timespent: 15, statecode: 1, statuscode: 2, _incidentid_value: id })]);

    await dv.emulator.webhooks.drain();
    const crmUser = ((await (await dv.request('WhoAmI', { clientId: 'sandbox-crm-user' })).json()) as { UserId: string }).UserId;
    expect(received.map((h) => [h.MessageName, h.PrimaryEntityName, h.InitiatingUserId])).toEqual([
      ['Create', 'incidentresolution', crmUser],
      ['Update', 'incident', crmUser],
    ]);
    const target = received[1]!.InputParameters.find((p) => p.key === 'Target')!.value.Attributes;
    expect(target).toEqual(expect.arrayContaining([{ key: 'statecode', value: expect.objectContaining({ Value: 1 }) }, { key: 'statuscode', value: expect.objectContaining({ Value: 5 }) }]));

    // Closing it again is the documented fault, and nothing changes.
    const again = await close({ IncidentResolution: resolution(id), Status: 5 });
    expect(await errorOf(again)).toEqual({ status: 400, code: '0x800404cf', message: 'This case has already been resolved. Close and reopen the case record to see the updates.' });
    expect((await read(`incidentresolutions?$select=subject&$filter=_incidentid_value eq ${id}`)).value).toHaveLength(1);
  });

  test('Status -1 takes the Resolved default (5 Problem Solved); a status of another state is refused', async () => {
    const id = await newCase('Default status');
    expect((await close({ IncidentResolution: resolution(id), Status: -1 })).status).toBe(204);
    expect(await read(`incidents(${id})?$select=statuscode`)).toMatchObject({ statuscode: 5 });
    const other = await newCase('Wrong status');
    expect(await errorOf(await close({ IncidentResolution: resolution(other), Status: 6 }))).toMatchObject({ status: 400, code: '0x80040203', message: `6 is not a valid status code for state code IncidentState.Resolved on incident with Id ${other}.` });
    expect(await read(`incidents(${other})?$select=statecode`)).toMatchObject({ statecode: 0 });
  });

  test('a canceled case cannot be resolved; bad parameters and a missing case are clear errors, and nothing is written', async () => {
    const canceled = await newCase('Canceled');
    expect((await dv.request(`incidents(${canceled})`, { method: 'PATCH', headers: { 'if-match': '*' }, body: JSON.stringify({ statecode: 2, statuscode: 6 }) })).status).toBe(204);
    expect(await errorOf(await close({ IncidentResolution: resolution(canceled), Status: 5 }))).toMatchObject({ status: 400, code: '0x800404cf' });

    const id = await newCase('Bad calls');
    expect(await errorOf(await close({ IncidentResolution: resolution(id), Status: 5, Comment: 'x' }))).toMatchObject({ status: 400, message: "The parameter 'Comment' in the request payload is not a valid parameter for the operation 'CloseIncident'." });
    expect(await errorOf(await close({ Status: 5 }))).toMatchObject({ status: 400, message: expect.stringContaining("'IncidentResolution'") });
    expect(await errorOf(await close({ IncidentResolution: resolution(id) }))).toMatchObject({ status: 400, message: expect.stringContaining("'Status'") });
    expect(await errorOf(await close({ IncidentResolution: { subject: 'No case' }, Status: 5 }))).toMatchObject({ status: 400, message: expect.stringContaining("'incidentid'") });
    const missing = '00000000-0000-0000-0000-00000000dead';
    expect(await errorOf(await close({ IncidentResolution: resolution(missing), Status: 5 }))).toMatchObject({ status: 404, message: `incident With Id = ${missing} Does Not Exist` });
    expect(await read(`incidents(${id})?$select=statecode`)).toMatchObject({ statecode: 0 });
    expect((await read(`incidentresolutions?$select=subject&$filter=subject eq 'No case'`)).value).toEqual([]);
    expect((await dv.request('CloseIncident')).status).toBe(404);
  });

  test('works as a part of a $batch change set, which rolls back as one', async () => {
    const id = await newCase('In a batch');
    const boundary = 'batch_1';
    const changeset = 'changeset_1';
    const part = (n: number, body: unknown) =>
      [`--${changeset}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${n}`, '', `POST ${dv.api}CloseIncident HTTP/1.1`, 'Content-Type: application/json', '', JSON.stringify(body)].join('\r\n');
    const payload = [
      `--${boundary}`, `Content-Type: multipart/mixed; boundary=${changeset}`, '',
      part(1, { IncidentResolution: resolution(id), Status: 5 }),
      part(2, { IncidentResolution: resolution(id), Status: 5 }), // fails: already resolved by part 1
      `--${changeset}--`, `--${boundary}--`, '',
    ].join('\r\n');
    const res = await dv.request('$batch', { method: 'POST', headers: { 'content-type': `multipart/mixed; boundary=${boundary}` }, body: payload });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('0x800404cf');
    expect(await read(`incidents(${id})?$select=statecode`)).toMatchObject({ statecode: 0 });
    expect((await read(`incidentresolutions?$select=subject&$filter=_incidentid_value eq ${id}`)).value).toEqual([]);
  });
});
