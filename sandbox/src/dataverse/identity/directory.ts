import { aadErrors, type AadError } from './aad-errors';
import type { ClientRegistration, DirectoryUser, ExposedApi } from './types';

/** OIDC scopes: they ask for an ID token / refresh token and name no resource. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

const LOOPBACK = new Set(['localhost', '127.0.0.1']);

/**
 * The registered SPA redirect URI a request's `redirect_uri` matches, or undefined. Entra compares exactly
 * (case-sensitive path), except that for `localhost` / `127.0.0.1` the port is ignored (Entra "reply-url.md",
 * Localhost exceptions, RFC 8252 §7.3, §8.3) — which is what lets a sandbox page on any port sign in.
 */
export function matchSpaRedirectUri(client: ClientRegistration, redirectUri: string): string | undefined {
  let requested: URL;
  try {
    requested = new URL(redirectUri);
  } catch {
    return undefined;
  }
  return (client.spaRedirectUris ?? []).find((registered) => {
    if (registered === redirectUri) return true;
    const r = new URL(registered);
    if (!LOOPBACK.has(r.hostname) || r.hostname !== requested.hostname) return false;
    return r.protocol === requested.protocol && r.pathname === requested.pathname && r.search === requested.search && !requested.hash;
  });
}

/** The user a login hint names (UPN, case-insensitive), else undefined. */
export function userByHint(users: readonly DirectoryUser[], hint: string | undefined): DirectoryUser | undefined {
  if (!hint) return undefined;
  return users.find((u) => u.userPrincipalName.toLowerCase() === hint.toLowerCase());
}

/** The delegated scopes of one resource that a request asks for, plus whether an ID / refresh token is wanted. */
export interface DelegatedScopes {
  resource: string;
  /** Scope names on the resource (`user_impersonation`), what the access token's `scp` lists. */
  names: string[];
  openid: boolean;
  offlineAccess: boolean;
}

/**
 * Resolves `scope` against the exposed APIs: every non-OIDC scope must be `<App ID URI>/<scope>` (or
 * `/.default`, meaning every scope of that API) of one known API. Entra lets /authorize consent to several
 * resources, but a token is for one; the sandbox keeps one resource per request (MSAL sends one).
 */
export function resolveDelegatedScopes(
  scope: string,
  apis: readonly ExposedApi[],
  tenant: string,
): { ok: true; value: DelegatedScopes } | { ok: false; error: AadError } {
  const all = scope.split(/\s+/).filter(Boolean);
  const requested = all.filter((s) => !OIDC_SCOPES.has(s));
  if (requested.length === 0) return { ok: false, error: aadErrors.scopeNotValid(scope) };
  let resource: ExposedApi | undefined;
  const names = new Set<string>();
  for (const s of requested) {
    const i = s.lastIndexOf('/');
    const appIdUri = i > 0 ? s.slice(0, i) : '';
    const name = s.slice(i + 1);
    const api = apis.find((a) => a.appIdUri.toLowerCase() === appIdUri.toLowerCase());
    if (!api) return { ok: false, error: aadErrors.unknownResource(appIdUri || s, tenant) };
    if (resource && resource !== api) return { ok: false, error: aadErrors.tooManyResources(scope) };
    resource = api;
    if (name === '.default') api.scopes.forEach((n) => names.add(n));
    else if (api.scopes.includes(name)) names.add(name);
    else return { ok: false, error: aadErrors.scopeNotValid(s) };
  }
  return { ok: true, value: { resource: resource!.appIdUri, names: [...names], openid: all.includes('openid'), offlineAccess: all.includes('offline_access') } };
}
