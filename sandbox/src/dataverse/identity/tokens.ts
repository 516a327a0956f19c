import { createHash, randomBytes } from 'node:crypto';
import type { ClientRegistration, DirectoryUser } from './types';

/** A stable GUID for a tenant name, so the sandbox `tid` is the same on every run (Entra tenant ids are GUIDs). */
export function tenantIdFor(tenant: string): string {
  const h = createHash('sha256').update(`clarity-sandbox-tenant:${tenant}`).digest('hex');
  // Shape it like a v5 UUID: version nibble 5, RFC 4122 variant.
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `https://org.crm.dynamics.com/.default` → `https://org.crm.dynamics.com` (the v2 `aud` form). */
export function resourceOfScope(scope: string): string {
  return scope.endsWith('/.default') ? scope.slice(0, -'/.default'.length) : scope;
}

/** Audiences compare without a trailing slash: Dataverse accepts its URL with or without one. */
export function sameAudience(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

export function issuerFor(origin: string, tenantId: string): string {
  return `${origin.replace(/\/+$/, '')}/${tenantId}/v2.0`;
}

export interface ClaimInput {
  client: ClientRegistration;
  audience: string;
  tenantId: string;
  origin: string;
  issuedAtSec: number;
  lifetimeSec: number;
}

/**
 * Claims of an Entra v2 app-only access token (Entra "access token claims reference"): app tokens carry
 * `idtyp: app`, `sub` = `oid` = the service principal, `azp`/`appid` = the client, `roles` only when granted.
 */
export function accessTokenClaims(input: ClaimInput): Record<string, unknown> {
  const { client, audience, tenantId, issuedAtSec, lifetimeSec } = input;
  const roles = Object.entries(client.appRoles ?? {}).find(([aud]) => sameAudience(aud, audience))?.[1];
  return {
    aud: audience,
    iss: issuerFor(input.origin, tenantId),
    iat: issuedAtSec,
    nbf: issuedAtSec,
    exp: issuedAtSec + lifetimeSec,
    azp: client.clientId,
    azpacr: '1',
    appid: client.clientId,
    appidacr: '1',
    idp: `https://sts.windows.net/${tenantId}/`,
    idtyp: 'app',
    oid: client.objectId,
    sub: client.objectId,
    tid: tenantId,
    uti: randomBytes(16).toString('base64url').slice(0, 22),
    ver: '2.0',
    app_displayname: client.displayName,
    ...(roles && roles.length > 0 ? { roles: [...roles] } : {}),
  };
}

export interface UserClaimInput {
  user: DirectoryUser;
  clientId: string;
  tenantId: string;
  origin: string;
  issuedAtSec: number;
  lifetimeSec: number;
}

/** Entra's `sub` is pairwise: the same user has a different `sub` for each app (Entra "id token claims"). */
export function pairwiseSubject(objectId: string, appId: string): string {
  return createHash('sha256').update(`${objectId}|${appId.toLowerCase()}`).digest('base64url').slice(0, 43);
}

function userBase(input: UserClaimInput): Record<string, unknown> {
  const { user, tenantId, issuedAtSec, lifetimeSec } = input;
  return {
    iss: issuerFor(input.origin, tenantId),
    iat: issuedAtSec,
    nbf: issuedAtSec,
    exp: issuedAtSec + lifetimeSec,
    name: user.displayName,
    oid: user.objectId,
    preferred_username: user.userPrincipalName,
    tid: tenantId,
    uti: randomBytes(16).toString('base64url').slice(0, 22),
    ver: '2.0',
  };
}

/**
 * Claims of a delegated (user) access token for one API (Entra "access token claims reference"): `scp` lists
 * the granted delegated scopes, `roles` the user's app role assignments on that API, `azp` the public client
 * (`azpacr` 0: no client authentication).
 */
export function delegatedAccessTokenClaims(input: UserClaimInput & { audience: string; scopes: string[] }): Record<string, unknown> {
  const roles = Object.entries(input.user.appRoles ?? {}).find(([aud]) => sameAudience(aud, input.audience))?.[1];
  return {
    aud: input.audience,
    ...userBase(input),
    azp: input.clientId,
    azpacr: '0',
    scp: input.scopes.join(' '),
    sub: pairwiseSubject(input.user.objectId, input.audience),
    ...(roles && roles.length > 0 ? { roles: [...roles] } : {}),
  };
}

/** Claims of the v2 ID token the client gets with `openid` (`aud` = the client, `nonce` echoed). */
export function idTokenClaims(input: UserClaimInput & { nonce?: string }): Record<string, unknown> {
  return {
    aud: input.clientId,
    ...userBase(input),
    sub: pairwiseSubject(input.user.objectId, input.clientId),
    ...(input.nonce ? { nonce: input.nonce } : {}),
  };
}

/** `client_info` (requested by MSAL with client_info=1): base64url JSON of the user's home object and tenant ids. */
export function clientInfo(objectId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: objectId, utid: tenantId })).toString('base64url');
}
