import { createHash } from 'node:crypto';
import { aadErrors, type AadError } from './aad-errors';
import { resolveDelegatedScopes, type DelegatedScopes } from './directory';
import type { TenantDirectory } from './grants';
import { clientInfo, delegatedAccessTokenClaims, idTokenClaims } from './tokens';

export interface UserGrantContext extends TenantDirectory {
  lifetimeSec: number;
  sign: (claims: Record<string, unknown>) => Promise<string>;
}

export interface UserGrantRequest {
  form: Record<string, string | undefined>;
  /** The `Origin` header: browsers send it on the cross-origin POST a single-page app makes. */
  origin: string | undefined;
  /** Client authentication in an `Authorization: Basic` header. */
  basicAuth: boolean;
  /** Origin of the token endpoint as the client called it (the issuer's host). */
  issuerOrigin: string;
}

export type UserGrantResult = { ok: true; body: Record<string, unknown> } | { ok: false; error: AadError };

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * `grant_type=authorization_code` and `refresh_token` for public (SPA) clients, in the order Entra checks
 * (Entra "v2-oauth2-auth-code-flow": redeem a code, refresh the access token; SPA rules in README).
 */
export async function redeemUserGrant(req: UserGrantRequest, ctx: UserGrantContext): Promise<UserGrantResult> {
  const fail = (error: AadError): UserGrantResult => ({ ok: false, error });
  const { form } = req;
  if (!form.client_id) return fail(aadErrors.missingParameter('client_id'));
  const client = ctx.clients.find((c) => c.clientId === form.client_id);
  if (!client) return fail(aadErrors.unknownClient(form.client_id, ctx.tenant));
  if (!client.clientSecret && (form.client_secret !== undefined || form.client_assertion !== undefined || req.basicAuth)) return fail(aadErrors.publicClientSecret());

  let userObjectId: string;
  let scopes: DelegatedScopes;
  let nonce: string | undefined;
  let spa: boolean;
  let refreshExpiresAtMs: number | undefined;
  if (form.grant_type === 'authorization_code') {
    if (!form.code) return fail(aadErrors.missingParameter('code'));
    if (!form.redirect_uri) return fail(aadErrors.missingParameter('redirect_uri'));
    const grant = ctx.grants.code(form.code);
    if (!grant || grant.clientId !== client.clientId) return fail(aadErrors.invalidGrant('code'));
    if (grant.redeemed) return fail(aadErrors.codeRedeemed());
    if (grant.expiresAtMs <= ctx.now()) return fail(aadErrors.grantExpired());
    if (grant.redirectUri !== form.redirect_uri) return fail(aadErrors.grantRedirectMismatch());
    if (grant.spa && !req.origin) return fail(aadErrors.spaNeedsOrigin());
    if (!grant.spa && req.origin) return fail(aadErrors.crossOriginNotSpa());
    if (!grant.codeChallenge && req.origin) return fail(aadErrors.pkceRequired());
    if (grant.codeChallenge) {
      const verifier = form.code_verifier ?? '';
      const expected = grant.codeChallengeMethod === 'S256' ? s256(verifier) : verifier;
      if (!verifier || expected !== grant.codeChallenge) return fail(aadErrors.codeVerifierMismatch());
    }
    grant.redeemed = true;
    ({ userObjectId, scopes, nonce, spa } = grant);
  } else {
    if (!form.refresh_token) return fail(aadErrors.missingParameter('refresh_token'));
    const grant = ctx.grants.refreshToken(form.refresh_token);
    if (!grant || grant.clientId !== client.clientId) return fail(aadErrors.invalidGrant('refresh_token'));
    if (grant.spa && !req.origin) return fail(aadErrors.spaNeedsOrigin());
    if (grant.expiresAtMs <= ctx.now()) return fail(grant.spa ? aadErrors.spaRefreshTokenExpired() : aadErrors.grantExpired());
    ({ userObjectId, scopes, spa } = grant);
    refreshExpiresAtMs = grant.expiresAtMs;
    // A refresh token serves any consented API: the scope of this request picks the resource.
    if (form.scope) {
      const asked = resolveDelegatedScopes(form.scope, ctx.apis, ctx.tenant);
      if (!asked.ok) return fail(asked.error);
      scopes = { ...asked.value, openid: scopes.openid, offlineAccess: scopes.offlineAccess };
    }
  }

  const user = ctx.users.find((u) => u.objectId === userObjectId);
  if (!user) return fail(aadErrors.invalidGrant(form.grant_type === 'authorization_code' ? 'code' : 'refresh_token'));
  const issuedAtSec = Math.floor(ctx.now() / 1000);
  const base = { user, clientId: client.clientId, tenantId: ctx.tenantId, origin: req.issuerOrigin, issuedAtSec, lifetimeSec: ctx.lifetimeSec };
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: scopes.names.map((n) => `${scopes.resource}/${n}`).join(' '),
    expires_in: ctx.lifetimeSec,
    ext_expires_in: ctx.lifetimeSec,
    access_token: await ctx.sign(delegatedAccessTokenClaims({ ...base, audience: scopes.resource, scopes: scopes.names })),
  };
  if (scopes.offlineAccess) {
    const refresh = ctx.grants.issueRefreshToken({ clientId: client.clientId, spa, userObjectId, scopes }, refreshExpiresAtMs);
    body.refresh_token = refresh.token;
    if (spa) body.refresh_token_expires_in = Math.max(0, Math.floor((refresh.grant.expiresAtMs - ctx.now()) / 1000));
  }
  if (scopes.openid) body.id_token = await ctx.sign(idTokenClaims({ ...base, nonce }));
  body.client_info = clientInfo(user.objectId, ctx.tenantId);
  return { ok: true, body };
}
