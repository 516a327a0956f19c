/**
 * Dataverse access tokens through msal-node's client-credentials flow (dataverse-webapi.md §7): scope
 * `<org url>/.default`, msal's in-memory cache serves the token until near expiry.
 */
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { ConnectorError } from '../../errors';

/** Microsoft's own login hosts; for any other host msal must be told to trust it (see below). */
const MICROSOFT_LOGIN_HOSTS = new Set([
  'login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn',
  'login.microsoftonline.de', 'login.windows.net', 'sts.windows.net', 'login.microsoft.com',
]);

export interface TokenOptions {
  url: string;
  authority: string;
  clientId: string;
  clientSecret: string;
  ca?: string;
}

export type TokenSource = (refresh?: boolean) => Promise<string>;

/**
 * For a non-Microsoft authority host (the sandbox emulator), `knownAuthorities` stops msal from asking
 * login.microsoftonline.com for instance discovery, which would fail offline (sandbox/src/dataverse/identity/README.md).
 * `ca` trusts the sandbox's throw-away certificate authority for msal's own https calls.
 */
export function msalConfiguration(o: TokenOptions): Configuration {
  const host = new URL(o.authority).host;
  return {
    auth: {
      clientId: o.clientId,
      clientSecret: o.clientSecret,
      authority: o.authority,
      ...(MICROSOFT_LOGIN_HOSTS.has(new URL(o.authority).hostname) ? {} : { knownAuthorities: [host] }),
    },
    ...(o.ca ? { system: { customAgentOptions: { ca: o.ca } } } : {}),
  };
}

export function createTokenSource(o: TokenOptions): TokenSource {
  const app = new ConfidentialClientApplication(msalConfiguration(o));
  const scope = `${o.url.replace(/\/+$/, '')}/.default`;
  return async (refresh = false) => {
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [scope], skipCache: refresh });
      if (!result?.accessToken) throw new Error('no access token in the response');
      return result.accessToken;
    } catch (cause) {
      throw tokenError(cause);
    }
  };
}

/** AAD errors (invalid_client, unauthorized_client, invalid_scope…) need an operator; network ones do not. */
function tokenError(cause: unknown): ConnectorError {
  const code = (cause as { errorCode?: unknown }).errorCode;
  // msal's own codes for "could not reach the authority"; the secret is never part of msal's messages.
  const network = typeof code === 'string' && /network|endpoints_resolution|timeout|request_failed|temporarily_unavailable|service_unavailable/i.test(code);
  const text = (cause as Error)?.message?.split('\n')[0] ?? String(cause);
  return network
    ? new ConnectorError('CONNECTOR_ERR_TRANSIENT', `Dataverse token request failed: ${text}`, { classification: 'transient', upstreamCode: String(code), cause })
    : new ConnectorError('CONNECTOR_ERR_AUTH', `Dataverse token request failed: ${text}`, {
        classification: 'auth',
        upstreamCode: typeof code === 'string' ? code : undefined,
        cause,
      });
}
