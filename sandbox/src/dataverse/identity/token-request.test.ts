import { aadErrorBody, aadErrors } from './aad-errors';
import { sandboxClients } from './sandbox-clients';
import { checkTokenRequest } from './token-request';

const ctx = { tenant: 'sandbox', clients: sandboxClients() };
const good = { grant_type: 'client_credentials', client_id: 'sandbox-connector', client_secret: 'sandbox-secret', scope: 'https://org.crm.dynamics.com/.default' };
const codeOf = (form: Record<string, string | undefined>, auth?: string, c: Parameters<typeof checkTokenRequest>[2] = ctx) => {
  const r = checkTokenRequest(form, auth, c);
  return r.ok ? 'ok' : `${r.error.status} ${r.error.error} ${r.error.code}`;
};

describe('checkTokenRequest', () => {
  it('accepts client credentials and strips /.default for the audience', () => {
    const r = checkTokenRequest(good, undefined, ctx);
    expect(r).toMatchObject({ ok: true, audience: 'https://org.crm.dynamics.com', client: { clientId: 'sandbox-connector' } });
  });

  it.each([
    [{ ...good, grant_type: undefined }, '400 invalid_request 900144'],
    [{ ...good, grant_type: 'password' }, '400 unsupported_grant_type 70003'],
    [{ ...good, client_id: undefined }, '400 invalid_request 900144'],
    [{ ...good, client_id: 'nobody' }, '400 unauthorized_client 700016'],
    [{ ...good, client_secret: undefined }, '401 invalid_client 7000218'],
    [{ ...good, client_secret: undefined, client_assertion: 'x.y.z' }, '401 invalid_client 700027'],
    [{ ...good, client_secret: 'wrong' }, '401 invalid_client 7000215'],
    [{ ...good, scope: undefined }, '400 invalid_request 900144'],
    [{ ...good, scope: 'https://org.crm.dynamics.com/user_impersonation' }, '400 invalid_scope 1002012'],
    [{ ...good, scope: 'https://a/.default https://b/.default' }, '400 invalid_scope 70011'],
  ])('reports %j as %s', (form, expected) => {
    expect(codeOf(form)).toBe(expected);
  });

  it('ignores OIDC scopes next to the resource', () => {
    expect(codeOf({ ...good, scope: `openid profile offline_access ${good.scope}` })).toBe('ok');
  });

  it('accepts client_secret_basic', () => {
    const basic = `Basic ${Buffer.from('sandbox-crm-user:sandbox-secret').toString('base64')}`;
    expect(codeOf({ ...good, client_id: undefined, client_secret: undefined }, basic)).toBe('ok');
  });

  it('rejects resources the tenant does not know when a resource list is configured', () => {
    expect(codeOf(good, undefined, { ...ctx, resources: ['https://other/'] })).toBe('400 invalid_resource 500011');
    expect(codeOf(good, undefined, { ...ctx, resources: ['https://org.crm.dynamics.com/'] })).toBe('ok');
  });
});

describe('aadErrorBody', () => {
  it('has the Entra error shape with the AADSTS prefix and echoes a GUID correlation id', () => {
    const corr = '0b7a1c6e-0c1d-4f7e-9a35-5a6c0e9d0c01';
    const body = aadErrorBody(aadErrors.wrongSecret('app'), Date.UTC(2024, 4, 1, 10, 20, 30), corr);
    expect(Object.keys(body).sort()).toEqual(['correlation_id', 'error', 'error_codes', 'error_description', 'error_uri', 'timestamp', 'trace_id']);
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215], timestamp: '2024-05-01 10:20:30Z', correlation_id: corr });
    expect(body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\..* Trace ID: [0-9a-f-]{36} Correlation ID: 0b7a1c6e/);
  });
});
