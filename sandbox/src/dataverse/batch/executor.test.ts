import { batchContentType, parseBatchResponse, serializeBatchRequest } from './client';
import { executeBatch } from './executor';
import { FakeWebApi, SEED_ACCOUNT, SERVICE_ROOT } from './test/fake-web-api';
import { shapeOf } from './test/structure';
import type { BatchItem, SubRequest } from './types';

/** Behaviour of specs/dataverse-webapi.md §3 beyond the documented samples, against the fake Web API. */

const BOUNDARY = 'batch_test';
const json = { 'Content-Type': 'application/json' };
const task = (subject: string, contentId?: string): SubRequest => ({
  method: 'POST',
  url: '/api/data/v9.2/tasks',
  headers: json,
  body: JSON.stringify({ subject, 'regardingobjectid_account_task@odata.bind': `accounts(${SEED_ACCOUNT})` }),
  ...(contentId ? { contentId } : {}),
});
const tooLong = 'x'.repeat(201);

async function send(items: BatchItem[] | string, { continueOnError = false, api = new FakeWebApi(), contentType = batchContentType(BOUNDARY) } = {}) {
  const body = typeof items === 'string' ? items : serializeBatchRequest(items, BOUNDARY);
  const result = await executeBatch(contentType, Buffer.from(body), { continueOnError }, api.context());
  return { api, result };
}

function errorMessage(result: { headers: Record<string, string>; body: string }): string {
  expect(result.headers['Content-Type']).toMatch(/^application\/json/);
  return (JSON.parse(result.body) as { error: { message: string } }).error.message;
}

describe('Content-ID references inside a change set', () => {
  it('resolve in the URL ($1/lastname, $3/…/$ref) and in @odata.bind / @odata.id values', async () => {
    const { api, result } = await send([
      {
        changeSet: [
          { method: 'POST', url: 'contacts', headers: json, body: '{"firstname":"Ada"}', contentId: '1' },
          { method: 'PUT', url: '$1/lastname', headers: json, body: '{"value":"Lovelace"}', contentId: '2' },
          { method: 'POST', url: 'accounts', headers: json, body: '{"name":"A","primarycontactid@odata.bind":"$1"}', contentId: '3' },
          { method: 'POST', url: '$3/contact_customer_accounts/$ref', headers: json, body: '{"@odata.id":"$1"}', contentId: '4' },
        ],
      },
    ]);
    expect(result.status).toBe(200);
    const contact = api.rows('contacts')[0]!;
    const account = api.rows('accounts').find((a) => a['name'] === 'A')!;
    const contactUrl = `${SERVICE_ROOT}contacts(${String(contact['contactid'])})`;
    expect(api.log.map((r) => r.url)).toEqual([
      '/api/data/v9.2/contacts',
      `/api/data/v9.2/contacts(${String(contact['contactid'])})/lastname`,
      '/api/data/v9.2/accounts',
      `/api/data/v9.2/accounts(${String(account['accountid'])})/contact_customer_accounts/$ref`,
    ]);
    expect(JSON.parse(api.log[2]!.body!)).toEqual({ name: 'A', 'primarycontactid@odata.bind': contactUrl });
    expect(JSON.parse(api.log[3]!.body!)).toEqual({ '@odata.id': contactUrl });
    expect(contact['lastname']).toBe('Lovelace');
    expect(account['_primarycontactid_value']).toBe(contact['contactid']);
    expect(parseBatchResponse(result.headers['Content-Type'], result.body).map((p) => p.contentId)).toEqual(['1', '2', '3', '4']);
  });

  it.each([
    ['undeclared', [task('a', '1'), { method: 'PATCH', url: '$5', headers: json, body: '{}' }]],
    ['declared later (forward reference)', [{ method: 'PATCH', url: '$2', headers: json, body: '{}' }, task('a', '2')]],
    ['used only in a body', [task('a', '1'), { method: 'POST', url: 'accounts', headers: json, body: '{"primarycontactid@odata.bind":"$9"}' }]],
  ])('a reference %s is the documented 400 and nothing runs', async (_name, changeSet) => {
    const { api, result } = await send([{ changeSet }]);
    expect(result.status).toBe(400);
    expect(errorMessage(result)).toMatch(/^Content-ID Reference: '\$\d' does not exist in the batch context\.$/);
    expect(api.log).toHaveLength(0);
  });

  it('a reference outside any change set does not resolve', async () => {
    const { result } = await send([task('a', '1'), { method: 'PATCH', url: '$1', headers: json, body: '{}' }]);
    expect(errorMessage(result)).toBe("Content-ID Reference: '$1' does not exist in the batch context.");
  });
});

