/**
 * Constant-time comparison of shared secrets (webhook keys, the admin key). Both sides are hashed first so
 * `timingSafeEqual` always sees equal-length buffers and the comparison leaks neither content nor length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

export function safeEqual(presented: string | Buffer | undefined, expected: string | Buffer): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
