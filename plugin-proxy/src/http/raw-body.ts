/**
 * Webhook bodies must reach the handler as the exact bytes sent: signatures are computed over them, and a
 * re-serialised JSON object would not verify (clarity-api.md §4.7). Called inside an encapsulated plugin, so only
 * the intake routes see Buffers; fastify's bodyLimit still answers 413 before any of it is read past the limit.
 */
import type { FastifyInstance } from 'fastify';

export function useRawBody(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

/** The raw body of a request under `useRawBody` (empty when the request had none). */
export function rawBody(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** JSON.parse that reports failure as a value (a malformed delivery is an expected outcome, not a crash). */
export function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}
