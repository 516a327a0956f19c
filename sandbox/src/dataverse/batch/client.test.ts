import { batchContentType, parseBatchResponse, serializeBatchRequest } from './client';
import { executeBatch } from './executor';
import { FakeWebApi, SEED_ACCOUNT, SERVICE_ROOT } from './test/fake-web-api';
import type { BatchItem } from './types';

describe('client helpers', () => {
  it('serializeBatchRequest writes CRLF framing with Content-IDs and the RFC 2046 blank line after an empty body', () => {
    const body = serializeBatchRequest(
      [
        { method: 'get', url: 'tasks', headers: {} },
        { changeSet: [{ method: 'POST', url: 'tasks', headers: { 'Content-Type': 'application/json' }, body: '{}', contentId: '1' }], boundary: 'changeset_x' },
      ],
      'batch_x',
    );
    expect(body).toBe(
      [
        '--batch_x', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', 'GET tasks HTTP/1.1', '', '',
        '--batch_x', 'Content-Type: multipart/mixed; boundary=changeset_x', '',
        '--changeset_x', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', 'Content-ID: 1', '',
        'POST tasks HTTP/1.1', 'Content-Type: application/json', '', '{}',
        '--changeset_x--',
        '--batch_x--', '',
      ].join('\r\n'),
    );
    expect(batchContentType('batch_x')).toBe('multipart/mixed; boundary="batch_x"');
  });

  it('round trip: serializeBatchRequest → executeBatch → parseBatchResponse', async () => {
    const api = new FakeWebApi();
    const items: BatchItem[] = [
      {
        changeSet: [
          { method: 'POST', url: 'contacts', headers: { 'Content-Type': 'application/json' }, body: '{"firstname":"A"}', contentId: 'c1' },
          { method: 'PATCH', url: '$c1', headers: { 'Content-Type': 'application/json' }, body: '{"lastname":"B"}', contentId: 'c2' },
        ],
      },
      { method: 'GET', url: `${SERVICE_ROOT}accounts(${SEED_ACCOUNT})`, headers: { Accept: 'application/json' } },
      { method: 'DELETE', url: '/api/data/v9.2/contacts(00000000-0000-0000-0000-00000000dead)', headers: {} },
    ];
    const result = await executeBatch(
      batchContentType('batch_rt'),
      Buffer.from(serializeBatchRequest(items, 'batch_rt')),
      { continueOnError: true },
      api.context(),
    );
    expect(result.status).toBe(200);
    const parts = parseBatchResponse(result.headers['Content-Type'], Buffer.from(result.body));
    expect(parts.map((p) => [p.status, p.statusText, p.contentId])).toEqual([
      [204, 'No Content', 'c1'],
      [204, 'No Content', 'c2'],
      [200, 'OK', undefined],
      [404, 'Not Found', undefined],
    ]);
    const contact = api.rows('contacts')[0];
    expect(contact).toMatchObject({ firstname: 'A', lastname: 'B' });
    expect(parts[0]!.headers['odata-entityid']).toBe(`${SERVICE_ROOT}contacts(${String(contact?.['contactid'])})`);
    expect(JSON.parse(parts[2]!.body)).toMatchObject({ accountid: SEED_ACCOUNT, name: 'Seed' });
  });

  it('parseBatchResponse reports a malformed response clearly', () => {
    expect(() => parseBatchResponse('multipart/mixed; boundary=b', '--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n')).toThrow(
      'Malformed $batch response: Encountered an unexpected end of input while reading the batch payload.',
    );
    expect(() => parseBatchResponse('application/json', '{}')).toThrow(/^Malformed \$batch response/);
  });
});
