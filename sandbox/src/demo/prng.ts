/**
 * Seeded randomness for the demo data. Everything random in this folder goes through `Rng` so that the
 * same options always give byte-identical output (no Math.random, no clock).
 */
import { createPrng } from '../common/prng';

/** FNV-1a, so each part of the generator gets its own stream from (seed, label). */
function hashLabel(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const HEX = '0123456789abcdef';
const ALNUM = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export class Rng {
  private readonly next: () => number;

  /**
   * Independent streams per label mean that, say, changing `crmOverlap` does not reshuffle the names of
   * the Clarity customers generated before it.
   */
  constructor(seed: number, label: string) {
    this.next = createPrng(hashLabel(seed, label));
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by relative weight: `[['active', 85], ['pending', 5]]`. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of options) total += w;
    let r = this.next() * total;
    for (const [v, w] of options) {
      r -= w;
      if (r < 0) return v;
    }
    return options[options.length - 1]![0];
  }

  /** Poisson-distributed count (Knuth); fine for the small means used here. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[Math.floor(this.next() * ALNUM.length)];
    return s;
  }

  /** A version-4-shaped lower-case GUID, derived from the seed rather than from crypto. */
  guid(): string {
    let h = '';
    for (let i = 0; i < 32; i++) h += HEX[Math.floor(this.next() * 16)];
    const variant = HEX[8 + Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** `count` distinct indices from [0, n) in O(n) (partial Fisher–Yates), returned in ascending order. */
  sampleIndices(n: number, count: number): number[] {
    const k = Math.max(0, Math.min(n, Math.round(count)));
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (n - i));
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    return Array.from(idx.subarray(0, k)).sort((a, b) => a - b);
  }
}
