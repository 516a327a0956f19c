import { SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import { challengeHeader } from './auth-error';
import { GrantStore } from './grants';
import { createSigningKey } from './keys';
import { identityRoutes } from './routes';
import { accessTokenClaims, tenantIdFor } from './tokens';
import type { ClientRegistration, IdentityOptions, IdentityProvider, IssueOverrides } from './types';
import { validateAccessToken } from './validate';

/** Entra's client-credentials tokens: `expires_in` 3599 (spec §7). */
export const DEFAULT_TOKEN_LIFETIME_SEC = 3599;
/** Microsoft.IdentityModel TokenValidationParameters.DefaultClockSkew. */
export const DEFAULT_CLOCK_SKEW_SEC = 300;

export function createIdentityProvider(options: IdentityOptions): IdentityProvider {
  const tenant = options.tenant;
  const tenantId = options.tenantId ?? tenantIdFor(tenant);
  const now = options.now ?? Date.now;
  const lifetimeSec = options.tokenLifetimeSec ?? DEFAULT_TOKEN_LIFETIME_SEC;
  const clockSkewSec = options.clockSkewSec ?? DEFAULT_CLOCK_SKEW_SEC;
  const defaultOrigin = (options.authorityOrigin ?? 'https://localhost').replace(/\/+$/, '');
  const clients: readonly ClientRegistration[] = options.clients.map((c) => ({ ...c }));
  const key = createSigningKey();
  const jwks = (): JSONWebKeySet => ({ keys: [{ ...key.publicJwk }] });
  const grants = new GrantStore(now);
  // The signing key never changes, so a signature that verified once verifies again (validate.ts).
  const verified = new Map<string, JWTPayload>();

  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid }).sign(key.privateKey);

  const mint = (client: ClientRegistration, audience: string, origin: string, overrides: IssueOverrides = {}) => {
    const issuedAtSec = Math.floor((overrides.issuedAtMs ?? now()) / 1000);
    const claims = accessTokenClaims({ client, audience, tenantId, origin, issuedAtSec, lifetimeSec: overrides.lifetimeSec ?? lifetimeSec });
    return sign({ ...claims, ...overrides.claims });
  };

  const challenge = (resource: string, origin?: string) =>
    challengeHeader(`${(origin ?? defaultOrigin).replace(/\/+$/, '')}/${tenantId}/oauth2/authorize`, resource);

  return {
    tenant,
    tenantId,
    jwks,
    challenge,
    routes: identityRoutes({
      tenant,
      tenantId,
      clients,
      users: options.users ?? [],
      apis: options.apis ?? [],
      grants,
      resources: options.resources,
      now,
      lifetimeSec,
      jwks,
      mint: (c, a, o) => mint(c, a, o),
      sign,
    }),
    async issueToken(clientId, audience, overrides) {
      const client = clients.find((c) => c.clientId === clientId);
      if (!client) throw new Error(`issueToken: unknown client '${clientId}'`);
      return mint(client, audience, overrides?.origin ?? defaultOrigin, overrides);
    },
    validateBearer(authorization, audiences, ctx) {
      // Spec §4.5 shows authorization_uri with the tenant id: clients read the tenant from it.
      const origin = (ctx?.origin ?? defaultOrigin).replace(/\/+$/, '');
      return validateAccessToken({
        authorization,
        audiences,
        jwks: jwks(),
        tenantId,
        nowMs: now(),
        clockSkewSec,
        authorizationUri: `${origin}/${tenantId}/oauth2/authorize`,
        clients,
        verified,
      });
    },
  };
}
