import { z } from 'zod';
import { asText, define, isBlank, noArgs, TransformDef, TransformError } from './define';

const parts = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((p) => !isBlank(p)).map((p) => asText(p).trim());

/** Name composition and splitting follow Dataverse's fullname: "first last", single spaces. */
function splitName(v: unknown, part: 'first' | 'last'): string {
  const words = asText(v).trim().split(/\s+/).filter(Boolean);
  if (part === 'first') return words.length > 1 ? (words[0] as string) : '';
  return words.length > 1 ? words.slice(1).join(' ') : (words[0] ?? '');
}

export const TEXT_TRANSFORMS: Record<string, TransformDef> = {
  trim: define(noArgs, '"  Maria " → "Maria"', (v) => asText(v).trim()),
  lower: define(noArgs, '"Maria@Example.com" → "maria@example.com"', (v) => asText(v).toLowerCase()),
  upper: define(noArgs, '"tx" → "TX"', (v) => asText(v).toUpperCase()),
  truncate: define(z.strictObject({ maxLength: z.int().positive() }), '{ "name": "truncate", "maxLength": 5 }: "Barton Springs" → "Barto"', (v, a) =>
    // Array.from counts code points, so a cut never splits a surrogate pair.
    Array.from(asText(v)).slice(0, a.maxLength).join(''),
  ),
  join: define(z.strictObject({ separator: z.string().default(' ') }), '{ "name": "join", "separator": ", " } over ["Austin","TX"] → "Austin, TX"', (v, a) =>
    parts(v).join(a.separator),
  ),
  concat: define(z.strictObject({ separator: z.string().default('') }), '"concat" over ["SO-","10045"] → "SO-10045"', (v, a) => parts(v).join(a.separator)),
  fullName: define(noArgs, '"fullName" over ["Maria", null, "Lopez"] → "Maria Lopez"', (v) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return parts([o.firstName, o.middleName, o.lastName]).join(' ');
    }
    return parts(v).join(' ');
  }),
  splitName: define(z.strictObject({ part: z.enum(['first', 'last']) }), '{ "name": "splitName", "part": "last" }: "Maria de la Cruz" → "de la Cruz"', (v, a) =>
    splitName(v, a.part),
  ),
  coalesce: define(noArgs, '"coalesce" over [null, "", "+1512…"] → "+1512…"', (v) => {
    const hit = (Array.isArray(v) ? v : [v]).find((p) => !isBlank(p));
    if (hit === undefined) throw new TransformError('no non-empty value to coalesce');
    return hit;
  }),
};
