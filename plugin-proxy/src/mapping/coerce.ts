/**
 * The rule's `type`: the last step before a value is written, so the target receives what its column
 * expects. `money` depends on the side: Clarity carries money as decimal strings, Dataverse as numbers.
 */
import { describe, moneyToNumber, numberToMoney, parseBoolean, parseDate, TransformError } from './transforms';
import type { FieldType } from './types';

function toNumber(v: unknown, what: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) throw new TransformError(`expected ${what}, got ${describe(v)}`);
  return n;
}

export function coerce(value: unknown, type: FieldType, targetSystem: 'clarity' | 'dataverse'): unknown {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw new TransformError(`expected a string, got ${describe(value)}`);
    case 'integer': {
      const n = toNumber(value, 'an integer');
      if (!Number.isInteger(n)) throw new TransformError(`expected an integer, got ${describe(value)}`);
      return n;
    }
    case 'number':
      return toNumber(value, 'a number');
    case 'boolean':
      return parseBoolean(value);
    case 'datetime':
      return parseDate(value).toISOString();
    case 'money':
      return targetSystem === 'clarity' ? numberToMoney(value, 2) : Math.round(moneyToNumber(value) * 100) / 100;
  }
}
