/**
 * What index.ts builds once per control instance: the HTTP ControlApi wired to the environment variables
 * (read once through the Web API) and a token provider. Kept out of index.ts so both controls share it.
 */
import type { ControlApi } from './ControlApi';
import { readProxySettings, type ProxySettings, type RetrieveMultiple } from './environment';
import { HttpControlApi } from './HttpControlApi';
import { UrlTokenProvider, XrmSsoTokenProvider, type TokenProvider } from './tokenProvider';

export interface RuntimeOptions {
  webAPI: RetrieveMultiple | null | undefined;
  /** Read on every call: the control's input properties can change between updateView calls. */
  overrides: () => { proxyBaseUrl: string | null; tokenUrl: string | null };
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ControlRuntime {
  api: ControlApi;
  dispose(): void;
}

export function createControlRuntime(options: RuntimeOptions): ControlRuntime {
  let settings: Promise<ProxySettings> | null = null;
  let urlTokens: { url: string; provider: UrlTokenProvider } | null = null;
  let disposed = false;
  // A failed read (e.g. no privilege on environment variables) is retried on the next call, not cached.
  const loadSettings = (): Promise<ProxySettings> =>
    (settings ??= readProxySettings(options.webAPI).catch((err: unknown) => {
      settings = null;
      throw err;
    }));

  const tokens: TokenProvider = {
    async getToken() {
      if (disposed) throw new Error('control destroyed');
      const { tokenUrl } = options.overrides();
      if (tokenUrl) {
        if (urlTokens?.url !== tokenUrl) urlTokens = { url: tokenUrl, provider: new UrlTokenProvider(tokenUrl, options.fetch) };
        return urlTokens.provider.getToken();
      }
      const s = await loadSettings();
      return new XrmSsoTokenProvider({ clientId: s.clar_ProxyClientId, scope: s.clar_ProxyScope, tenantId: s.clar_TenantId }).getToken();
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
    },
  };
}
