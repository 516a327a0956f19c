import { randomBytes } from 'node:crypto';
import type { DelegatedScopes } from './directory';
import type { ClientRegistration, DirectoryUser, ExposedApi } from './types';

/** A signed-in browser: what Entra's session cookie stands for. */
export interface Session {
  id: string;
  userObjectId: string;
  signedInAtMs: number;
}

/** What an authorization code was issued for; redeemed once at the token endpoint. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  spa: boolean;
  userObjectId: string;
  scopes: DelegatedScopes;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  nonce?: string;
  expiresAtMs: number;
  redeemed: boolean;
}

/** A refresh token; a SPA's keeps the absolute expiry of the first one across refreshes (Entra doc). */
export interface RefreshGrant {
  clientId: string;
  spa: boolean;
  userObjectId: string;
  /** What the first authorization granted: used when a refresh request names no scope. */
  scopes: DelegatedScopes;
  expiresAtMs: number;
}

/** Authorization codes live about 10 minutes (Entra "v2-oauth2-auth-code-flow"). */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** Refresh tokens sent to a `spa` redirect URI expire after 24 hours, however often they are used. */
export const SPA_REFRESH_LIFETIME_MS = 24 * 3_600_000;
/** Other refresh tokens: Entra's are long-lived (90 days of inactivity); the sandbox takes 90 days flat. */
export const REFRESH_LIFETIME_MS = 90 * 24 * 3_600_000;

const opaque = (bytes: number) => randomBytes(bytes).toString('base64url');

/** In-memory sessions, codes and refresh tokens of one identity provider (re-created with the emulator). */
export class GrantStore {
  private readonly sessions = new Map<string, Session>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(private readonly now: () => number) {}

  startSession(userObjectId: string): Session {
    const session = { id: opaque(24), userObjectId, signedInAtMs: this.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  session(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  endSession(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  issueCode(grant: Omit<CodeGrant, 'expiresAtMs' | 'redeemed'>): string {
    const code = opaque(48);
    this.codes.set(code, { ...grant, expiresAtMs: this.now() + CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  code(code: string): CodeGrant | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(grant: Omit<RefreshGrant, 'expiresAtMs'>, expiresAtMs?: number): { token: string; grant: RefreshGrant } {
    const token = opaque(64);
    const full: RefreshGrant = { ...grant, expiresAtMs: expiresAtMs ?? this.now() + (grant.spa ? SPA_REFRESH_LIFETIME_MS : REFRESH_LIFETIME_MS) };
    this.refreshTokens.set(token, full);
    return { token, grant: full };
  }

  refreshToken(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }
}

/** What the sign-in endpoints know: the tenant's registrations and users, and their sessions and grants. */
export interface TenantDirectory {
  tenant: string;
  tenantId: string;
  clients: readonly ClientRegistration[];
  users: readonly DirectoryUser[];
  apis: readonly ExposedApi[];
  grants: GrantStore;
  now: () => number;
}
