import { z } from 'zod';
import { asText, define, describe, noArgs, TransformDef, TransformError } from './define';

const TRUE = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off', '']);

export function parseBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
  }
  throw new TransformError(`expected a boolean, got ${describe(v)}`);
}

export function parseDate(v: unknown): Date {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : undefined;
  if (!d || Number.isNaN(d.getTime()) || (typeof v === 'string' && v.trim() === '')) throw new TransformError(`expected a date, got ${describe(v)}`);
  return d;
}

/** Decimal strings as Clarity sends money; a stray currency sign or thousands separator is tolerated. */
export function moneyToNumber(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const t = asText(v).trim().replace(/[$€£,\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new TransformError(`expected a money amount, got ${describe(v)}`);
  return Number(t);
}

export function numberToMoney(v: unknown, decimals: number): string {
  return moneyToNumber(v).toFixed(decimals);
}

export const CONVERT_TRANSFORMS: Record<string, TransformDef> = {
  toIsoDate: define(z.strictObject({ dateOnly: z.boolean().default(false) }), '"1/15/2025 14:30Z" → "2025-01-15T14:30:00.000Z"; with "dateOnly": true → "2025-01-15"', (v, a) => {
    const iso = parseDate(v).toISOString();
    return a.dateOnly ? iso.slice(0, 10) : iso;
  }),
  moneyToNumber: define(noArgs, '"24.99" → 24.99', (v) => moneyToNumber(v)),
  numberToMoney: define(z.strictObject({ decimals: z.int().min(0).max(10).default(2) }), '24.9 → "24.90"', (v, a) => numberToMoney(v, a.decimals)),
  boolean: define(z.strictObject({ negate: z.boolean().default(false) }), '"yes" → true; with "negate": true → false', (v, a) => parseBoolean(v) !== a.negate),
  not: define(noArgs, 'false → true (acceptsMarketing → donotbulkemail)', (v) => !parseBoolean(v)),
};
