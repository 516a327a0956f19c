import { ControlApiError } from './ControlApi';

/**
 * Where the bearer token for the connector proxy comes from. The proxy validates an Entra ID token for its own
 * app registration (clar_ProxyClientId / clar_ProxyScope / clar_TenantId). Inside Dynamics that is
 * MsalTokenProvider (msal/MsalTokenProvider.ts); the two below serve tests and the sandbox preview.
 */
export interface TokenProvider {
  /** A token without user interaction; fails with a `signInRequired` ControlApiError when that is impossible. */
  getToken(): Promise<string>;
  /** Interactive sign-in (MSAL pop-up); only providers that can do one have it. */
  signIn?(): Promise<void>;
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
