/**
 * Control calls carry an Entra ID bearer token (design.md "Secure by default"): signature against the tenant's
 * published keys (fetched once, cached, refetched on an unknown `kid`), issuer, audience, lifetime with a small
 * skew and, when configured, the tenant. Reads need a valid token; resync also needs the configured app role
 * (`roles`, app-only tokens) or delegated scope (`scp`, a signed-in CRM user).
 */
import type { FastifyRequest } from 'fastify';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ConnectorError } from '../errors';

export interface ControlAuthConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
  tenantId?: string;
  resyncRole: string;
}

/** Microsoft.IdentityModel allows 5 minutes; a browser's token is fresh, so one minute is enough here. */
const CLOCK_SKEW_SEC = 60;

export type Verifier = (authorization: string | undefined) => Promise<JWTPayload>;

const unauthorized = (why: string) => new ConnectorError('CONNECTOR_ERR_UNAUTHORIZED', `A valid bearer token is required: ${why}`);

/** Why jose refused a token, in words that name no claim value (tokens and their claims stay out of logs). */
function reasonOf(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the ${err.claim} claim is not accepted`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no signing key of the tenant matches the token';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'the signing algorithm is not accepted';
  return 'the token is malformed';
}

export function createVerifier(config: ControlAuthConfig): Verifier {
  // jose caches the key set and refetches (at most every 30 s) when a token names a kid it does not know.
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 3_600_000 });
  return async (authorization) => {
    const m = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(authorization ?? '');
    if (!m) throw unauthorized(authorization ? 'the Authorization header is not a Bearer JWT' : 'no Authorization header');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(m[1]!, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: CLOCK_SKEW_SEC,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      // A plain JOSEError (not a subclass) is jose's "the key set response was not 200/JSON".
      if (err instanceof joseErrors.JWKSTimeout || !(err instanceof joseErrors.JOSEError) || err.constructor === joseErrors.JOSEError) {
        // The tenant's keys could not be fetched: not the caller's fault, and worth retrying.
        throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', 'The identity provider\'s signing keys are unavailable; try again shortly', { cause: err });
      }
      throw unauthorized(reasonOf(err));
    }
    if (config.tenantId && payload.tid !== config.tenantId) throw unauthorized('the token is from another tenant');
    return payload;
  };
}

/** App roles (`roles`) and delegated scopes (`scp`, space-separated) the token grants. */
export function grantsOf(claims: JWTPayload): Set<string> {
  const granted = new Set<string>();
  if (Array.isArray(claims.roles)) for (const r of claims.roles) if (typeof r === 'string') granted.add(r);
  if (typeof claims.scp === 'string') for (const s of claims.scp.split(' ')) if (s) granted.add(s);
  return granted;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Claims of the control caller's verified token (set by the control API's auth hook). */
    controlClaims?: JWTPayload;
  }
}

export function requireGrant(req: FastifyRequest, role: string): void {
  if (!req.controlClaims || !grantsOf(req.controlClaims).has(role)) {
    throw new ConnectorError('CONNECTOR_ERR_FORBIDDEN', `This action needs the ${role} app role or scope`);
  }
}
