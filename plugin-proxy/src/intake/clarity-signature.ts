/**
 * Standard Webhooks v1 verification (clarity-api.md §4.7): HMAC-SHA256 over `id.timestamp.rawBody` with the key
 * inside `whsec_<base64>`, any of the space-separated `v1,` signatures, any of the configured secrets (rotation),
 * and a timestamp within the tolerance. Written out rather than taken from `standardwebhooks`, whose tolerance is
 * fixed at 300 s and which accepts one secret per instance; the tests cross-check against that package.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureFailure = 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

export type SignatureResult = { ok: true } | { ok: false; reason: SignatureFailure };

export interface VerifyInput {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  secrets: readonly string[];
  toleranceSec: number;
  /** Unix seconds; injectable for tests. */
  nowSec?: number;
}

const header = (h: VerifyInput['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The HMAC key inside a `whsec_` secret. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function signatureFor(key: Buffer, id: string, timestamp: string, rawBody: Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();
}

export function verifyClaritySignature(input: VerifyInput): SignatureResult {
  const id = header(input.headers, 'webhook-id');
  const ts = header(input.headers, 'webhook-timestamp');
  const sigs = header(input.headers, 'webhook-signature');
  if (!id || !ts || !sigs) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'bad_timestamp' };
  const now = input.nowSec ?? Date.now() / 1000;
  if (Math.abs(now - Number(ts)) > input.toleranceSec) return { ok: false, reason: 'stale_timestamp' };

  const presented = sigs
    .split(' ')
    .map((s) => s.split(','))
    .filter((parts) => parts[0] === 'v1' && parts.length === 2 && parts[1])
    .map((parts) => Buffer.from(parts[1] as string, 'base64'));
  // Every secret is tried against every signature (no early exit on the secret) so timing says nothing about
  // which secret matched; each comparison itself is constant time.
  let matched = false;
  for (const secret of input.secrets) {
    const expected = signatureFor(secretKey(secret), id, ts, input.rawBody);
    for (const got of presented) {
      if (got.length === expected.length && timingSafeEqual(got, expected)) matched = true;
    }
  }
  return matched ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
