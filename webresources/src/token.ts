import type { ProxySettings } from './settings';

/**
 * The seam that gets a bearer token for the proxy's control API. A model-driven app's scripts have no built-in
 * way to get an Entra token for a third-party API, so the token comes from a provider registered here.
 * MSAL SSO plugs in at this point: load @azure/msal-browser (its own web resource), create a
 * PublicClientApplication with `clar_ProxyClientId` / `clar_TenantId`, and register
 *   Clarity.Auth.setTokenProvider(async (s) => (await msal.ssoSilent({ scopes: [s.scope], loginHint })).accessToken)
 * where loginHint is Xrm.Utility.getGlobalContext().userSettings.userName. See docs/install.md.
 */
export type TokenProvider = (settings: ProxySettings) => Promise<string>;

const missing: TokenProvider = async () => {
  throw new Error('no token provider is registered for the Clarity proxy (Clarity.Auth.setTokenProvider, see docs/install.md)');
};

let provider: TokenProvider = missing;

export function setTokenProvider(next: TokenProvider | undefined): void {
  provider = next ?? missing;
}

export const getToken = (settings: ProxySettings): Promise<string> => provider(settings);