describe('change sets are one transaction', () => {
  it('rolls back the first two creates when the third fails, and reports only the failing part', async () => {
    const { api, result } = await send([{ changeSet: [task('one', '1'), task('two', '2'), task(tooLong, '3')] }, task('after')]);
    expect(result.status).toBe(400);
    expect(api.rows('tasks')).toHaveLength(0);
    expect(api.transactions).toEqual({ started: 1, rolledBack: 1 });
    expect(api.log).toHaveLength(3); // the request after the change set never ran
    const shape = shapeOf(result.body, result.headers['Content-Type']);
    expect(shape.items).toMatchObject([
      { kind: 'changeset', boundaryPrefix: 'changesetresponse_', parts: [{ status: 400, contentId: '3', headerNames: ['REQ_ID', 'Content-Type', 'OData-Version'] }] },
    ]);
  });

  it('with continue-on-error a failed change set is reported inline and later work still runs (outer 200)', async () => {
    const { api, result } = await send([{ changeSet: [task('one', '1'), task(tooLong, '2')] }, task('after'), { changeSet: [task('cs2', '1')] }], {
      continueOnError: true,
    });
    expect(result.status).toBe(200);
    expect(api.rows('tasks').map((t) => t['subject'])).toEqual(['after', 'cs2']);
    expect(shapeOf(result.body, result.headers['Content-Type']).items).toMatchObject([
      { kind: 'changeset', parts: [{ status: 400, contentId: '2' }] },
      { kind: 'operation', status: 204 },
      { kind: 'changeset', parts: [{ status: 204, contentId: '1' }] },
    ]);
  });

  it('without it, a failing top-level request stops the batch after earlier ones ran', async () => {
    const { api, result } = await send([task('first'), task(tooLong), task('never')]);
    expect(result.status).toBe(400);
    expect(api.rows('tasks').map((t) => t['subject'])).toEqual(['first']);
    const parts = parseBatchResponse(result.headers['Content-Type'], result.body);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.status).toBe(400);
    expect(parts[0]!.headers['req_id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('limits and malformed batches (plain JSON 400, nothing runs)', () => {
  it('accepts 1000 operations, change-set operations included', async () => {
    const items: BatchItem[] = Array.from({ length: 990 }, (_, i) => task(`t${i}`));
    items.push({ changeSet: Array.from({ length: 10 }, (_, i) => task(`c${i}`, String(i + 1))) });
    const { api, result } = await send(items);
    expect(result.status).toBe(200);
    expect(parseBatchResponse(result.headers['Content-Type'], result.body)).toHaveLength(1000);
    expect(api.rows('tasks')).toHaveLength(1000);
  });

  it('rejects 1001 operations', async () => {
    const items: BatchItem[] = Array.from({ length: 1000 }, (_, i) => task(`t${i}`));
    items.push({ changeSet: [task('one too many', '1')] });
    const { api, result } = await send(items);
    expect(result.status).toBe(400);
    expect(errorMessage(result)).toContain("maximum number of '1000' query operations, including changeset operations");
    expect(api.log).toHaveLength(0);
  });

  it.each([
    ['GET inside a change set', [{ changeSet: [{ method: 'GET', url: 'tasks', headers: {} }] }], "An invalid HTTP method 'GET' was detected for a request in a change set"],
    ['a nested $batch', [{ method: 'POST', url: '/api/data/v9.2/$batch', headers: {}, body: 'x' }], 'Nested batch requests are not supported'],
    ['a Content-ID used twice in one change set', [{ changeSet: [task('a', '1'), task('b', '1')] }], "The content ID '1' was found more than once"],
  ] as Array<[string, BatchItem[], string]>)('rejects %s', async (_name, items, message) => {
    const { api, result } = await send(items);
    expect(result.status).toBe(400);
    expect(errorMessage(result)).toContain(message);
    expect(api.log).toHaveLength(0);
  });

  it('rejects a change set nested in a change set', async () => {
    const inner = serializeBatchRequest([task('a')], 'changeset_inner').replace(/\r\n$/, '');
    const body = [
      `--${BOUNDARY}`, 'Content-Type: multipart/mixed; boundary=changeset_outer', '',
      '--changeset_outer', 'Content-Type: multipart/mixed; boundary=changeset_inner', '', inner,
      '--changeset_outer--', `--${BOUNDARY}--`, '',
    ].join('\r\n');
    const { result } = await send(body);
    expect(errorMessage(result)).toBe('Nested change sets in a batch payload are not supported.');
  });

  it.each([
    [undefined, "The content type '' is not supported"],
    ['application/json', "The content type 'application/json' is not supported"],
    ['multipart/mixed', "does not include a batch boundary"],
    ['multipart/mixed; boundary=', 'The batch boundary'],
  ])('content type %p → 400', async (contentType, message) => {
    const api = new FakeWebApi();
    const result = await executeBatch(contentType, Buffer.from(serializeBatchRequest([task('a')], BOUNDARY)), { continueOnError: false }, api.context());
    expect(result.status).toBe(400);
    expect(errorMessage(result)).toContain(message);
  });

  it('rejects a part without Content-Transfer-Encoding: binary, and a batch without its end delimiter', async () => {
    const good = serializeBatchRequest([task('a')], BOUNDARY);
    expect(errorMessage((await send(good.replace('Content-Transfer-Encoding: binary\r\n', ''))).result)).toContain("'Content-Transfer-Encoding'");
    expect(errorMessage((await send(good.replace(`--${BOUNDARY}--\r\n`, ''))).result)).toBe(
      'Encountered an unexpected end of input while reading the batch payload.',
    );
  });
});

describe('line endings', () => {
  it('one bare-LF header line is enough for the documented "Stream was not readable" batch response', async () => {
    const body = serializeBatchRequest([task('a')], BOUNDARY).replace('Content-Type: application/json\r\n', 'Content-Type: application/json\n');
    const { api, result } = await send(body);
    expect(result.status).toBe(400);
    expect(result.headers['Content-Type']).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    const [part] = parseBatchResponse(result.headers['Content-Type'], result.body);
    expect(part?.headers['req_id']).toBeDefined();
    expect(JSON.parse(part!.body)).toMatchObject({ error: { code: '0x80048d19', message: expect.stringContaining("Entity :'tasks'") } });
    expect(api.log).toHaveLength(0);
  });

  it('LF inside a JSON body is content, not framing, and is accepted', async () => {
    const { result } = await send([{ ...task('a'), body: '{\n  "subject": "pretty"\n}' }]);
    expect(result.status).toBe(200);
  });
});

describe('parts reach the routes as paths, and answers are cleaned up', () => {
  it('normalises absolute (any host), host-relative and service-root-relative URLs', async () => {
    const { api, result } = await send([
      { ...task('a'), url: 'https://contoso.crm.dynamics.com/api/data/v9.2/tasks' },
      { ...task('b'), url: `${SERVICE_ROOT}tasks?x=1` },
      { ...task('c'), url: 'tasks' },
      { ...task('d'), url: '/api/data/v9.2/tasks' },
    ]);
    expect(result.status).toBe(200);
    expect(api.log.map((r) => r.url)).toEqual(['/api/data/v9.2/tasks', '/api/data/v9.2/tasks?x=1', '/api/data/v9.2/tasks', '/api/data/v9.2/tasks']);
    expect(api.log[0]!.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('drops transport headers from parts and turns an escaped DataverseError into a failed part', async () => {
    const { result } = await send([task('a'), { method: 'POST', url: 'explode', headers: json, body: '{}' }], { continueOnError: true });
    expect(result.body).not.toMatch(/^(Content-Length|Date|Connection):/im);
    const parts = parseBatchResponse(result.headers['Content-Type'], result.body);
    expect(parts.map((p) => p.status)).toEqual([204, 400]);
    expect(JSON.parse(parts[1]!.body)).toEqual({ error: { code: '0x0', message: 'thrown by the route' } });
  });
});
