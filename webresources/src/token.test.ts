/// <reference types="xrm" />
import { InteractionRequiredAuthError, type AccountInfo, type AuthenticationResult, type Configuration } from '@azure/msal-browser';
import { XrmMockGenerator } from 'xrm-mock';
import type { MsalClient } from '../../pcf-controls/shared/msal/MsalTokenProvider';
import { NOTIFICATION_ID, resync } from './resync';
import { configureSignIn, getToken, setTokenProvider } from './token';

const CONTACT_ID = '{6E1B3C2A-0000-4000-8000-000000000001}';
const SETTINGS = { baseUrl: 'https://connector.example.com', clientId: 'spa-client', tenantId: 'tenant-1', scope: 'api://clarity-connector/user_impersonation' };
const rep = { homeAccountId: 'u.t', environment: 'e', tenantId: 'tenant-1', username: 'rep@contoso.test', localAccountId: 'u' } as AccountInfo;

/** A PublicClientApplication double: ssoSilent answers from `silent`, the pop-up signs `rep` in. */
function fakeMsal(silent: () => Promise<AuthenticationResult>) {
  const log: string[] = [];
  const configs: Configuration[] = [];
  let active: AccountInfo | null = null;
  const client = {
    initialize: async () => undefined,
    getAllAccounts: () => (active ? [active] : []),
    getActiveAccount: () => active,
    setActiveAccount: (a: AccountInfo | null) => void (active = a),
    ssoSilent: async (r: { loginHint?: string }) => (log.push(`ssoSilent ${r.loginHint}`), silent()),
    acquireTokenSilent: async () => (log.push('acquireTokenSilent'), { accessToken: 'after-sign-in', account: active }),
    acquireTokenPopup: async () => (log.push('acquireTokenPopup'), { accessToken: 'popup', account: rep }),
  } as unknown as MsalClient;
  configureSignIn({ authorityHost: 'https://127.0.0.1:5555', createClient: (c) => (configs.push(c), client) });
  return { log, configs };
}

function xrm() {
  XrmMockGenerator.initialise({ entity: { entityName: 'contact', id: CONTACT_ID } });
  jest.spyOn(Xrm.Utility, 'getGlobalContext').mockReturnValue({
    getClientUrl: () => 'https://org.crm.dynamics.com/',
    userSettings: { userId: '{AAAA0000-0000-0000-0000-000000000001}' },
  } as unknown as Xrm.GlobalContext);
  jest.spyOn(Xrm.WebApi, 'retrieveRecord').mockImplementation((async () => ({ domainname: 'rep@contoso.test' })) as unknown as typeof Xrm.WebApi.retrieveRecord);
  jest.spyOn(Xrm.WebApi, 'retrieveMultipleRecords').mockImplementation((async () => ({
    entities: [
      ['clar_ProxyBaseUrl', SETTINGS.baseUrl],
      ['clar_ProxyClientId', SETTINGS.clientId],
      ['clar_TenantId', SETTINGS.tenantId],
      ['clar_ProxyScope', SETTINGS.scope],
    ].map(([schemaname, value]) => ({ schemaname, environmentvariabledefinition_environmentvariablevalue: [{ value }] })),
  })) as unknown as typeof Xrm.WebApi.retrieveMultipleRecords);
  jest.spyOn(Xrm.Utility, 'showProgressIndicator').mockImplementation(() => undefined);
  jest.spyOn(Xrm.Utility, 'closeProgressIndicator').mockImplementation(() => undefined);
  const form = XrmMockGenerator.getFormContext() as unknown as Xrm.FormContext & { ui: { formNotifications: { message: string; level: string }[] } };
  jest.spyOn(form.ui, 'getFormType').mockReturnValue(2);
  (form.data as unknown as { refresh: () => Promise<void> }).refresh = async () => undefined;
  return form;
}

afterEach(() => {
  jest.restoreAllMocks();
  setTokenProvider(undefined);
  configureSignIn({});
});

describe('default token provider: MSAL single sign-on', () => {
  it('configures MSAL from the environment variables, the org URL and the user’s domainname as login hint', async () => {
    xrm();
    const m = fakeMsal(async () => ({ accessToken: 'sso', account: rep }) as AuthenticationResult);
    expect(await getToken(SETTINGS)).toBe('sso');
    expect(m.configs[0]!.auth).toMatchObject({
      clientId: 'spa-client',
      authority: 'https://127.0.0.1:5555/tenant-1',
      knownAuthorities: ['127.0.0.1:5555'],
      redirectUri: 'https://org.crm.dynamics.com/WebResources/clar_/auth/redirect.html',
    });
    expect(m.log).toEqual(['ssoSilent rep@contoso.test']);
    expect(Xrm.WebApi.retrieveRecord).toHaveBeenCalledWith('systemuser', 'AAAA0000-0000-0000-0000-000000000001', '?$select=domainname');
  });

  it('names the missing environment variables', async () => {
    xrm();
    await expect(getToken({ baseUrl: 'https://x' })).rejects.toThrow('clar_ProxyClientId, clar_TenantId, clar_ProxyScope');
  });

  it('resync: when sign-in is needed it asks, opens the pop-up after the dialog click, and resyncs with the new token', async () => {
    const form = xrm();
    const m = fakeMsal(async () => {
      throw new InteractionRequiredAuthError('login_required', 'c', 'AADSTS50058: A silent sign-in request was sent but no user is signed in.');
    });
    const dialog = jest.fn(async () => ({ confirmed: true }));
    (Xrm.Navigation as unknown as { openConfirmDialog: typeof dialog }).openConfirmDialog = dialog;
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ outcome: 'done' }), { status: 200 }));
    await resync(form);
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(m.log).toEqual(['ssoSilent rep@contoso.test', 'acquireTokenPopup', 'acquireTokenSilent']);
    expect((fetchSpy.mock.calls[0]![1]!.headers as Record<string, string>).authorization).toBe('Bearer after-sign-in');
    expect(form.ui.formNotifications.filter(Boolean)).toEqual([{ message: 'Resynced with Clarity.', level: 'INFO', uniqueId: NOTIFICATION_ID }]);
  });

  it('resync: a declined sign-in calls nothing and says why', async () => {
    const form = xrm();
    const m = fakeMsal(async () => {
      throw new InteractionRequiredAuthError('interaction_required', 'c');
    });
    (Xrm.Navigation as unknown as { openConfirmDialog: () => Promise<{ confirmed: boolean }> }).openConfirmDialog = async () => ({ confirmed: false });
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    await resync(form);
    expect(m.log).toEqual(['ssoSilent rep@contoso.test']);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(form.ui.formNotifications.filter(Boolean)[0]).toMatchObject({ level: 'WARNING', message: 'Resync with Clarity needs you to sign in to Clarity first.' });
  });
});
