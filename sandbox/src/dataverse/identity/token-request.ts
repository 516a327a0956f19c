import { timingSafeEqual } from 'node:crypto';
import { aadErrors, type AadError } from './aad-errors';
import { OIDC_SCOPES } from './directory';
import { resourceOfScope } from './tokens';
import type { ClientRegistration } from './types';

export interface TokenRequestContext {
  tenant: string;
  clients: readonly ClientRegistration[];
  resources?: readonly string[];
}

export type TokenRequestResult = { ok: true; client: ClientRegistration; audience: string } | { ok: false; error: AadError };


function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Basic auth is the `client_secret_basic` method the OpenID configuration advertises. */
function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

/**
 * Checks a client-credentials token request in the order Entra reports problems: grant type, client,
 * credential, scope (Entra "v2-oauth2-client-creds-grant-flow"; spec §7).
 */
export function checkTokenRequest(
  form: Record<string, string | undefined>,
  authorization: string | undefined,
  ctx: TokenRequestContext,
): TokenRequestResult {
  const fail = (error: AadError): TokenRequestResult => ({ ok: false, error });
  const basic = basicCredentials(authorization);
  const grant = form['grant_type'];
  if (!grant) return fail(aadErrors.missingParameter('grant_type'));
  if (grant !== 'client_credentials') return fail(aadErrors.unsupportedGrantType(grant));
  const clientId = form['client_id'] ?? basic?.id;
  if (!clientId) return fail(aadErrors.missingParameter('client_id'));
  const client = ctx.clients.find((c) => c.clientId === clientId);
  if (!client) return fail(aadErrors.unknownClient(clientId, ctx.tenant));
  const secret = form['client_secret'] ?? basic?.secret;
  if (secret === undefined) {
    return fail(form['client_assertion'] ? aadErrors.assertionNotSupported() : aadErrors.missingSecret());
  }
  if (!client.clientSecret) return fail(aadErrors.publicClientSecret());
  if (!sameSecret(secret, client.clientSecret)) return fail(aadErrors.wrongSecret(clientId));

  const scope = form['scope'];
  if (!scope) return fail(aadErrors.missingParameter('scope'));
  const resources = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  if (resources.length !== 1) return fail(aadErrors.tooManyResources(scope));
  const requested = resources[0] ?? '';
  if (!requested.endsWith('/.default')) return fail(aadErrors.scopeNotDefault(requested));
  const audience = resourceOfScope(requested);
  if (ctx.resources && !ctx.resources.some((r) => r.replace(/\/+$/, '') === audience.replace(/\/+$/, ''))) {
    return fail(aadErrors.unknownResource(audience, ctx.tenant));
  }
  return { ok: true, client, audience };
}
