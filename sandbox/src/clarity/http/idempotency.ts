/**
 * Idempotency-Key store (spec §4.11): (credential, method, path, key) → body hash and the stored
 * response, kept 24 h. Same body replays; different body is 422; a duplicate while the first is
 * running is 409.
 */
import { createHash } from 'node:crypto';

export interface StoredResponse { status: number; body: string; headers: Record<string, string> }
type Entry = { hash: string; expires: number } & ({ state: 'in_flight' } | { state: 'done'; response: StoredResponse });
export type BeginResult = { kind: 'new' } | { kind: 'replay'; response: StoredResponse } | { kind: 'reused' } | { kind: 'in_progress' };

const TTL_MS = 24 * 3600_000;

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  begin(scopeKey: string, hash: string, nowMs: number): BeginResult {
    const e = this.entries.get(scopeKey);
    if (e && e.expires > nowMs) {
      if (e.hash !== hash) return { kind: 'reused' };
      return e.state === 'in_flight' ? { kind: 'in_progress' } : { kind: 'replay', response: e.response };
    }
    this.entries.set(scopeKey, { hash, expires: nowMs + TTL_MS, state: 'in_flight' });
    return { kind: 'new' };
  }

  /** Only completed responses below 500 are kept; a server error lets the client retry the key. */
  finish(scopeKey: string, response: StoredResponse): void {
    const e = this.entries.get(scopeKey);
    if (!e) return;
    if (response.status >= 500) this.entries.delete(scopeKey);
    else this.entries.set(scopeKey, { hash: e.hash, expires: e.expires, state: 'done', response });
  }

  abandon(scopeKey: string): void {
    const e = this.entries.get(scopeKey);
    if (e?.state === 'in_flight') this.entries.delete(scopeKey);
  }
}
