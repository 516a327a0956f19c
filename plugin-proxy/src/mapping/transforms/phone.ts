/**
 * E.164 normalisation ("+15125550142") for the formats people type into CRM phone fields: spaces, dashes,
 * dots, parentheses, a 00 international prefix, or a national number in the store's default country.
 * Numbers it cannot normalise (letters, extensions, wrong length) come back trimmed but otherwise untouched
 * unless `strict`, because losing a customer's phone number is worse than keeping an odd format.
 */

/** Country calling codes for the default-country option; national numbers elsewhere need a leading +. */
const CALLING_CODES: Readonly<Record<string, string>> = {
  US: '1', CA: '1', PR: '1', GB: '44', IE: '353', DE: '49', FR: '33', ES: '34', IT: '39', NL: '31', BE: '32',
  CH: '41', AT: '43', SE: '46', NO: '47', DK: '45', FI: '358', PL: '48', PT: '351', MX: '52', BR: '55',
  AU: '61', NZ: '64', JP: '81', CN: '86', IN: '91', SG: '65', ZA: '27',
};

export const PHONE_COUNTRIES = Object.keys(CALLING_CODES);

/** Returns the E.164 form, or undefined when the input cannot be normalised. */
export function toE164(input: string, defaultCountry = 'US'): string | undefined {
  const text = input.trim();
  if (/[A-Za-z]/.test(text) || !/^[+\d\s().\-/]+$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  let e164: string;
  if (text.startsWith('+')) e164 = digits;
  else if (text.startsWith('00')) e164 = digits.slice(2);
  else {
    const cc = CALLING_CODES[defaultCountry.toUpperCase()];
    if (cc === undefined) return undefined;
    if (cc === '1') {
      if (digits.length === 10) e164 = `1${digits}`;
      else if (digits.length === 11 && digits.startsWith('1')) e164 = digits;
      else return undefined;
    } else {
      e164 = cc + digits.replace(/^0/, '');
    }
  }
  return /^[1-9]\d{7,14}$/.test(e164) ? `+${e164}` : undefined;
}
