/**
 * Unique e-mail addresses. Clarity treats e-mails as unique case-insensitively (spec §4.4), and the
 * connector adopts existing CRM contacts by e-mail, so one registry covers Clarity customers and
 * CRM-only contacts: a CRM-only contact must never collide with a Clarity customer by accident.
 */
import type { Rng } from './prng';

/** Reserved example domains (RFC 2606), so no generated address can reach a real mailbox. */
export const CONSUMER_DOMAINS: readonly string[] = [
  'example.com', 'example.net', 'example.org', 'mail.example.com', 'inbox.example.net', 'post.example.org',
];

/** "Søren O'Brien" → "soren", "obrien": mailbox-safe ASCII. */
export function asciiSlug(s: string): string {
  return s
    .replace(/ß/g, 'ss').replace(/[øØ]/g, 'o')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/[^a-z0-9]/g, '');
}

export class EmailRegistry {
  private readonly taken = new Set<string>();

  has(email: string): boolean {
    return this.taken.has(email.toLowerCase());
  }

  /** A fresh address for the person at `domain`; numbered suffixes resolve collisions in O(1) amortised. */
  create(rng: Rng, first: string, last: string, domain: string): string {
    const f = asciiSlug(first) || 'user';
    const l = asciiSlug(last) || 'customer';
    const local = rng.weighted<string>([
      [`${f}.${l}`, 50], [`${f}${l}`, 12], [`${f[0]}.${l}`, 10], [`${f}_${l}`, 6],
      [`${f}.${l}${rng.int(1, 99)}`, 12], [`${l}.${f}`, 5], [`${f}${rng.int(1970, 2005)}`, 5],
    ]);
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    this.taken.add(candidate);
    return candidate;
  }
}

/** How people really type their address into a form or a CRM: capitalised name, shouting domain. */
export function recase(rng: Rng, email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const cap = local.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
  return rng.weighted<string>([
    [`${cap}@${domain}`, 5], [`${cap}@${domain.toUpperCase()}`, 1], [email.toUpperCase(), 1],
    [`${local}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`, 1],
  ]);
}
