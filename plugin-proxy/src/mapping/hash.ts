/**
 * A content hash that only changes when the content does: keys sorted at every level, absent and
 * undefined treated alike, numbers in one spelling (1 and 1.0, -0 and 0), strings NFC-normalised and
 * RFC 3339 timestamps reduced to one form (Dataverse writes ".000Z" where Clarity writes "Z").
 * Numeric-looking strings stay strings: "00501" is a postal code, not 501.
 */
import { createHash } from 'node:crypto';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function normaliseString(s: string): string {
  if (ISO_DATETIME.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return s.normalize('NFC');
}

/** Canonical JSON text; undefined for undefined (so object members holding it disappear). */
export function canonicalJson(v: unknown): string | undefined {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return JSON.stringify(String(v));
    return JSON.stringify(Object.is(v, -0) ? 0 : v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(normaliseString(v));
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x) ?? 'null').join(',')}]`;
  const obj = v as Record<string, unknown>;
  const members = Object.keys(obj)
    .sort()
    .flatMap((k) => {
      const text = canonicalJson(obj[k]);
      return text === undefined ? [] : [`${JSON.stringify(k)}:${text}`];
    });
  return `{${members.join(',')}}`;
}

/** sha-256 (hex) of the canonical JSON of `values`. */
export function canonicalHash(values: unknown): string {
  return createHash('sha256').update(canonicalJson(values) ?? 'undefined').digest('hex');
}

export function canonicalEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
