import { executeBatch } from './executor';
import { FakeWebApi, SEED_ACCOUNT } from './test/fake-web-api';
import { loadHttp, samplesAvailable, toCrlf } from './test/samples';
import { normaliseIds, shapeOf, type ShapeNode } from './test/structure';

/**
 * Each documented request (shared/reference/dataverse-samples/batch/01–06, as CRLF) runs through the engine
 * and the response is compared with the documented response: outer status, nesting, boundary prefixes,
 * part statuses, echoed Content-IDs, header names (case and order) and bodies.
 */

const available = samplesAvailable();
const describeSamples = available ? describe : describe.skip;

async function run(sample: string, api = new FakeWebApi()) {
  const request = loadHttp(`batch/${sample}.request.http`);
  const prefer = request.headers['prefer'] ?? '';
  const result = await executeBatch(
    request.headers['content-type'],
    Buffer.from(request.body, 'utf8'),
    { continueOnError: prefer.includes('odata.continue-on-error') },
    api.context(),
  );
  const documented = loadHttp(`batch/${sample}.response.http`);
  return { api, result, documented };
}

/** Drops what legitimately differs between two runs (bodies are compared separately). */
function skeleton(nodes: ShapeNode[]): unknown[] {
  return nodes.map((n) =>
    n.kind === 'changeset'
      ? { changeset: n.boundaryPrefix, parts: skeleton(n.parts) }
      : { status: n.status, text: n.statusText, contentId: n.contentId, headers: n.headerNames },
  );
}

function expectSameShape(result: { status: number; headers: Record<string, string>; body: string }, documented: { startLine: string; body: string }) {
  const ours = shapeOf(result.body, result.headers['Content-Type']);
  const theirs = shapeOf(documented.body);
  expect(`HTTP/1.1 ${result.status}`).toBe(documented.startLine.slice(0, 'HTTP/1.1 200'.length));
  expect(ours.boundaryPrefix).toBe('batchresponse_');
  expect(theirs.boundaryPrefix).toBe('batchresponse_');
  expect(skeleton(ours.items)).toEqual(skeleton(theirs.items));
  expect(result.headers['OData-Version']).toBe('4.0');
  expect(result.body).not.toMatch(/(?<!\r)\n/);
}

describeSamples('documented $batch samples', () => {
  it('01: three creates and a GET, no change set: 204 parts with Location/OData-EntityId, then the GET', async () => {
    const { api, result, documented } = await run('01-batch-no-changeset');
    expectSameShape(result, documented);
    expect(api.rows('tasks').map((t) => t['_regardingobjectid_account_task_value'])).toEqual([SEED_ACCOUNT, SEED_ACCOUNT, SEED_ACCOUNT]);
    // Byte for byte, once ids and etag numbers are abstracted: blank lines, header order, the GET body.
    expect(normaliseIds(result.body).trimEnd()).toBe(normaliseIds(documented.body).trimEnd());
  });

  it('02: the creates in a change set come back nested under changesetresponse_ with Content-ID 1..3', async () => {
    const { api, result, documented } = await run('02-batch-changeset');
    expectSameShape(result, documented);
    expect(api.transactions).toEqual({ started: 1, rolledBack: 0 });
    expect(normaliseIds(result.body).trimEnd()).toBe(normaliseIds(documented.body).trimEnd());
  });

  it('03: $1/$2 in @odata.bind resolve to the lead and contact created earlier in the change set', async () => {
    const { api, result, documented } = await run('03-changeset-content-id-refs');
    expectSameShape(result, documented);
    const [lead] = api.rows('leads');
    const [contact] = api.rows('contacts');
    const [account] = api.rows('accounts').filter((a) => a['name'] === 'IcM Account');
    expect(account?.['_originatingleadid_value']).toBe(lead?.['leadid']);
    expect(account?.['_primarycontactid_value']).toBe(contact?.['contactid']);
  });

  it('04: PATCH $1 targets the account of part 1 and answers with its OData-EntityId', async () => {
    const { api, result, documented } = await run('04-changeset-ref-in-url-patch');
    expectSameShape(result, documented);
    expect(api.log[2]).toMatchObject({ method: 'PATCH', url: `/api/data/v9.2/accounts(${String(api.rows('accounts')[1]?.['accountid'])})` });
    const ids = [...result.body.matchAll(/^OData-EntityId: (.*)\r$/gm)].map((m) => m[1]);
    expect(ids[2]).toBe(ids[0]);
    const created = api.rows('accounts').find((a) => a['name'] === 'Account name');
    expect(created?.['_primarycontactid_value']).toBe(api.rows('contacts')[0]?.['contactid']);
  });

  it('05: without continue-on-error the first failure ends the batch: outer 400, only that part, REQ_ID', async () => {
    const { api, result, documented } = await run('05-batch-error-stops');
    expectSameShape(result, documented);
    expect(api.rows('tasks')).toHaveLength(0);
    expect(normaliseIds(result.body).trimEnd()).toBe(normaliseIds(documented.body).trimEnd());
  });

  it('06: with continue-on-error the failure is inline and the next two creates still run', async () => {
    const { api, result, documented } = await run('06-batch-continue-on-error');
    expectSameShape(result, documented);
    expect(api.rows('tasks')).toHaveLength(2);
    expect(normaliseIds(result.body).trimEnd()).toBe(normaliseIds(documented.body).trimEnd());
  });
});

describeSamples('bare-LF bodies', () => {
  it('sample 01 as printed (LF) is rejected as documented: 400 batch response, 0x80048d19 "Stream was not readable"', async () => {
    const api = new FakeWebApi();
    const request = loadHttp('batch/01-batch-no-changeset.request.http', { crlf: false });
    const result = await executeBatch(request.headers['content-type'], Buffer.from(request.body), { continueOnError: false }, api.context());
    const documented = loadHttp('errors/400-batch-not-crlf-stream-not-readable.http');
    expectSameShape(result, documented);
    expect(api.log).toHaveLength(0);
    const ours = shapeOf(result.body, result.headers['Content-Type']).items[0];
    const theirs = shapeOf(documented.body).items[0];
    if (ours?.kind !== 'operation' || theirs?.kind !== 'operation') throw new Error('expected operation parts');
    // Same text as the captured response, with the entity set of the first part ('tasks' here, 'accounts' there).
    expect(JSON.parse(ours.body)).toEqual(JSON.parse(toCrlf(theirs.body).replace("Entity :'accounts'", "Entity :'tasks'")));
  });
});
