/**
 * MSAL.js configuration for the controls and the command-bar script, from the solution's environment variables.
 * Pure: no browser APIs, so both bundles and the tests share it.
 */
import type { Configuration } from '@azure/msal-browser';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * The redirect page the solution ships (web resource `clar_/auth/redirect.html`, MSAL's redirect bridge) as
 * Dataverse serves it. Register `https://<org>.crm.dynamics.com` + this path as a **Single-page application**
 * redirect URI of the `clar_ProxyClientId` app (docs/install.md).
 */
export const REDIRECT_PATH = '/WebResources/clar_/auth/redirect.html';

export interface MsalSettings {
  /** `clar_ProxyClientId`: the app registration the controls sign in with. */
  clientId: string;
  /** `clar_TenantId`: directory id (or a verified domain name). */
  tenantId: string;
  /** `clar_ProxyScope`: the delegated scope of the proxy's API, e.g. `api://clarity-connector/user_impersonation`. */
  scope: string;
  /** Origin of the sign-in service; another cloud (`https://login.microsoftonline.us`) or the sandbox emulator. */
  authorityHost?: string | null;
  /** Absolute URL of the redirect page; normally the org URL + REDIRECT_PATH. */
  redirectUri: string;
}

/** Settings from the four environment variables, or the names of those that are missing. */
export function msalSettingsFrom(
  values: { clientId: string | null | undefined; tenantId: string | null | undefined; scope: string | null | undefined },
  extra: { authorityHost?: string | null; redirectUri: string },
): { ok: true; settings: MsalSettings } | { ok: false; missing: string[] } {
  const missing = [
    ['clar_ProxyClientId', values.clientId],
    ['clar_TenantId', values.tenantId],
    ['clar_ProxyScope', values.scope],
  ]
    .filter(([, v]) => !v)
    .map(([name]) => name!);
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, settings: { clientId: values.clientId!, tenantId: values.tenantId!, scope: values.scope!, authorityHost: extra.authorityHost, redirectUri: extra.redirectUri } };
}

export function msalConfiguration(s: MsalSettings): Configuration {
  const host = new URL(s.authorityHost || DEFAULT_AUTHORITY_HOST);
  if (host.protocol !== 'https:') throw new Error(`The sign-in authority must be https: ${host.origin}`);
  return {
    auth: {
      clientId: s.clientId,
      authority: `${host.origin}/${encodeURIComponent(s.tenantId)}`,
      // MSAL looks up hosts it does not know at login.microsoftonline.com (instance discovery); naming the host
      // trusts it and reads its OpenID configuration instead (sandbox/src/dataverse/identity/README.md).
      knownAuthorities: host.origin === DEFAULT_AUTHORITY_HOST ? [] : [host.host],
      redirectUri: s.redirectUri,
    },
    // Per browser tab, MSAL's default: tokens do not outlive the tab, and silent SSO renews them.
    cache: { cacheLocation: 'sessionStorage' },
  };
}

/** One MSAL instance per configuration and page: both controls on a form share the cache either way. */
export function configKey(s: MsalSettings): string {
  return [s.clientId, s.tenantId, s.authorityHost || DEFAULT_AUTHORITY_HOST, s.redirectUri].join('|');
}
