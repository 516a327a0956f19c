import { BrowserAuthError, InteractionRequiredAuthError, type AccountInfo, type AuthenticationResult, type Configuration } from '@azure/msal-browser';
import { ControlApiError } from '../ControlApi';
import { msalConfiguration, msalSettingsFrom, type MsalSettings } from './config';
import { controlErrorFromMsal, MsalTokenProvider, type MsalClient } from './MsalTokenProvider';

const SETTINGS: MsalSettings = {
  clientId: 'spa-client',
  tenantId: 'tenant-1',
  scope: 'api://clarity-connector/user_impersonation',
  authorityHost: 'https://127.0.0.1:5555',
  redirectUri: 'https://org.crm.dynamics.com/WebResources/clar_/auth/redirect.html',
};
const account = (username: string, tenantId = 'tenant-1'): AccountInfo =>
  ({ homeAccountId: `${username}.${tenantId}`, environment: '127.0.0.1:5555', tenantId, username, localAccountId: username }) as AccountInfo;
const result = (accessToken: string, acct = account('rep@contoso.test')) => ({ accessToken, account: acct }) as AuthenticationResult;

/** A PublicClientApplication double that records calls; each method answers from a queue the test fills. */
function fakeMsal(accounts: AccountInfo[] = []) {
  const calls: { method: string; request?: unknown }[] = [];
  let active: AccountInfo | null = null;
  const answers: Record<string, (() => Promise<AuthenticationResult>)[]> = { acquireTokenSilent: [], ssoSilent: [], acquireTokenPopup: [] };
  const next = (method: string) => async (request: unknown) => {
    calls.push({ method, request });
    const answer = answers[method]!.shift();
    if (!answer) throw new Error(`unexpected ${method}`);
    return answer();
  };
  const client = {
    initialize: jest.fn(async () => undefined),
    getAllAccounts: () => accounts,
    getActiveAccount: () => active,
    setActiveAccount: (a: AccountInfo | null) => void (active = a),
    acquireTokenSilent: next('acquireTokenSilent'),
    ssoSilent: next('ssoSilent'),
    acquireTokenPopup: next('acquireTokenPopup'),
  } as unknown as MsalClient;
  const configs: Configuration[] = [];
  return { client, calls, answers, configs, create: (c: Configuration) => (configs.push(c), client), active: () => active };
}

const kindOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof ControlApiError ? `${e.kind}:${e.code ?? ''}` : `other:${String(e)}`));

