/**
 * What index.ts builds once per control instance: the HTTP ControlApi wired to the environment variables
 * (read once through the Web API) and a token provider. Kept out of index.ts so both controls share it.
 * Tokens: the `tokenUrl` input when set (sandbox preview only), else MSAL single sign-on.
 */
import { ControlApiError, type ControlApi } from './ControlApi';
import { readLoginHint, readProxySettings, type ProxySettings, type WebApi } from './environment';
import { HttpControlApi } from './HttpControlApi';
import { configKey, msalSettingsFrom, REDIRECT_PATH } from './msal/config';
import { MsalTokenProvider, type MsalTokenProviderOptions } from './msal/MsalTokenProvider';
import { UrlTokenProvider, type TokenProvider } from './tokenProvider';

export interface RuntimeInputs {
  proxyBaseUrl: string | null;
  tokenUrl: string | null;
  /** Sign-in service origin (another cloud, or the sandbox); login.microsoftonline.com when null. */
  authorityHost: string | null;
}

export interface RuntimeOptions {
  webAPI: WebApi | null | undefined;
  /** Read on every call: the control's input properties can change between updateView calls. */
  overrides: () => RuntimeInputs;
  /** The signed-in Dynamics user (`context.userSettings.userId`), for the sign-in login hint. */
  userId?: string | null;
  /** Origin the redirect page is served from; the page's own origin (the org URL) by default. */
  origin?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Tests: a fake PublicClientApplication. */
  createMsalClient?: MsalTokenProviderOptions['createClient'];
}

export interface ControlRuntime {
  api: ControlApi;
  dispose(): void;
}

export function createControlRuntime(options: RuntimeOptions): ControlRuntime {
  let settings: Promise<ProxySettings> | null = null;
  let urlTokens: { url: string; provider: UrlTokenProvider } | null = null;
  let msal: { key: string; provider: MsalTokenProvider } | null = null;
  let disposed = false;
  // A failed read (e.g. no privilege on environment variables) is retried on the next call, not cached.
  const loadSettings = (): Promise<ProxySettings> =>
    (settings ??= readProxySettings(options.webAPI).catch((err: unknown) => {
      settings = null;
      throw err;
    }));

  const msalProvider = async (): Promise<MsalTokenProvider> => {
    const s = await loadSettings();
    const origin = options.origin ?? (globalThis as { location?: { origin?: string } }).location?.origin ?? '';
    const resolved = msalSettingsFrom(
      { clientId: s.clar_ProxyClientId, tenantId: s.clar_TenantId, scope: s.clar_ProxyScope },
      { authorityHost: options.overrides().authorityHost, redirectUri: origin + REDIRECT_PATH },
    );
    if (!resolved.ok) throw new ControlApiError('notConfigured', `Single sign-on needs the environment variables ${resolved.missing.join(', ')}`);
    const key = configKey(resolved.settings);
    if (msal?.key !== key) {
      const provider = new MsalTokenProvider({
        settings: resolved.settings,
        loginHint: () => readLoginHint(options.webAPI, options.userId),
        createClient: options.createMsalClient,
      });
      msal = { key, provider };
    }
    return msal.provider;
  };

  const tokens: TokenProvider = {
    async getToken() {
      if (disposed) throw new Error('control destroyed');
      const { tokenUrl } = options.overrides();
      if (tokenUrl) {
        if (urlTokens?.url !== tokenUrl) urlTokens = { url: tokenUrl, provider: new UrlTokenProvider(tokenUrl, options.fetch) };
        return urlTokens.provider.getToken();
      }
      return (await msalProvider()).getToken();
    },
    async signIn() {
      if (disposed) throw new Error('control destroyed');
      if (options.overrides().tokenUrl) throw new ControlApiError('notConfigured', 'Interactive sign-in is not used with a token URL');
      return (await msalProvider()).signIn();
    },
  };

  const api = new HttpControlApi({
    baseUrl: async () => options.overrides().proxyBaseUrl || (await loadSettings()).clar_ProxyBaseUrl,
    tokens,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  return {
    api,
    dispose() {
      disposed = true;
      settings = null;
      urlTokens = null;
      msal = null;
    },
  };
}
