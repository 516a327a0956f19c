import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/**
 * One RS256 key per provider, generated synchronously at start-up: Entra signs access tokens with RS256 and
 * publishes the public half with `kid`, `kty`, `use: sig` and `x5t` (equal to the kid) at `discovery/v2.0/keys`.
 */
export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  // RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest('base64url')
    .slice(0, 27);
  return { kid, privateKey, publicJwk: { kty: jwk.kty, use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e, alg: 'RS256' } };
}