describe('MsalTokenProvider', () => {
  it('with no cached account: ssoSilent with the login hint, then the account becomes active and is used silently', async () => {
    const m = fakeMsal();
    m.answers.ssoSilent.push(async () => result('sso-token'));
    const provider = new MsalTokenProvider({ settings: SETTINGS, loginHint: async () => 'rep@contoso.test', createClient: m.create });
    expect(await provider.getToken()).toBe('sso-token');
    expect(m.calls).toEqual([{ method: 'ssoSilent', request: { scopes: [SETTINGS.scope], loginHint: 'rep@contoso.test' } }]);
    expect(m.active()?.username).toBe('rep@contoso.test');

    m.answers.acquireTokenSilent.push(async () => result('cached-token'));
    expect(await provider.getToken()).toBe('cached-token');
    expect(m.calls[1]).toEqual({ method: 'acquireTokenSilent', request: { scopes: [SETTINGS.scope], account: m.active() } });
    expect(m.client.initialize).toHaveBeenCalledTimes(1);
  });

  it('picks the cached account the hint names (of this tenant) for acquireTokenSilent', async () => {
    const m = fakeMsal([account('other@contoso.test'), account('rep@contoso.test', 'another-tenant'), account('REP@contoso.test')]);
    m.answers.acquireTokenSilent.push(async () => result('t'));
    await new MsalTokenProvider({ settings: SETTINGS, loginHint: async () => 'rep@contoso.test', createClient: m.create }).getToken();
    expect((m.calls[0]!.request as { account: AccountInfo }).account).toMatchObject({ username: 'REP@contoso.test', tenantId: 'tenant-1' });
  });

  it('turns interaction_required / login_required into the signInRequired kind the controls act on', async () => {
    const m = fakeMsal();
    m.answers.ssoSilent.push(async () => {
      throw new InteractionRequiredAuthError('login_required', 'corr', 'AADSTS50058: A silent sign-in request was sent but no user is signed in.');
    });
    const provider = new MsalTokenProvider({ settings: SETTINGS, createClient: m.create });
    expect(await kindOf(provider.getToken())).toBe('signInRequired:login_required');
    // No hint source: ssoSilent without one (Entra then uses the session's only user).
    expect(m.calls[0]!.request).toEqual({ scopes: [SETTINGS.scope], loginHint: undefined });
  });

  it('signIn opens the pop-up with the hint; a closed pop-up stays signInRequired, other failures are unauthorized or network', async () => {
    const m = fakeMsal();
    m.answers.acquireTokenPopup.push(async () => result('popup-token', account('rep@contoso.test')));
    m.answers.acquireTokenPopup.push(async () => {
      throw new BrowserAuthError('user_cancelled', 'corr');
    });
    const provider = new MsalTokenProvider({ settings: SETTINGS, loginHint: async () => 'rep@contoso.test', createClient: m.create });
    await provider.signIn();
    expect(m.calls[0]).toEqual({ method: 'acquireTokenPopup', request: { scopes: [SETTINGS.scope], loginHint: 'rep@contoso.test' } });
    expect(m.active()?.username).toBe('rep@contoso.test');
    expect(await kindOf(provider.signIn())).toBe('signInRequired:user_cancelled');
    expect(controlErrorFromMsal(new BrowserAuthError('post_request_failed', 'c')).kind).toBe('network');
    expect(controlErrorFromMsal(Object.assign(new Error('AADSTS700016: Application not found'), { errorCode: 'unauthorized_client' }))).toMatchObject({ kind: 'unauthorized', code: 'unauthorized_client' });
  });

  it('shares one silent request between concurrent callers and survives a failing login-hint lookup', async () => {
    const m = fakeMsal();
    let release!: () => void;
    m.answers.ssoSilent.push(() => new Promise((r) => (release = () => r(result('shared')))));
    const provider = new MsalTokenProvider({ settings: SETTINGS, loginHint: async () => Promise.reject(new Error('no privilege')), createClient: m.create });
    const both = Promise.all([provider.getToken(), provider.getToken()]);
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await both).toEqual(['shared', 'shared']);
    expect(m.calls).toHaveLength(1);
  });

  it('a client that cannot start (bad authority, initialize failing) is notConfigured, and retried next time', async () => {
    expect(await kindOf(new MsalTokenProvider({ settings: { ...SETTINGS, authorityHost: 'http://127.0.0.1:5555' }, createClient: fakeMsal().create }).getToken())).toBe('notConfigured:');
    const m = fakeMsal();
    (m.client.initialize as jest.Mock).mockRejectedValueOnce(new Error('crypto unavailable'));
    m.answers.ssoSilent.push(async () => result('after-retry'));
    const provider = new MsalTokenProvider({ settings: SETTINGS, createClient: m.create });
    expect(await kindOf(provider.getToken())).toBe('notConfigured:');
    expect(await provider.getToken()).toBe('after-retry');
  });
});

describe('msal configuration', () => {
  it('authority from host and tenant; a non-Microsoft host is a known authority (no instance discovery)', () => {
    expect(msalConfiguration(SETTINGS)).toEqual({
      auth: { clientId: 'spa-client', authority: 'https://127.0.0.1:5555/tenant-1', knownAuthorities: ['127.0.0.1:5555'], redirectUri: SETTINGS.redirectUri },
      cache: { cacheLocation: 'sessionStorage' },
    });
    expect(msalConfiguration({ ...SETTINGS, authorityHost: null }).auth).toMatchObject({ authority: 'https://login.microsoftonline.com/tenant-1', knownAuthorities: [] });
  });

  it('names the environment variables that are missing', () => {
    expect(msalSettingsFrom({ clientId: 'c', tenantId: null, scope: '' }, { redirectUri: 'x' })).toEqual({ ok: false, missing: ['clar_TenantId', 'clar_ProxyScope'] });
    expect(msalSettingsFrom({ clientId: 'c', tenantId: 't', scope: 's' }, { redirectUri: 'r', authorityHost: null })).toMatchObject({ ok: true, settings: { clientId: 'c', tenantId: 't', scope: 's', redirectUri: 'r' } });
  });
});
