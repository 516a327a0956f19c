import type { Configuration } from '@azure/msal-browser';
import { ControlApiError } from './ControlApi';
import { environmentQuery, readProxySettings, settingsFromRecords } from './environment';
import { HttpControlApi, ordersPath } from './HttpControlApi';
import type { MsalClient } from './msal/MsalTokenProvider';
import { createControlRuntime } from './runtime';
import { StaticTokenProvider, UrlTokenProvider } from './tokenProvider';

type Call = { url: string; init?: RequestInit };

function fakeFetch(respond: (url: string) => { status: number; body: unknown } | Promise<never>) {
  const calls: Call[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const r = await respond(String(input));
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fn, calls };
}

const api = (fetchFn: typeof fetch, timeoutMs = 1000) =>
  new HttpControlApi({ baseUrl: async () => 'https://proxy.example.com/', tokens: new StaticTokenProvider('tok'), fetch: fetchFn, timeoutMs });

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof ControlApiError ? err.kind : `other: ${String(err)}`;
  }
}

describe('HttpControlApi', () => {
  it('builds the orders path for contacts and accounts, dropping braces and empty filters', () => {
    expect(ordersPath('contact', '{ABC}', { status: 'shipped', from: '2026-01-01', to: '', sort: '-createdAt', limit: 25 })).toBe(
      '/api/control/contacts/abc/orders?status=shipped&from=2026-01-01&sort=-createdAt&limit=25',
    );
    expect(ordersPath('account', 'x', { cursor: 'c/1' })).toBe('/api/control/accounts/x/orders?cursor=c%2F1');
  });

  it('sends the bearer token and returns the body', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { linked: true, orders: [], nextCursor: null } }));
    await expect(api(f.fn).listOrders('contact', 'id1', {})).resolves.toEqual({ linked: true, orders: [], nextCursor: null });
    expect(f.calls[0]!.url).toBe('https://proxy.example.com/api/control/contacts/id1/orders');
    expect((f.calls[0]!.init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it.each([
    [503, 'CONNECTOR_ERR_TRANSIENT', 'unavailable'],
    [502, 'CONNECTOR_ERR_TRANSIENT', 'unavailable'],
    [404, 'CONNECTOR_ERR_NOT_FOUND', 'notLinked'],
    [401, 'CONNECTOR_ERR_UNAUTHORIZED', 'unauthorized'],
    [403, 'CONNECTOR_ERR_FORBIDDEN', 'forbidden'],
    [500, 'CONNECTOR_ERR_INTERNAL', 'unknown'],
  ])('maps HTTP %i %s to %s', async (status, code, kind) => {
    const f = fakeFetch(() => ({ status, body: { error: { code, message: 'm' } } }));
    expect(await kindOf(api(f.fn).getOrder('o1'))).toBe(kind);
  });

  it('treats linked: false as not linked', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { linked: false, balance: null, recent: [] } }));
    expect(await kindOf(api(f.fn).getLoyalty('c1'))).toBe('notLinked');
  });

  it('times out a hanging proxy and reports network failures', async () => {
    const hang = ((_: unknown, init?: RequestInit) =>
      new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    expect(await kindOf(api(hang, 20).getOrder('o1'))).toBe('timeout');
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    expect(await kindOf(api(down).getOrder('o1'))).toBe('network');
  });

  it('says notConfigured without a base URL, before asking for a token', async () => {
    const tokens = { getToken: jest.fn(async () => 't') };
    const a = new HttpControlApi({ baseUrl: async () => null, tokens, fetch: fakeFetch(() => ({ status: 200, body: {} })).fn });
    expect(await kindOf(a.getOrder('o1'))).toBe('notConfigured');
    expect(tokens.getToken).not.toHaveBeenCalled();
  });
});

describe('token providers', () => {
  it('UrlTokenProvider caches the token until shortly before expiry and shares one request', async () => {
    let now = 0;
    const f = fakeFetch(() => ({ status: 200, body: { access_token: `t${f.calls.length}`, expires_in: 120 } }));
    const p = new UrlTokenProvider('http://localhost/token', f.fn, () => now);
    expect(await Promise.all([p.getToken(), p.getToken()])).toEqual(['t1', 't1']);
    now = 59_000;
    expect(await p.getToken()).toBe('t1');
    now = 61_000;
    expect(await p.getToken()).toBe('t2');
    expect(f.calls).toHaveLength(2);
  });

});

