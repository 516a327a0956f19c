/**
 * The Dataverse side as a company's CRM looks before the connector is installed: some Clarity
 * customers are already contacts (same e-mail, sometimes in different case, details typed by hand and
 * slightly out of date, no `clar_clarityid`, so the connector must adopt them by e-mail), some
 * companies are accounts, and there are contacts Clarity has never seen. Rows use the store's internal
 * format (logical names, lookups as `{ id, logicalName }`); system columns are left to the emulator.
 */
import type { EntityRecord } from '../dataverse/store/types';
import type { CompanyInfo } from './companies';
import type { CustomerSeed } from './customers';
import { CONSUMER_DOMAINS, type EmailRegistry, recase } from './emails';
import { COMPANY_PREFIXES, COMPANY_SUFFIXES, FIRST_NAMES, JOB_TITLES, LAST_NAMES, LEGAL_FORMS, NICKNAMES } from './names';
import { landline, mobile, nationalFormat, pickPlace, postalCode, streetLine, type Place } from './places';
import type { Rng } from './prng';

export interface CrmInput {
  rng: Rng;
  customers: readonly CustomerSeed[];
  companies: readonly CompanyInfo[];
  emails: EmailRegistry;
  overlap: number;
  crmOnly: number;
}

export interface CrmData {
  accounts: EntityRecord[];
  contacts: EntityRecord[];
  /** Clarity customer ids that already have a CRM contact with the same e-mail. */
  overlapCustomerIds: string[];
}

function address(rng: Rng, p: Place, line1: string, postal: string): EntityRecord {
  return {
    address1_line1: line1, address1_city: p.city.name, address1_stateorprovince: p.region.code,
    address1_postalcode: postal, address1_country: rng.pick(p.country.crmNames),
  };
}

function phoneAsTyped(rng: Rng, e164: string | undefined, p: Place): string | undefined {
  if (!e164) return rng.chance(0.3) ? nationalFormat(landline(rng, p), p.country) : undefined;
  return rng.weighted<string | undefined>([[nationalFormat(e164, p.country), 50], [e164, 25], [undefined, 15], [nationalFormat(landline(rng, p), p.country), 10]]);
}

function account(rng: Rng, c: CompanyInfo, exactName: boolean): EntityRecord {
  const forms = LEGAL_FORMS[c.place.country.code] ?? [];
  // Sales often drops the legal form ("Contoso Design" for "Contoso Design LLC").
  const form = forms.find((f) => c.company.name.endsWith(` ${f}`));
  const name = !exactName && form ? c.company.name.slice(0, -form.length - 1) : c.company.name;
  return {
    accountid: rng.guid(), name,
    ...(rng.chance(0.75) ? { accountnumber: c.company.accountNumber } : {}),
    telephone1: nationalFormat(c.phone, c.place.country), websiteurl: c.website,
    ...address(rng, c.place, c.line1, c.postalCode),
  };
}

function contact(rng: Rng, first: string, last: string, email: string, p: Place, phone?: string): EntityRecord {
  const row: EntityRecord = { contactid: rng.guid(), firstname: first, lastname: last, emailaddress1: email };
  const tel = phoneAsTyped(rng, phone, p);
  if (tel) row.telephone1 = tel;
  if (rng.chance(0.3)) row.mobilephone = nationalFormat(mobile(rng, p), p.country);
  return row;
}

export function generateCrm(inp: CrmInput): CrmData {
  const { rng, customers } = inp;
  const accounts: EntityRecord[] = [];
  const accountOf = new Map<string, string>();
  // Most companies the sales team already knows; decided up front so colleagues share one account.
  for (const c of inp.companies) {
    if (!rng.chance(0.6)) continue;
    const row = account(rng, c, rng.chance(0.85));
    accounts.push(row);
    accountOf.set(c.company.companyId, row.accountid as string);
  }
  const parent = (companyId?: string): EntityRecord => {
    const id = companyId ? accountOf.get(companyId) : undefined;
    return id ? { parentcustomerid: { id, logicalName: 'account' } } : {};
  };

  const contacts: EntityRecord[] = [];
  const overlapCustomerIds: string[] = [];
  for (const i of rng.sampleIndices(customers.length, customers.length * inp.overlap)) {
    const { customer: c, place, companyInfo } = customers[i]!;
    const first = rng.chance(0.15) ? (NICKNAMES[c.firstName] ?? c.firstName) : c.firstName;
    const email = rng.chance(0.3) ? recase(rng, c.email) : c.email;
    const row = contact(rng, first, c.lastName, email, place, c.phone);
    const a = c.billingAddresses[0]!;
    // A third of CRM addresses are out of date: same city, an older street address.
    const line1 = rng.chance(0.33) ? streetLine(rng, place.country) : a.line1;
    Object.assign(row, address(rng, place, line1, a.postalCode ?? postalCode(rng, place)));
    if (companyInfo && rng.chance(0.7)) row.jobtitle = rng.pick(JOB_TITLES);
    Object.assign(row, parent(companyInfo?.company.companyId));
    contacts.push(row);
    overlapCustomerIds.push(c.customerId);
  }

  // Companies Clarity has never sold to: trade-show leads, prospects.
  const prospects: { id: string; domain: string; place: Place }[] = [];
  const prospectCount = Math.ceil(inp.crmOnly / 8);
  for (let k = 0; k < prospectCount; k++) {
    const place = pickPlace(rng);
    const stem = `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(COMPANY_SUFFIXES)} ${place.city.name}`;
    const domain = `${stem.toLowerCase().replace(/[^a-z0-9]/g, '')}-prospect${k + 1}.example.com`;
    const id = rng.guid();
    accounts.push({
      accountid: id, name: `${stem} ${rng.pick(LEGAL_FORMS[place.country.code] ?? ['Ltd'])}`,
      telephone1: nationalFormat(landline(rng, place), place.country), websiteurl: `https://www.${domain}`,
      ...address(rng, place, streetLine(rng, place.country), postalCode(rng, place)),
    });
    prospects.push({ id, domain, place });
  }
  for (let k = 0; k < inp.crmOnly; k++) {
    const prospect = prospects.length && rng.chance(0.4) ? rng.pick(prospects) : undefined;
    const place = prospect?.place ?? pickPlace(rng);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const email = inp.emails.create(rng, first, last, prospect?.domain ?? rng.pick(CONSUMER_DOMAINS));
    const row = contact(rng, first, last, email, place);
    Object.assign(row, address(rng, place, streetLine(rng, place.country), postalCode(rng, place)));
    if (prospect) {
      row.jobtitle = rng.pick(JOB_TITLES);
      row.parentcustomerid = { id: prospect.id, logicalName: 'account' };
    }
    contacts.push(row);
  }
  return { accounts, contacts, overlapCustomerIds };
}
