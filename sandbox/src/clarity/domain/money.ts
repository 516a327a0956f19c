/**
 * Decimal-string money with exact integer arithmetic (spec §4.1: money is a decimal string, up to
 * 4 decimals on unit prices, totals rounded to the currency's minor unit). Amounts are held as
 * bigint counts of 1/10,000 so that CEF decimal(18,4) unit prices survive without floats.
 */

/** Money in units of 0.0001. */
export type Units = bigint;

const SCALE = 10_000n;
const CENT = 100n; // 0.01 expressed in Units
const MONEY_RE = /^-?\d{1,15}(\.\d{1,4})?$/;
const RATE_RE = /^\d{1,3}(\.\d{1,8})?$/;

export function isMoney(s: unknown): s is string {
  return typeof s === 'string' && MONEY_RE.test(s);
}

export function isRate(s: unknown): s is string {
  return typeof s === 'string' && RATE_RE.test(s);
}

/** Parses "24.99" into 249900n; throws on anything that is not a decimal string. */
export function parseMoney(s: string): Units {
  if (!MONEY_RE.test(s)) throw new RangeError(`not a decimal money string: ${JSON.stringify(s)}`);
  const neg = s.startsWith('-');
  const [int = '0', frac = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(int) * SCALE + BigInt(frac.padEnd(4, '0'));
  return neg ? -v : v;
}

/** Integer division rounding half away from zero (commercial rounding, as CEF and Shopify do). */
function divRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an + ad / 2n) / ad;
  return neg ? -q : q;
}

/** Rounds to whole cents (the minor unit; every currency is treated as 2-decimal, see README). */
export function roundToCents(u: Units): Units {
  return divRound(u, CENT) * CENT;
}

/** `amount × rate`, rounded to cents; `rate` is a decimal string such as "0.0825". */
export function applyRate(u: Units, rate: string): Units {
  const { num, den } = parseRate(rate);
  return divRound(u * num, den * CENT) * CENT;
}

/** Tax contained in a tax-inclusive amount: `amount × rate / (1 + rate)`, rounded to cents. */
export function includedTax(u: Units, rate: string): Units {
  const { num, den } = parseRate(rate);
  return divRound(u * num, (den + num) * CENT) * CENT;
}

function parseRate(rate: string): { num: bigint; den: bigint } {
  if (!RATE_RE.test(rate)) throw new RangeError(`not a decimal rate: ${JSON.stringify(rate)}`);
  const [int = '0', frac = ''] = rate.split('.');
  const den = 10n ** BigInt(frac.length);
  return { num: BigInt(int) * den + BigInt(frac || '0'), den };
}

/** Formats with exactly two decimals ("5" → "5.00"); extra precision is kept, not rounded away. */
export function formatMoney(u: Units): string {
  const neg = u < 0n;
  const a = neg ? -u : u;
  const int = a / SCALE;
  let frac = (a % SCALE).toString().padStart(4, '0');
  frac = frac.endsWith('00') ? frac.slice(0, 2) : frac.replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}.${frac}`;
}

/** Normalises a money string ("5" → "5.00", "24.9900" → "24.99"). */
export function normalizeMoney(s: string): string {
  return formatMoney(parseMoney(s));
}

export function sumUnits(values: Iterable<Units>): Units {
  let t = 0n;
  for (const v of values) t += v;
  return t;
}
