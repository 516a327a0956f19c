/**
 * Countries, regions and cities the demo store sells to, with the tax each jurisdiction charges.
 * Region codes are ISO 3166-2 without the country prefix (spec §4.1). Tax rates are realistic
 * combined rates, not legal advice; Oregon has none on purpose (orders without tax lines).
 */
import type { Rng } from './prng';

export interface TaxRule { title: string; rate: string }

export interface City {
  name: string;
  /** Leading postal digits/letters; `postalCode()` completes them in the country's format. */
  postal: string;
  /** Area code (national significant number prefix) used for landlines in this city. */
  area: string;
}

export interface Region {
  code: string;
  cities: readonly City[];
  taxes: readonly TaxRule[];
  /** Whether shipping charges are taxed there (true in e.g. TX, NY and under EU VAT). */
  taxShipping: boolean;
}

export interface Country {
  code: string;
  currency: 'USD' | 'EUR' | 'GBP';
  /** Prices shown to EU/UK buyers include VAT; US-style sales tax is added on top. */
  taxesIncluded: boolean;
  dial: string;
  /** Mobile prefix after the country code, and how many digits follow it. */
  mobile: readonly [string, number];
  /** Length of the national significant number (area code + subscriber) for landlines. */
  nsnLength: number;
  /** Street number goes after the street name (DE, NL). */
  numberAfterStreet: boolean;
  streets: readonly string[];
  regions: readonly Region[];
  /** How a CRM user types the country into `address1_country` (free text in Dataverse). */
  crmNames: readonly string[];
  weight: number;
}

const US_STREETS = ['Congress Ave', 'Barton Springs Rd', 'Main St', 'Oak St', 'Maple Ave', 'Market St', 'Broadway', 'Elm St', 'Pine St', 'Lake Shore Dr', 'Peachtree St', 'Mission St', 'Colfax Ave', 'Commonwealth Ave', 'Rainey St'];
const VAT = (title: string, rate: string): readonly TaxRule[] => [{ title, rate }];

