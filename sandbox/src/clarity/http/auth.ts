/**
 * Bearer credentials (spec §4.2): API keys and OAuth client-credentials access tokens share the
 * `Authorization` header. Tokens are opaque and live one hour.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ALL_SCOPES, type ResolvedOptions, type Scope } from '../options';

export interface Credential { id: string; kind: 'api_key' | 'oauth'; scopes: ReadonlySet<Scope> }

const TOKEN_TTL_SEC = 3600;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class AuthRegistry {
  private tokens = new Map<string, { cred: Credential; expires: number }>();
  private keys = new Map<string, Credential>();

  constructor(private readonly opts: ResolvedOptions) {
    for (const k of opts.apiKeys) {
      this.keys.set(k.key, { id: `key:${k.name ?? k.key.slice(0, 12)}`, kind: 'api_key', scopes: new Set(k.scopes ?? ALL_SCOPES) });
    }
  }

  /** Returns undefined for a missing, unknown, or expired token. */
  resolve(authorization: string | undefined, nowMs: number): Credential | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const token = m[1]!;
    const key = this.keys.get(token);
    if (key) return key;
    const t = this.tokens.get(token);
    if (!t) return undefined;
    if (t.expires <= nowMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return t.cred;
  }

  /** OAuth 2.0 client credentials; returns an RFC 6749 error code on failure. */
  issue(clientId: string, clientSecret: string, scope: string | undefined, nowMs: number):
    { ok: true; body: { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string } }
    | { ok: false; error: 'invalid_client' | 'invalid_scope'; description: string } {
    const client = this.opts.oauthClients.find((c) => c.clientId === clientId);
    if (!client || !safeEqual(client.clientSecret, clientSecret)) return { ok: false, error: 'invalid_client', description: 'Unknown client or wrong secret.' };
    const allowed = new Set<Scope>(client.scopes ?? ALL_SCOPES);
    const requested = scope?.trim() ? scope.trim().split(/\s+/) : [...allowed];
    const bad = requested.filter((s) => !allowed.has(s as Scope));
    if (bad.length) return { ok: false, error: 'invalid_scope', description: `Scope not granted to this client: ${bad.join(' ')}` };
    const token = `clat_${randomBytes(24).toString('base64url')}`;
    const cred: Credential = { id: `oauth:${clientId}`, kind: 'oauth', scopes: new Set(requested as Scope[]) };
    this.tokens.set(token, { cred, expires: nowMs + TOKEN_TTL_SEC * 1000 });
    return { ok: true, body: { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_SEC, scope: requested.join(' ') } };
  }
}
