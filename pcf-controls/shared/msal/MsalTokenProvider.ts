/**
 * Single sign-on for the proxy's API with MSAL.js (@azure/msal-browser): a cached account's token silently
 * (acquireTokenSilent: cache, then refresh token, then a hidden iframe), else ssoSilent with the user's login
 * hint (the Entra session the user already has from signing in to Dynamics). When neither works without the
 * user, it fails with the `signInRequired` kind; `signIn()` (a pop-up, from a click) fixes that.
 */
import { PublicClientApplication, type AccountInfo, type AuthenticationResult, type Configuration, type IPublicClientApplication } from '@azure/msal-browser';
import { ControlApiError } from '../ControlApi';
import type { TokenProvider } from '../tokenProvider';
import { msalConfiguration, type MsalSettings } from './config';

/** The part of PublicClientApplication used here, so tests can pass a fake. */
export type MsalClient = Pick<IPublicClientApplication, 'initialize' | 'getAllAccounts' | 'getActiveAccount' | 'setActiveAccount' | 'acquireTokenSilent' | 'ssoSilent' | 'acquireTokenPopup'>;

export interface MsalTokenProviderOptions {
  settings: MsalSettings;
  /** The signed-in user's UPN (Dynamics: systemuser.domainname), when one can be found. */
  loginHint?: () => Promise<string | null>;
  createClient?: (config: Configuration) => MsalClient;
}

/** MSAL error codes after which only the user can help: sign-in needed, pop-up blocked or closed, iframe timed out. */
const SIGN_IN_CODES = new Set([
  'interaction_required',
  'login_required',
  'consent_required',
  'no_tokens_found',
  'bad_token',
  'user_cancelled',
  'popup_window_error',
  'empty_window_error',
  'timed_out',
  'monitor_window_timeout',
  'no_account_error',
]);
const NETWORK_CODES = new Set(['no_network_connectivity', 'post_request_failed', 'get_request_failed']);

/** MSAL errors → the kinds the controls render; the MSAL error code travels in `code`. */
export function controlErrorFromMsal(err: unknown): ControlApiError {
  if (err instanceof ControlApiError) return err;
  const e = err as { errorCode?: unknown; name?: unknown; message?: unknown };
  const code = typeof e?.errorCode === 'string' ? e.errorCode : undefined;
  const message = typeof e?.message === 'string' && e.message ? e.message : String(err);
  if (e?.name === 'InteractionRequiredAuthError' || (code && SIGN_IN_CODES.has(code))) {
    return new ControlApiError('signInRequired', `Sign-in to the Clarity connector is needed: ${message}`, undefined, code);
  }
  if (code && NETWORK_CODES.has(code)) return new ControlApiError('network', `Could not reach the sign-in service: ${message}`, undefined, code);
  return new ControlApiError('unauthorized', `Could not get a token for the Clarity connector: ${message}`, undefined, code);
}

export class MsalTokenProvider implements TokenProvider {
  private client: Promise<MsalClient> | null = null;
  private pending: Promise<string> | null = null;
  private hint: Promise<string | null> | null = null;

  constructor(private readonly options: MsalTokenProviderOptions) {}

  /** Concurrent callers (two controls, a details panel) share one silent request. */
  getToken(): Promise<string> {
    this.pending ??= this.silent().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  async signIn(): Promise<void> {
    const client = await this.ready();
    const loginHint = (await this.loginHint()) ?? undefined;
    try {
      const result = await client.acquireTokenPopup({ scopes: [this.options.settings.scope], loginHint });
      client.setActiveAccount(result.account);
    } catch (err) {
      throw controlErrorFromMsal(err);
    }
  }

  private async silent(): Promise<string> {
    const client = await this.ready();
    const scopes = [this.options.settings.scope];
    const loginHint = await this.loginHint();
    try {
      const account = this.accountFor(client, loginHint);
      const result: AuthenticationResult = account
        ? await client.acquireTokenSilent({ scopes, account })
        : await client.ssoSilent({ scopes, loginHint: loginHint ?? undefined });
      client.setActiveAccount(result.account);
      return result.accessToken;
    } catch (err) {
      throw controlErrorFromMsal(err);
    }
  }

  /** The active account, else the cached one the hint names, else the only cached one of this tenant. */
  private accountFor(client: MsalClient, loginHint: string | null): AccountInfo | null {
    const active = client.getActiveAccount();
    if (active) return active;
    const accounts = client.getAllAccounts().filter((a) => a.tenantId === this.options.settings.tenantId || !a.tenantId);
    if (loginHint) return accounts.find((a) => a.username.toLowerCase() === loginHint.toLowerCase()) ?? null;
    return accounts.length === 1 ? accounts[0]! : null;
  }

  private loginHint(): Promise<string | null> {
    // A failed lookup only costs the hint: Entra then picks the session's single user.
    this.hint ??= (this.options.loginHint?.() ?? Promise.resolve(null)).catch(() => null);
    return this.hint;
  }

  private ready(): Promise<MsalClient> {
    this.client ??= (async () => {
      const config = msalConfiguration(this.options.settings);
      const client = this.options.createClient ? this.options.createClient(config) : new PublicClientApplication(config);
      await client.initialize();
      return client;
    })().catch((err: unknown) => {
      this.client = null;
      throw new ControlApiError('notConfigured', `Single sign-on could not start: ${(err as Error).message}`);
    });
    return this.client;
  }
}
