/**
 * Standard Webhooks v1 signatures (spec §4.7): HMAC-SHA256 over `id.timestamp.body` with the key
 * base64-decoded from `whsec_…`, sent as `v1,<base64>`; several space-separated during rotation.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function signStandardWebhook(secret: string, msgId: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${msgId}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

export interface VerifyInput {
  secret: string;
  headers: Record<string, string | string[] | undefined>;
  body: string | Buffer;
  /** Seconds; spec: reject when |now − webhook-timestamp| > 300 s. */
  toleranceSec?: number;
  nowSec?: number;
}

const header = (h: VerifyInput['headers'], name: string): string | undefined => {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** Verifies against the raw body, in constant time, accepting any listed `v1` signature. */
export function verifyStandardWebhook(input: VerifyInput): boolean {
  const id = header(input.headers, 'webhook-id');
  const ts = header(input.headers, 'webhook-timestamp');
  const sigs = header(input.headers, 'webhook-signature');
  if (!id || !ts || !sigs || !/^\d+$/.test(ts)) return false;
  const now = input.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(ts)) > (input.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(signStandardWebhook(input.secret, id, Number(ts), input.body).slice(3), 'base64');
  return sigs.split(' ').some((s) => {
    const [ver, b64] = s.split(',', 2);
    if (ver !== 'v1' || !b64) return false;
    const got = Buffer.from(b64, 'base64');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
