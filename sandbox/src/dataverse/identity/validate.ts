import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { AuthError, challengeHeader, idx, type AuthFailureReason } from './auth-error';
import { sameAudience } from './tokens';
import type { ClientRegistration, Principal } from './types';

export interface ValidateInput {
  authorization: string | undefined;
  audiences: string[];
  jwks: JSONWebKeySet;
  tenantId: string;
  nowMs: number;
  clockSkewSec: number;
  /** `<origin>/<tenantId>/oauth2/authorize` for the challenge. */
  authorizationUri: string;
  clients: readonly ClientRegistration[];
  /**
   * Tokens whose signature already verified against `jwks`, when those keys never change (the provider's own):
   * a repeated token skips the RS256 check — every `$batch` part re-enters with the caller's token — while its
   * claims (lifetime, audience, issuer, tenant) are still checked on every request.
   */
  verified?: Map<string, JWTPayload>;
}

/** Distinct tokens remembered at most; a full cache starts over (tokens live an hour, clients reuse theirs). */
const VERIFIED_CACHE_SIZE = 1000;

const iso = (sec: number) => new Date(sec * 1000).toISOString();

/**
 * Validates an Entra v2 access token the way Dataverse does (signature, lifetime with clock skew, audience,
 * issuer, tenant) and returns the caller. Any failure is an AuthError: 401, empty body (spec §4.5).
 */
export async function validateAccessToken(input: ValidateInput): Promise<Principal> {
  const resource = input.audiences[0] ?? '';
  const fail = (reason: AuthFailureReason, message?: string): AuthError =>
    new AuthError(reason, message ?? 'Bearer token required', {
      'www-authenticate': challengeHeader(input.authorizationUri, resource, message),
    });

  const match = /^Bearer\s+(\S+)\s*$/i.exec(input.authorization ?? '');
  if (!input.authorization || !match) throw fail('missing');
  const token = match[1] ?? '';
  let payload = input.verified?.get(token);
  if (!payload) {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
      decodeJwt(token);
    } catch {
      throw fail('malformed', idx.malformed());
    }
    try {
      const keys = createLocalJWKSet(input.jwks);
      // exp/nbf are checked below with IdentityModel's clock skew, so jose gets the window's far edge.
      ({ payload } = await jwtVerify(token, keys, { algorithms: ['RS256'], currentDate: new Date(input.nowMs), clockTolerance: Number.MAX_SAFE_INTEGER }));
    } catch (err) {
      if (err instanceof joseErrors.JWKSNoMatchingKey) throw fail('invalid_signature', idx.noKey(header.kid ?? ''));
      if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JOSEAlgNotAllowed) {
        throw fail('invalid_signature', idx.badSignature());
      }
      throw fail('malformed', idx.malformed());
    }
    if (input.verified) {
      if (input.verified.size >= VERIFIED_CACHE_SIZE) input.verified.clear();
      input.verified.set(token, payload);
    }
  }

  const nowSec = Math.floor(input.nowMs / 1000);
  if (typeof payload.exp !== 'number' || payload.exp + input.clockSkewSec <= nowSec) {
    throw fail('expired', idx.expired(iso(payload.exp ?? 0), iso(nowSec)));
  }
  if (typeof payload.nbf === 'number' && payload.nbf - input.clockSkewSec > nowSec) {
    throw fail('not_yet_valid', idx.notYetValid(iso(payload.nbf), iso(nowSec)));
  }
  const aud = typeof payload.aud === 'string' ? payload.aud : (payload.aud ?? []).join(', ');
  if (!input.audiences.some((valid) => sameAudience(valid, aud))) {
    throw fail('invalid_audience', idx.audience(aud, input.audiences));
  }
  // The issuer's host is whatever origin served the token endpoint; its path must name this tenant.
  const iss = payload.iss ?? '';
  if (!issuerNamesTenant(iss, input.tenantId)) throw fail('invalid_issuer', idx.issuer(iss, `https://login.microsoftonline.com/${input.tenantId}/v2.0`));
  if (payload['tid'] !== input.tenantId) throw fail('invalid_tenant', idx.tenant(String(payload['tid'])));

  const clientId = String(payload['azp'] ?? payload['appid'] ?? '');
  const roles = Array.isArray(payload['roles']) ? payload['roles'].map(String) : [];
  return {
    tenantId: input.tenantId,
    objectId: String(payload['oid'] ?? payload.sub ?? ''),
    clientId,
    displayName: input.clients.find((c) => c.clientId === clientId)?.displayName,
    audience: aud,
    roles,
    claims: payload,
  };
}

export function issuerNamesTenant(iss: string, tenantId: string): boolean {
  try {
    const url = new URL(iss);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === `/${tenantId}/v2.0` && !url.search;
  } catch {
    return false;
  }
}
