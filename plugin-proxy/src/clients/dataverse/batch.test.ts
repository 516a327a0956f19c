import { parseBatchResponse, serializeBatch } from './batch';
import { alternateKey, idFromEntityUrl, logicalNameOf, recordPath } from './keys';

const ROOT = 'https://org.crm.dynamics.com/api/data/v9.2/';

describe('$batch serializer', () => {
  it('writes CRLF only, numbers change-set parts with Content-ID, keeps $n references and encodes spaces', () => {
    const { boundary, body } = serializeBatch([
      { changeSet: [{ method: 'POST', url: 'accounts', body: { name: 'A' } }, { method: 'POST', url: 'contacts', body: { 'parentcustomerid_account@odata.bind': '$1' } }] },
      { method: 'GET', url: "contacts?$filter=lastname eq 'X'" },
    ], ROOT);
    expect(body).not.toMatch(/[^\r]\n/);
    expect(body.startsWith(`--${boundary}\r\n`)).toBe(true);
    expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
    expect(body).toContain('Content-ID: 1\r\n');
    expect(body).toContain('Content-ID: 2\r\n');
    expect(body).toContain(`POST ${ROOT}accounts HTTP/1.1\r\n`);
    expect(body).toContain(`GET ${ROOT}contacts?$filter=lastname%20eq%20'X' HTTP/1.1\r\n`);
  });

  it('refuses a GET inside a change set (§3)', () => {
    expect(() => serializeBatch([{ changeSet: [{ method: 'GET', url: 'contacts' }] }], ROOT)).toThrow(/change set/);
  });
});

describe('$batch response reader', () => {
  it('flattens change sets, keeps Content-IDs and maps a failed part', () => {
    const text = [
      '--batchresponse_1',
      'Content-Type: multipart/mixed; boundary=changesetresponse_2',
      '',
      '--changesetresponse_2',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'HTTP/1.1 204 No Content',
      `OData-EntityId: ${ROOT}accounts(7eb682f1-ca75-e511-80d4-00155d2a68d1)`,
      '',
      '',
      '--changesetresponse_2--',
      '--batchresponse_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 400 Bad Request',
      'Content-Type: application/json; odata.metadata=minimal',
      '',
      '{"error":{"code":"0x80044331","message":"A validation error occurred."}}',
      '--batchresponse_1--',
      '',
    ].join('\r\n');
    const parts = parseBatchResponse('multipart/mixed; boundary=batchresponse_1', text);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ status: 204, contentId: '1' });
    expect(idFromEntityUrl(parts[0]!.headers['odata-entityid'])).toBe('7eb682f1-ca75-e511-80d4-00155d2a68d1');
    expect(parts[1]).toMatchObject({ status: 400, error: { code: 'CONNECTOR_ERR_VALIDATION', details: { upstreamCode: '0x80044331' } } });
  });
});

describe('keys', () => {
  it('quotes alternate keys, doubles single quotes and encodes what a URL needs', () => {
    expect(alternateKey({ clar_clarityid: "O'Neil", n: 2 })).toBe("clar_clarityid='O''Neil',n=2");
    expect(recordPath('contacts', "clar_clarityid='a b/c#'")).toBe("contacts(clar_clarityid='a%20b%2Fc%23')");
    expect(logicalNameOf('transactioncurrencies')).toBe('transactioncurrency');
    expect(logicalNameOf('customeraddresses')).toBe('customeraddress');
    expect(logicalNameOf('salesorders')).toBe('salesorder');
  });
});
