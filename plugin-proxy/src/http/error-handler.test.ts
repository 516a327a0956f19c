import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConnectorError, ERROR_CATALOGUE, type ErrorCode } from '../errors';
import { toConnectorError } from './error-handler';

describe('docs/errors.md', () => {
  const doc = readFileSync(path.resolve(__dirname, '../../../docs/errors.md'), 'utf8');
  it.each(Object.entries(ERROR_CATALOGUE))('lists %s with its status and retryability', (code, spec) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    expect(row).toBeDefined();
    const cells = (row as string).split('|').map((c) => c.trim());
    expect(cells[2]).toBe(String(spec.status));
    expect(cells[3]).toBe(spec.retryable ? 'yes' : 'no');
    expect((cells[5] ?? '').length).toBeGreaterThan(10);
  });
});

describe('toConnectorError', () => {
  it('keeps a ConnectorError and its status', () => {
    const err = new ConnectorError('CONNECTOR_ERR_CONFLICT', 'not dead');
    expect(toConnectorError(err)).toEqual({ error: err, status: 409 });
  });

  it.each<[unknown, ErrorCode, number]>([
    [Object.assign(new Error('too big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 'CONNECTOR_ERR_TOO_LARGE', 413],
    [Object.assign(new Error('bad json'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }), 'CONNECTOR_ERR_MALFORMED', 400],
    [Object.assign(new Error('media'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), 'CONNECTOR_ERR_MALFORMED', 415],
    [new Error('boom with a secret inside'), 'CONNECTOR_ERR_INTERNAL', 500],
  ])('maps other errors (%#)', (err, code, status) => {
    const r = toConnectorError(err);
    expect(r.error.code).toBe(code);
    expect(r.status).toBe(status);
    expect(r.error.message).not.toContain('secret');
  });
});