export const COUNTRIES: readonly Country[] = [
  {
    code: 'US', currency: 'USD', taxesIncluded: false, dial: '1', mobile: ['', 0], nsnLength: 10,
    numberAfterStreet: false, streets: US_STREETS, crmNames: ['United States', 'USA', 'United States of America', 'US'], weight: 55,
    regions: [
      { code: 'TX', taxShipping: true, taxes: VAT('TX State + Local', '0.0825'), cities: [{ name: 'Austin', postal: '787', area: '512' }, { name: 'Houston', postal: '770', area: '713' }, { name: 'Dallas', postal: '752', area: '214' }] },
      { code: 'CA', taxShipping: false, taxes: VAT('CA State + Local', '0.0725'), cities: [{ name: 'San Francisco', postal: '941', area: '415' }, { name: 'Los Angeles', postal: '900', area: '213' }, { name: 'San Diego', postal: '921', area: '619' }] },
      { code: 'NY', taxShipping: true, taxes: VAT('NY State + Local', '0.08875'), cities: [{ name: 'New York', postal: '100', area: '212' }, { name: 'Buffalo', postal: '142', area: '716' }] },
      { code: 'WA', taxShipping: true, taxes: VAT('WA State + Local', '0.1025'), cities: [{ name: 'Seattle', postal: '981', area: '206' }, { name: 'Spokane', postal: '992', area: '509' }] },
      { code: 'IL', taxShipping: false, taxes: VAT('IL State + Local', '0.1025'), cities: [{ name: 'Chicago', postal: '606', area: '312' }] },
      { code: 'CO', taxShipping: false, taxes: VAT('CO State + Local', '0.0881'), cities: [{ name: 'Denver', postal: '802', area: '303' }] },
      { code: 'MA', taxShipping: false, taxes: VAT('MA State', '0.0625'), cities: [{ name: 'Boston', postal: '021', area: '617' }] },
      { code: 'GA', taxShipping: true, taxes: VAT('GA State + Local', '0.089'), cities: [{ name: 'Atlanta', postal: '303', area: '404' }] },
      { code: 'OR', taxShipping: false, taxes: [], cities: [{ name: 'Portland', postal: '972', area: '503' }] },
    ],
  },
  {
    code: 'CA', currency: 'USD', taxesIncluded: false, dial: '1', mobile: ['', 0], nsnLength: 10,
    numberAfterStreet: false, streets: ['King St W', 'Yonge St', 'Granville St', 'Robson St', 'Rue Sainte-Catherine', 'Boulevard Saint-Laurent'], crmNames: ['Canada', 'CA'], weight: 8,
    regions: [
      { code: 'ON', taxShipping: true, taxes: VAT('HST', '0.13'), cities: [{ name: 'Toronto', postal: 'M5V', area: '416' }, { name: 'Ottawa', postal: 'K1P', area: '613' }] },
      { code: 'BC', taxShipping: true, taxes: [{ title: 'GST', rate: '0.05' }, { title: 'BC PST', rate: '0.07' }], cities: [{ name: 'Vancouver', postal: 'V6B', area: '604' }] },
      { code: 'QC', taxShipping: true, taxes: [{ title: 'GST', rate: '0.05' }, { title: 'QST', rate: '0.09975' }], cities: [{ name: 'Montréal', postal: 'H2X', area: '514' }] },
    ],
  },
  {
    code: 'GB', currency: 'GBP', taxesIncluded: true, dial: '44', mobile: ['7700900', 3], nsnLength: 10,
    numberAfterStreet: false, streets: ['Baker Street', 'High Street', 'Station Road', 'Church Lane', 'Deansgate', 'Princes Street', 'Victoria Road'], crmNames: ['United Kingdom', 'UK', 'Great Britain'], weight: 10,
    regions: [
      { code: 'LND', taxShipping: true, taxes: VAT('UK VAT', '0.20'), cities: [{ name: 'London', postal: 'EC1A', area: '20' }] },
      { code: 'MAN', taxShipping: true, taxes: VAT('UK VAT', '0.20'), cities: [{ name: 'Manchester', postal: 'M1', area: '161' }] },
      { code: 'EDH', taxShipping: true, taxes: VAT('UK VAT', '0.20'), cities: [{ name: 'Edinburgh', postal: 'EH1', area: '131' }] },
    ],
  },
  {
    code: 'DE', currency: 'EUR', taxesIncluded: true, dial: '49', mobile: ['151', 8], nsnLength: 10,
    numberAfterStreet: true, streets: ['Friedrichstraße', 'Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Leopoldstraße', 'Mönckebergstraße', 'Hohe Straße'], crmNames: ['Germany', 'Deutschland', 'DE'], weight: 10,
    regions: [
      { code: 'BE', taxShipping: true, taxes: VAT('DE MwSt.', '0.19'), cities: [{ name: 'Berlin', postal: '101', area: '30' }] },
      { code: 'BY', taxShipping: true, taxes: VAT('DE MwSt.', '0.19'), cities: [{ name: 'München', postal: '803', area: '89' }] },
      { code: 'HH', taxShipping: true, taxes: VAT('DE MwSt.', '0.19'), cities: [{ name: 'Hamburg', postal: '200', area: '40' }] },
      { code: 'NW', taxShipping: true, taxes: VAT('DE MwSt.', '0.19'), cities: [{ name: 'Köln', postal: '506', area: '221' }] },
    ],
  },
  {
    code: 'FR', currency: 'EUR', taxesIncluded: true, dial: '33', mobile: ['6', 8], nsnLength: 9,
    numberAfterStreet: false, streets: ['Rue de Rivoli', 'Avenue des Champs-Élysées', 'Rue de la République', 'Boulevard Haussmann', 'Rue Paradis'], crmNames: ['France', 'FR'], weight: 6,
    regions: [
      { code: 'IDF', taxShipping: true, taxes: VAT('FR TVA', '0.20'), cities: [{ name: 'Paris', postal: '750', area: '1' }] },
      { code: 'ARA', taxShipping: true, taxes: VAT('FR TVA', '0.20'), cities: [{ name: 'Lyon', postal: '690', area: '4' }] },
      { code: 'PAC', taxShipping: true, taxes: VAT('FR TVA', '0.20'), cities: [{ name: 'Marseille', postal: '130', area: '4' }] },
    ],
  },
  {
    code: 'NL', currency: 'EUR', taxesIncluded: true, dial: '31', mobile: ['6', 8], nsnLength: 9,
    numberAfterStreet: true, streets: ['Damrak', 'Kalverstraat', 'Coolsingel', 'Oudegracht', 'Prinsengracht'], crmNames: ['Netherlands', 'The Netherlands', 'Nederland'], weight: 5,
    regions: [
      { code: 'NH', taxShipping: true, taxes: VAT('NL BTW', '0.21'), cities: [{ name: 'Amsterdam', postal: '10', area: '20' }] },
      { code: 'ZH', taxShipping: true, taxes: VAT('NL BTW', '0.21'), cities: [{ name: 'Rotterdam', postal: '30', area: '10' }] },
      { code: 'UT', taxShipping: true, taxes: VAT('NL BTW', '0.21'), cities: [{ name: 'Utrecht', postal: '35', area: '30' }] },
    ],
  },
  {
    code: 'AU', currency: 'USD', taxesIncluded: false, dial: '61', mobile: ['4', 8], nsnLength: 9,
    numberAfterStreet: false, streets: ['George St', 'Collins St', 'Queen St', 'Pitt St', 'Flinders Lane'], crmNames: ['Australia', 'AU'], weight: 6,
    regions: [
      { code: 'NSW', taxShipping: true, taxes: VAT('AU GST', '0.10'), cities: [{ name: 'Sydney', postal: '2000', area: '2' }] },
      { code: 'VIC', taxShipping: true, taxes: VAT('AU GST', '0.10'), cities: [{ name: 'Melbourne', postal: '3000', area: '3' }] },
      { code: 'QLD', taxShipping: true, taxes: VAT('AU GST', '0.10'), cities: [{ name: 'Brisbane', postal: '4000', area: '7' }] },
    ],
  },
];