describe('environment variables', () => {
  const records = [
    { schemaname: 'clar_ProxyBaseUrl', defaultvalue: 'https://default', environmentvariabledefinition_environmentvariablevalue: [{ value: 'https://current' }] },
    { schemaname: 'clar_ProxyScope', defaultvalue: 'api://scope/.default', environmentvariabledefinition_environmentvariablevalue: [] },
    { schemaname: 'clar_TenantId', defaultvalue: '', environmentvariabledefinition_environmentvariablevalue: [{ value: '' }] },
  ];

  it('prefers the current value over the default, treating empty as unset', () => {
    expect(settingsFromRecords(records)).toEqual({ clar_ProxyBaseUrl: 'https://current', clar_ProxyClientId: null, clar_ProxyScope: 'api://scope/.default', clar_TenantId: null });
  });

  it('queries the definitions with their values expanded', async () => {
    const calls: string[] = [];
    await readProxySettings({ retrieveMultipleRecords: async (e, o) => (calls.push(`${e}${o}`), { entities: records }) });
    expect(calls[0]).toBe(`environmentvariabledefinition${environmentQuery()}`);
    expect(calls[0]).toContain("$filter=schemaname eq 'clar_ProxyBaseUrl' or");
    expect(calls[0]).toContain('$expand=environmentvariabledefinition_environmentvariablevalue($select=value)');
  });

  it('the runtime uses the input override first, the environment variable otherwise, and a token URL when given', async () => {
    const f = fakeFetch((url) => (url.endsWith('/token') ? { status: 200, body: { token: 'preview' } } : { status: 200, body: { linked: true, orders: [], nextCursor: null } }));
    let overrides = { proxyBaseUrl: null as string | null, tokenUrl: 'http://localhost:3000/token' as string | null, authorityHost: null };
    const webAPI = { retrieveMultipleRecords: jest.fn(async () => ({ entities: records })) };
    const rt = createControlRuntime({ webAPI, overrides: () => overrides, fetch: f.fn });
    await rt.api.listOrders('contact', 'c1', {});
    expect(f.calls.map((c) => c.url)).toEqual(['http://localhost:3000/token', 'https://current/api/control/contacts/c1/orders']);
    overrides = { ...overrides, proxyBaseUrl: 'https://override' };
    await rt.api.listOrders('contact', 'c1', {});
    expect(f.calls.at(-1)!.url).toBe('https://override/api/control/contacts/c1/orders');
    expect(webAPI.retrieveMultipleRecords).toHaveBeenCalledTimes(1);
    overrides = { proxyBaseUrl: null, tokenUrl: null, authorityHost: null };
    // No token URL: MSAL single sign-on, which needs clar_ProxyClientId and clar_TenantId (unset here).
    expect(await kindOf(rt.api.listOrders('contact', 'c1', {}))).toBe('notConfigured');
  });

  it('without a token URL the runtime signs in with MSAL: authority, redirect page, login hint from systemuser.domainname', async () => {
    const env = [
      ...records.filter((r) => r.schemaname !== 'clar_TenantId'),
      { schemaname: 'clar_ProxyClientId', defaultvalue: 'spa-client' },
      { schemaname: 'clar_TenantId', defaultvalue: 'tenant-1' },
    ];
    const webAPI = {
      retrieveMultipleRecords: async () => ({ entities: env }),
      retrieveRecord: jest.fn(async () => ({ domainname: 'rep@contoso.test' })),
    };
    const msal = { configs: [] as Configuration[], requests: [] as unknown[] };
    const client = {
      initialize: async () => undefined,
      getAllAccounts: () => [],
      getActiveAccount: () => null,
      setActiveAccount: () => undefined,
      ssoSilent: async (r: unknown) => (msal.requests.push(r), { accessToken: 'sso', account: null }),
      acquireTokenPopup: async () => ({ accessToken: 'popup', account: null }),
    } as unknown as MsalClient;
    const f = fakeFetch(() => ({ status: 200, body: { linked: true, orders: [], nextCursor: null } }));
    const rt = createControlRuntime({
      webAPI,
      overrides: () => ({ proxyBaseUrl: null, tokenUrl: null, authorityHost: 'https://127.0.0.1:5555' }),
      userId: '{AAAA0000-0000-0000-0000-000000000001}',
      origin: 'https://org.crm.dynamics.com',
      fetch: f.fn,
      createMsalClient: (c) => (msal.configs.push(c), client),
    });
    await rt.api.listOrders('contact', 'c1', {});
    expect(f.calls[0]!.init!.headers).toMatchObject({ Authorization: 'Bearer sso' });
    expect(msal.configs[0]!.auth).toMatchObject({ clientId: 'spa-client', authority: 'https://127.0.0.1:5555/tenant-1', redirectUri: 'https://org.crm.dynamics.com/WebResources/clar_/auth/redirect.html' });
    expect(msal.requests[0]).toEqual({ scopes: ['api://scope/.default'], loginHint: 'rep@contoso.test' });
    expect(webAPI.retrieveRecord).toHaveBeenCalledWith('systemuser', 'AAAA0000-0000-0000-0000-000000000001', '?$select=domainname');
    await expect(rt.api.signIn!()).resolves.toBeUndefined();
    expect(msal.configs).toHaveLength(1); // one MSAL instance per configuration
  });
});
