import type { FastifyPluginAsync } from 'fastify';
import type { JWTPayload, JSONWebKeySet } from 'jose';

/** An app registration as the sandbox tenant knows it (design.md "Sandbox identities"). */
export interface ClientRegistration {
  clientId: string;
  /** Confidential clients (client credentials). A public client (a single-page app) has none. */
  clientSecret?: string;
  /** Object id of the service principal: becomes `oid` and `sub`, and the Dataverse user the limits count against. */
  objectId: string;
  displayName: string;
  /** App roles granted to this client, per resource (audience, without `/.default`). */
  appRoles?: Record<string, string[]>;
  /**
   * Redirect URIs registered under the "Single-page application" platform: authorization code + PKCE, codes
   * and refresh tokens redeemed cross-origin only (with an `Origin` header). Loopback hosts match any port.
   */
  spaRedirectUris?: string[];
}

/** A user of the sandbox tenant, signed in by the authorization endpoint without a password (README). */
export interface DirectoryUser {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  /** App role assignments per resource (App ID URI): they become `roles` in the user's access tokens. */
  appRoles?: Record<string, string[]>;
}

/** A web API registration that exposes delegated scopes ("Expose an API"), e.g. `api://clarity-connector`. */
export interface ExposedApi {
  appIdUri: string;
  /** Delegated permission names (`user_impersonation` → scope `api://…/user_impersonation`). */
  scopes: string[];
}

export interface IdentityOptions {
  /** Tenant name used in URLs (`sandbox`). The GUID form (`tenantId`) is accepted in URLs too, as Entra does. */
  tenant: string;
  /** Directory id; defaults to a stable GUID derived from `tenant` (see tenantIdFor). */
  tenantId?: string;
  clients: ClientRegistration[];
  /** `expires_in` of issued tokens; Entra issues ~3599 s for client credentials (spec §7). */
  tokenLifetimeSec?: number;
  /** Milliseconds since the epoch; inject to mint or validate tokens at another time. */
  now?: () => number;
  /** Clock skew tolerated when checking exp/nbf; Microsoft.IdentityModel's default ClockSkew is 300 s. */
  clockSkewSec?: number;
  /** Origin used in `iss` and WWW-Authenticate when no request origin is known (issueToken, validateBearer without ctx). */
  authorityOrigin?: string;
  /** When set, tokens are only issued for these resources (others fail with AADSTS500011). */
  resources?: string[];
  /** Users the authorization endpoint can sign in; the first is signed in when no login_hint names one. */
  users?: DirectoryUser[];
  /** APIs whose delegated scopes users can be issued tokens for (admin consent is assumed for all of them). */
  apis?: ExposedApi[];
}

/** The caller behind a valid bearer token. */
export interface Principal {
  tenantId: string;
  objectId: string;
  clientId: string;
  displayName?: string;
  audience: string;
  roles: string[];
  claims: JWTPayload;
}

export interface IssueOverrides {
  /** Extra or replacement claims (e.g. `{ iss: 'https://evil/…', tid: '…' }`). */
  claims?: Record<string, unknown>;
  /** Lifetime in seconds (defaults to tokenLifetimeSec). */
  lifetimeSec?: number;
  /** Issue time in ms since the epoch (defaults to now()). */
  issuedAtMs?: number;
  /** Origin of the issuer URL (defaults to authorityOrigin). */
  origin?: string;
}

export interface ValidationContext {
  /** Origin of the incoming request, used for `authorization_uri` in the challenge. */
  origin?: string;
}

export interface IdentityProvider {
  readonly tenant: string;
  readonly tenantId: string;
  /** Registers the identity endpoints (token, OpenID configuration, keys, instance discovery). */
  routes: FastifyPluginAsync;
  validateBearer(authorization: string | undefined, audiences: string[], ctx?: ValidationContext): Promise<Principal>;
  issueToken(clientId: string, audience: string, overrides?: IssueOverrides): Promise<string>;
  jwks(): JSONWebKeySet;
  /** The `WWW-Authenticate` challenge Dataverse sends with a 401 (spec §4.5). */
  challenge(resource: string, origin?: string): string;
}