export const COUNTRY_BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.code, c]));
const COUNTRY_WEIGHTS = COUNTRIES.map((c) => [c, c.weight] as const);

export interface Place { country: Country; region: Region; city: City }

export function pickPlace(rng: Rng): Place {
  const country = rng.weighted(COUNTRY_WEIGHTS);
  const region = rng.pick(country.regions);
  return { country, region, city: rng.pick(region.cities) };
}

const LETTERS: readonly string[] = [...'ABCDEFGHJKLMNPRSTUVWXYZ'];

export function postalCode(rng: Rng, p: Place): string {
  const { postal } = p.city;
  switch (p.country.code) {
    case 'US': return postal + rng.digits(2);
    case 'CA': return `${postal} ${rng.int(1, 9)}${rng.pick(LETTERS)}${rng.int(0, 9)}`;
    case 'GB': return `${postal} ${rng.int(1, 9)}${rng.pick(LETTERS)}${rng.pick(LETTERS)}`;
    case 'NL': return `${postal}${rng.digits(2)} ${rng.pick(LETTERS)}${rng.pick(LETTERS)}`;
    case 'AU': return postal;
    default: return postal + rng.digits(5 - postal.length);
  }
}

export function streetLine(rng: Rng, country: Country): string {
  const street = rng.pick(country.streets);
  const n = rng.int(1, country.numberAfterStreet ? 180 : 2400);
  return country.numberAfterStreet ? `${street} ${n}` : `${n} ${street}`;
}

/** E.164 landline in the city's area; US/CA use the 555 exchange reserved for fiction. */
export function landline(rng: Rng, p: Place): string {
  const { dial, nsnLength } = p.country;
  if (dial === '1') return `+1${p.city.area}555${rng.digits(4)}`;
  return `+${dial}${p.city.area}${rng.digits(nsnLength - p.city.area.length)}`;
}

export function mobile(rng: Rng, p: Place): string {
  const [prefix, digits] = p.country.mobile;
  if (p.country.dial === '1') return landline(rng, p);
  return `+${p.country.dial}${prefix}${rng.digits(digits)}`;
}

/** How the same number looks when a person typed it into the CRM: national format with spaces. */
export function nationalFormat(e164: string, country: Country): string {
  const n = e164.slice(1 + country.dial.length);
  if (country.dial === '1') return `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`;
  if (country.code === 'FR') return `0${n}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (country.code === 'AU') return `0${n.slice(0, 1)} ${n.slice(1, 5)} ${n.slice(5)}`;
  return `0${n.slice(0, 3)} ${n.slice(3)}`;
}
