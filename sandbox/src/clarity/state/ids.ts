/**
 * Opaque ids with readable prefixes (spec §4.1). Time-ordered (ULID-like: 10 chars of ms time,
 * then a counter and randomness) so fresh ids never collide with seeded ones like `cus_2001`.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32, as ULID
let counter = 0;

function base32(n: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    s = ALPHABET[n % 32]! + s;
    n = Math.floor(n / 32);
  }
  return s;
}

export function newId(prefix: string, nowMs: number = Date.now()): string {
  counter = (counter + 1) % 32 ** 4;
  const rnd = randomBytes(8).reduce((acc, b) => acc + ALPHABET[b % 32]!, '');
  return `${prefix}_${base32(nowMs, 10)}${base32(counter, 4)}${rnd}`;
}
