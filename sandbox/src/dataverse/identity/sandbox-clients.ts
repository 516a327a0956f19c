import type { ClientRegistration, DirectoryUser, ExposedApi } from './types';

/** The connector proxy's API registration (design.md: the controls' `clar_ProxyScope` is a scope of it). */
export const SANDBOX_API = 'api://clarity-connector';
/** The app role the proxy requires for resync (`CONTROL_RESYNC_ROLE`'s default). */
export const SANDBOX_RESYNC_ROLE = 'Connector.Resync';
/** The single-page app registration the controls and the command sign in with (`clar_ProxyClientId`). */
export const SANDBOX_SPA_CLIENT_ID = 'sandbox-spa';
/** The redirect page the solution ships (web resource `clar_/auth/redirect.html`), as Dataverse serves it. */
export const REDIRECT_PATH = '/WebResources/clar_/auth/redirect.html';

/**
 * The fixed sandbox identities (design.md "Names fixed across the project"). Object ids are stable so the
 * Dataverse emulator can bind them to application/system users and limits count per user.
 */
export function sandboxClients(): ClientRegistration[] {
  return [
    {
      clientId: 'sandbox-connector',
      clientSecret: 'sandbox-secret',
      objectId: '7b1a1c6e-0c1d-4f7e-9a35-5a6c0e9d0c01',
      displayName: 'Clarity Connector (sandbox)',
    },
    {
      clientId: 'sandbox-crm-user',
      clientSecret: 'sandbox-secret',
      objectId: '7b1a1c6e-0c1d-4f7e-9a35-5a6c0e9d0c02',
      displayName: 'Sales Rep (sandbox)',
      // Assigned the connector app's resync role, so the preview's "Resync with Clarity" works for the rep.
      appRoles: { [SANDBOX_API]: [SANDBOX_RESYNC_ROLE] },
    },
    {
      // A public client: no secret, redirect URIs on the SPA platform. Loopback URIs match any port (Entra's
      // localhost exception), so the redirect page works wherever a sandbox page is served.
      clientId: SANDBOX_SPA_CLIENT_ID,
      objectId: '7b1a1c6e-0c1d-4f7e-9a35-5a6c0e9d0c03',
      displayName: 'Clarity controls (sandbox SPA)',
      spaRedirectUris: ['https', 'http'].flatMap((scheme) => ['localhost', '127.0.0.1'].map((host) => `${scheme}://${host}${REDIRECT_PATH}`)),
    },
  ];
}

/** The user a sandbox browser signs in as (no password: see identity/README.md), allowed to resync. */
export function sandboxUsers(): DirectoryUser[] {
  return [
    {
      objectId: '7b1a1c6e-0c1d-4f7e-9a35-5a6c0e9d0c10',
      userPrincipalName: 'salesrep@sandbox.onmicrosoft.com',
      displayName: 'Sam Sales (sandbox)',
      appRoles: { [SANDBOX_API]: [SANDBOX_RESYNC_ROLE] },
    },
  ];
}

/** APIs of the sandbox tenant that expose delegated scopes. */
export function sandboxApis(): ExposedApi[] {
  return [{ appIdUri: SANDBOX_API, scopes: ['user_impersonation'] }];
}
