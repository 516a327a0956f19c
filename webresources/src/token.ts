/// <reference types="xrm" />
import { ControlApiError } from '../../pcf-controls/shared/ControlApi';
import { configKey, msalSettingsFrom, REDIRECT_PATH } from '../../pcf-controls/shared/msal/config';
import { MsalTokenProvider, type MsalTokenProviderOptions } from '../../pcf-controls/shared/msal/MsalTokenProvider';
import type { ProxySettings } from './settings';

/**
 * Where the command gets a bearer token for the proxy's control API. By default: MSAL single sign-on with the
 * same provider the PCF controls use (pcf-controls/shared/msal), configured from the environment variables
 * clar_ProxyClientId / clar_TenantId / clar_ProxyScope, redirect page `clar_/auth/redirect.html`, login hint =
 * the user's systemuser.domainname. `Clarity.Auth.setTokenProvider(fn)` replaces it (fn(settings) → token).
 */
export type TokenProvider = (settings: ProxySettings) => Promise<string>;

export interface SignInOptions {
  /** Origin of the sign-in service when it is not login.microsoftonline.com (another cloud, the sandbox). */
  authorityHost?: string | null;
  /** Tests: a fake PublicClientApplication. */
  createClient?: MsalTokenProviderOptions['createClient'];
}

let options: SignInOptions = {};
let msal: { key: string; provider: MsalTokenProvider } | null = null;
let custom: TokenProvider | undefined;

/** `Clarity.Auth.configure({ authorityHost })`: call before the first resync (e.g. from a form OnLoad). */
export function configureSignIn(next: SignInOptions): void {
  options = { ...next };
  msal = null;
}

export function setTokenProvider(next: TokenProvider | undefined): void {
  custom = next;
}

async function loginHint(): Promise<string | null> {
  const userId = Xrm.Utility.getGlobalContext().userSettings.userId.replace(/[{}]/g, '');
  const row = (await Xrm.WebApi.retrieveRecord('systemuser', userId, '?$select=domainname')) as { domainname?: string };
  return row.domainname?.includes('@') ? row.domainname : null;
}

function msalFor(settings: ProxySettings): MsalTokenProvider {
  const resolved = msalSettingsFrom(
    { clientId: settings.clientId, tenantId: settings.tenantId, scope: settings.scope },
    { authorityHost: options.authorityHost, redirectUri: Xrm.Utility.getGlobalContext().getClientUrl().replace(/\/+$/, '') + REDIRECT_PATH },
  );
  if (!resolved.ok) throw new ControlApiError('notConfigured', `single sign-on needs the environment variables ${resolved.missing.join(', ')} (see docs/install.md)`);
  const key = configKey(resolved.settings);
  if (msal?.key !== key) msal = { key, provider: new MsalTokenProvider({ settings: resolved.settings, loginHint, createClient: options.createClient }) };
  return msal.provider;
}

export const getToken = async (settings: ProxySettings): Promise<string> => (custom ? custom(settings) : msalFor(settings).getToken());

/** Interactive sign-in (pop-up): only with the default MSAL provider; call it right after a user's click. */
export async function signIn(settings: ProxySettings): Promise<void> {
  if (custom) throw new Error('the registered token provider has no interactive sign-in');
  await msalFor(settings).signIn();
}

/** True for the error a silent sign-in ends with when only the user can continue (sign in, allow the pop-up). */
export const needsSignIn = (err: unknown): boolean => err instanceof ControlApiError && err.kind === 'signInRequired';
