import { ControlApiError } from './ControlApi';

/**
 * Where the bearer token for the connector proxy comes from. The proxy validates an Entra ID token for its own
 * app registration (clar_ProxyClientId / clar_ProxyScope / clar_TenantId).
 */
export interface TokenProvider {
  getToken(): Promise<string>;
}

/** A fixed token (tests, or a host page that already has one). */
export class StaticTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {}
  getToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
}

/**
 * Fetches a token from a configured URL answering `{ access_token, expires_in }` (or `{ token }`) and caches
 * it until shortly before expiry. This is what the sandbox preview page uses, against the sandbox's token
 * endpoint. It is NOT a production sign-in: whoever can call that URL gets a token.
 */
export class UrlTokenProvider implements TokenProvider {
  private cached: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly url: string,
    private readonly fetchFn: typeof fetch = (i, init) => fetch(i, init),
    private readonly now: () => number = Date.now,
  ) {}

  getToken(): Promise<string> {
    if (this.cached && this.cached.expiresAt > this.now()) return Promise.resolve(this.cached.token);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const res = await this.fetchFn(this.url, { method: 'GET', headers: { Accept: 'application/json' } });
    if (!res.ok) throw new ControlApiError('unauthorized', `The token endpoint answered HTTP ${res.status}`, res.status);
    const body = (await res.json()) as { access_token?: string; token?: string; expires_in?: number };
    const token = body.access_token ?? body.token;
    if (!token) throw new ControlApiError('unauthorized', 'The token endpoint returned no token');
    const lifetimeS = typeof body.expires_in === 'number' ? body.expires_in : 300;
    this.cached = { token, expiresAt: this.now() + Math.max(0, lifetimeS - 60) * 1000 };
    return token;
  }
}

/**
 * Placeholder for single sign-on inside Dynamics. NOT IMPLEMENTED: an MSAL-browser silent flow could not be
 * installed and tried offline here. How it plugs in: build a PublicClientApplication with clientId =
 * clar_ProxyClientId and authority `https://login.microsoftonline.com/<clar_TenantId>`, take the signed-in
 * user's login hint from `Xrm.Utility.getGlobalContext().userSettings`, and call `ssoSilent` /
 * `acquireTokenSilent({ scopes: [clar_ProxyScope] })`, falling back to a popup on interaction_required.
 * Pass a function doing that as `acquire`; until then this provider fails with a clear `notConfigured` error
 * so the controls show "not configured" instead of calling the proxy without a token.
 */
export class XrmSsoTokenProvider implements TokenProvider {
  constructor(
    readonly settings: { clientId: string | null; scope: string | null; tenantId: string | null },
    private readonly acquire?: (scope: string) => Promise<string>,
  ) {}

  getToken(): Promise<string> {
    const { clientId, scope, tenantId } = this.settings;
    if (!this.acquire || !clientId || !scope || !tenantId) {
      return Promise.reject(
        new ControlApiError('notConfigured', 'Single sign-on to the connector proxy is not set up (MSAL is not bundled yet; see pcf-controls/README.md)'),
      );
    }
    return this.acquire(scope);
  }
}
