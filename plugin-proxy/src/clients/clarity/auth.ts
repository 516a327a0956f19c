/**
 * Clarity credentials (clarity-api.md §4.2): an API key used as the bearer token, or an OAuth 2.0
 * client-credentials token fetched from `POST /oauth/token` and reused until shortly before it expires.
 */
import type { Dispatcher } from 'undici';
import { ConnectorError } from '../../errors';
import { parseJson, send } from '../shared/http';
import { clarityError, readProblem } from './errors';

export interface OAuthOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export type BearerSource = (refresh?: boolean) => Promise<string>;

/** Renew a minute early so a token never expires between reading it and the server checking it. */
const EARLY_RENEWAL_MS = 60_000;

export function bearerSource(o: { apiKey?: string; oauth?: OAuthOptions }, dispatcher: Dispatcher, timeoutMs: number, now = Date.now): BearerSource {
  if (o.apiKey) {
    const key = o.apiKey;
    return async () => key;
  }
  const oauth = o.oauth;
  if (!oauth) throw new ConnectorError('CONNECTOR_ERR_CONFIG', 'Clarity client: give apiKey or oauth', { classification: 'validation' });
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: oauth.clientId, client_secret: oauth.clientSecret });
    if (oauth.scope) form.set('scope', oauth.scope);
    const res = await send(dispatcher, {
      method: 'POST',
      url: oauth.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    }, timeoutMs, 'Clarity token');
    if (res.status !== 200) {
      const err = clarityError(res.status, res.headers, readProblem(res.text), 'POST /oauth/token');
      // A rejected client (400 invalid_client/invalid_scope too) is a credentials problem, not bad data.
      if (res.status < 500 && res.status !== 429) throw new ConnectorError('CONNECTOR_ERR_AUTH', err.message, { ...err.details, classification: 'auth' });
      throw err;
    }
    const body = parseJson(res.text) as { access_token?: string; expires_in?: number } | undefined;
    if (!body?.access_token) throw new ConnectorError('CONNECTOR_ERR_AUTH', 'Clarity token response has no access_token', { classification: 'auth' });
    cached = { token: body.access_token, expiresAt: now() + (body.expires_in ?? 3600) * 1000 - EARLY_RENEWAL_MS };
    return body.access_token;
  };

  return (refresh = false) => {
    if (!refresh && cached && cached.expiresAt > now()) return Promise.resolve(cached.token);
    // One token request at a time, however many calls need it.
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  };
}
