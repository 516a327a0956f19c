import { z } from 'zod';
import { toCountryCode, COUNTRY_NAMES } from './countries';
import { asText, define, describe, noArgs, TransformDef, TransformError } from './define';
import { PHONE_COUNTRIES, toE164 } from './phone';
import { toRegionCode } from './regions';

const country = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as "US"');

export const GEO_TRANSFORMS: Record<string, TransformDef> = {
  e164: define(
    z.strictObject({ defaultCountry: z.enum(PHONE_COUNTRIES as [string, ...string[]]).default('US'), strict: z.boolean().default(false) }),
    '"(512) 555-0142" → "+15125550142"',
    (v, a) => {
      const text = asText(v);
      const e164 = toE164(text, a.defaultCountry);
      if (e164 !== undefined) return e164;
      if (a.strict) throw new TransformError(`cannot normalise phone number ${describe(v)} to E.164`);
      return text.trim();
    },
  ),
  // Dynamics' country column is free text: an unknown code is written as is rather than failing the sync.
  countryName: define(noArgs, '"US" → "United States"', (v) => {
    const code = asText(v).trim().toUpperCase();
    return COUNTRY_NAMES[code] ?? asText(v).trim();
  }),
  // Clarity rejects unknown country codes (422), so failing here puts the record in front of an operator.
  countryCode: define(noArgs, '"United States" (or "USA", "us") → "US"', (v) => {
    const code = toCountryCode(asText(v));
    if (code === undefined) throw new TransformError(`unknown country ${describe(v)}`);
    return code;
  }),
  regionCode: define(z.strictObject({ country: country.optional() }), '"Texas" → "TX"; unknown regions pass through', (v, a) => {
    const text = asText(v).trim();
    return toRegionCode(text, a.country) ?? text;
  }),
};
