/**
 * ISO 3166-1 alpha-2 codes with the English short names Dynamics users usually type into
 * address*_country (a free-text column). Compact on purpose: the countries a store is likely to ship to.
 * Add a row here (and to the README) when a store sells somewhere new.
 */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  AE: 'United Arab Emirates', AR: 'Argentina', AT: 'Austria', AU: 'Australia', BA: 'Bosnia and Herzegovina',
  BD: 'Bangladesh', BE: 'Belgium', BG: 'Bulgaria', BH: 'Bahrain', BO: 'Bolivia', BR: 'Brazil', BS: 'Bahamas',
  BZ: 'Belize', CA: 'Canada', CH: 'Switzerland', CL: 'Chile', CN: 'China', CO: 'Colombia', CR: 'Costa Rica',
  CY: 'Cyprus', CZ: 'Czechia', DE: 'Germany', DK: 'Denmark', DO: 'Dominican Republic', DZ: 'Algeria',
  EC: 'Ecuador', EE: 'Estonia', EG: 'Egypt', ES: 'Spain', FI: 'Finland', FR: 'France', GB: 'United Kingdom',
  GH: 'Ghana', GR: 'Greece', GT: 'Guatemala', HK: 'Hong Kong', HN: 'Honduras', HR: 'Croatia', HU: 'Hungary',
  ID: 'Indonesia', IE: 'Ireland', IL: 'Israel', IN: 'India', IS: 'Iceland', IT: 'Italy', JM: 'Jamaica',
  JO: 'Jordan', JP: 'Japan', KE: 'Kenya', KR: 'South Korea', KW: 'Kuwait', KZ: 'Kazakhstan', LB: 'Lebanon',
  LK: 'Sri Lanka', LT: 'Lithuania', LU: 'Luxembourg', LV: 'Latvia', MA: 'Morocco', MT: 'Malta', MX: 'Mexico',
  MY: 'Malaysia', NG: 'Nigeria', NI: 'Nicaragua', NL: 'Netherlands', NO: 'Norway', NZ: 'New Zealand',
  OM: 'Oman', PA: 'Panama', PE: 'Peru', PH: 'Philippines', PK: 'Pakistan', PL: 'Poland', PR: 'Puerto Rico',
  PT: 'Portugal', PY: 'Paraguay', QA: 'Qatar', RO: 'Romania', RS: 'Serbia', RU: 'Russia', SA: 'Saudi Arabia',
  SE: 'Sweden', SG: 'Singapore', SI: 'Slovenia', SK: 'Slovakia', SV: 'El Salvador', TH: 'Thailand',
  TN: 'Tunisia', TR: 'Turkey', TT: 'Trinidad and Tobago', TW: 'Taiwan', UA: 'Ukraine', US: 'United States',
  UY: 'Uruguay', VE: 'Venezuela', VN: 'Vietnam', ZA: 'South Africa',
};

/** Other spellings people type, lower-cased; the canonical names above are matched too. */
const ALIASES: Readonly<Record<string, string>> = {
  usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', 'united states of america': 'US', america: 'US',
  uk: 'GB', 'u.k.': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'czech republic': 'CZ', holland: 'NL', 'the netherlands': 'NL', 'korea, republic of': 'KR', korea: 'KR',
  'russian federation': 'RU', 'viet nam': 'VN', türkiye: 'TR', turkiye: 'TR', uae: 'AE', deutschland: 'DE',
  españa: 'ES', méxico: 'MX', nederland: 'NL',
};

const BY_NAME: ReadonlyMap<string, string> = new Map([
  ...Object.entries(COUNTRY_NAMES).map(([code, name]) => [name.toLowerCase(), code] as const),
  ...Object.entries(ALIASES),
]);

/** Name, alias or code → alpha-2 code; undefined when unknown. */
export function toCountryCode(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t) && COUNTRY_NAMES[t.toUpperCase()]) return t.toUpperCase();
  return BY_NAME.get(t.toLowerCase().replace(/\s+/g, ' '));
}
