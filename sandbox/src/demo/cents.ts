/**
 * Integer cents for the generator's own choices (prices, discount splits, refunds). Order totals and
 * tax are not computed here: they come from the emulator's exact helper (`clarity/domain/totals.ts`),
 * so seeded orders add up exactly the way the emulator checks them.
 */

/** "24.99" → 2499. Only for the two-decimal strings this folder produces. */
export function toCents(money: string): number {
  const neg = money.startsWith('-');
  const [int = '0', frac = ''] = (neg ? money.slice(1) : money).split('.');
  const c = Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
  return neg ? -c : c;
}

/** 2499 → "24.99". */
export function fromCents(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(Math.round(cents));
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * Splits `total` cents across `weights` proportionally, largest remainder first, so the parts add up
 * to exactly `total` (a fixed-amount coupon spread over lines).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left--;
  }
  return parts;
}
