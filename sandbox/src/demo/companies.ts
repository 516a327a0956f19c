/**
 * B2B companies. Several customers buy for the same company (spec §4.4 `company` → Dynamics account),
 * so companies are created lazily as B2B customers need them and then shared with a skew: a few big
 * accounts with many buyers, a long tail with one or two.
 */
import type { Company } from '../clarity/types';
import { asciiSlug } from './emails';
import { COMPANY_PREFIXES, COMPANY_SUFFIXES, LEGAL_FORMS } from './names';
import { landline, pickPlace, postalCode, streetLine, type Place } from './places';
import type { Rng } from './prng';

export interface CompanyInfo {
  company: Required<Pick<Company, 'companyId' | 'name' | 'accountNumber'>> & Company;
  place: Place;
  /** Head-office address, used as the buyers' billing address and the CRM account address. */
  line1: string;
  postalCode: string;
  phone: string;
  domain: string;
  website: string;
}

function taxId(rng: Rng, country: string): string {
  switch (country) {
    case 'US': return `${rng.digits(2)}-${rng.digits(7)}`;
    case 'CA': return `${rng.digits(9)}RT0001`;
    case 'AU': return rng.digits(11);
    case 'NL': return `NL${rng.digits(9)}B01`;
    case 'FR': return `FR${rng.digits(11)}`;
    default: return `${country}${rng.digits(9)}`;
  }
}

export class CompanyPool {
  readonly all: CompanyInfo[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly rng: Rng, private readonly target: number) {}

  /** The company the next B2B buyer works for: a new one until the target count, then a skewed reuse. */
  next(): CompanyInfo {
    if (this.all.length < this.target) return this.create();
    // u^2 favours low indices: the oldest accounts have the most buyers.
    const u = this.rng.float();
    return this.all[Math.floor(u * u * this.all.length)]!;
  }

  private create(): CompanyInfo {
    const rng = this.rng;
    const place = pickPlace(rng);
    const base = `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(COMPANY_SUFFIXES)}`;
    let stem = base;
    if (this.names.has(stem)) stem = `${base} ${place.city.name}`;
    for (let n = 2; this.names.has(stem); n++) stem = `${base} ${n}`;
    this.names.add(stem);
    const name = `${stem} ${rng.pick(LEGAL_FORMS[place.country.code] ?? ['Ltd'])}`;
    const domain = `${asciiSlug(stem)}.example.com`;
    const seq = this.all.length + 1;
    const info: CompanyInfo = {
      company: {
        companyId: `cmp_${String(seq).padStart(6, '0')}`,
        name,
        accountNumber: `C-${10000 + seq}`,
        ...(rng.chance(0.6) ? { taxId: taxId(rng, place.country.code) } : {}),
      },
      place,
      line1: streetLine(rng, place.country),
      postalCode: postalCode(rng, place),
      phone: landline(rng, place),
      domain,
      website: `https://www.${domain}`,
    };
    this.all.push(info);
    return info;
  }
}
