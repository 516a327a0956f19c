/**
 * Clarity customers (spec §4.4). Loyalty fields, `updatedAt` and `version` are provisional here and
 * settled by loyalty.ts once the customer's orders exist, because every balance change bumps them.
 */
import type { AccountStatus, Address, Customer } from '../clarity/types';
import type { CompanyInfo, CompanyPool } from './companies';
import { CONSUMER_DOMAINS, EmailRegistry, recase } from './emails';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { landline, mobile, pickPlace, postalCode, streetLine, type Place } from './places';
import type { Rng } from './prng';
import { DAY_MS, iso } from './time';

export interface CustomerSeed {
  customer: Customer;
  place: Place;
  companyInfo?: CompanyInfo;
  createdMs: number;
}

const STATUS_WEIGHTS: readonly (readonly [AccountStatus, number])[] = [
  ['active', 88], ['pending', 5], ['on_hold', 3], ['disabled', 4],
];
const LINE2 = ['Suite 210', 'Apt 4B', 'Unit 12', 'Floor 3', '2nd Floor', 'Building C'];

export class AddressIds {
  private n = 0;
  next(): string {
    return `adr_${String(++this.n).padStart(7, '0')}`;
  }
}

function address(rng: Rng, ids: AddressIds, p: Place, first: string, last: string, label: string): Address {
  return {
    addressId: ids.next(), label, firstName: first, lastName: last,
    line1: streetLine(rng, p.country),
    ...(rng.chance(0.2) ? { line2: rng.pick(LINE2) } : {}),
    city: p.city.name, region: p.region.code, postalCode: postalCode(rng, p), countryCode: p.country.code,
    isDefault: false,
  };
}

export interface CustomerContext {
  rng: Rng;
  emails: EmailRegistry;
  companies: CompanyPool;
  addressIds: AddressIds;
  companyShare: number;
  nowMs: number;
}

export function generateCustomer(ctx: CustomerContext, index: number): CustomerSeed {
  const { rng } = ctx;
  const companyInfo = rng.chance(ctx.companyShare) ? ctx.companies.next() : undefined;
  // Buyers mostly sit where their company is; consumers anywhere the store sells.
  const place = companyInfo && rng.chance(0.85) ? companyInfo.place : pickPlace(rng);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const domain = companyInfo ? companyInfo.domain : rng.pick(CONSUMER_DOMAINS);
  const stored = ctx.emails.create(rng, firstName, lastName, domain);
  // A few people registered with capitals; uniqueness is still checked case-insensitively.
  const email = rng.chance(0.04) ? recase(rng, stored) : stored;
  const phone = rng.chance(0.85) ? (rng.chance(0.7) ? mobile(rng, place) : landline(rng, place)) : undefined;

  const shipping: Address[] = [address(rng, ctx.addressIds, place, firstName, lastName, companyInfo ? 'Office' : 'Home')];
  shipping[0]!.isDefault = true;
  if (phone) shipping[0]!.phone = phone;
  if (rng.chance(0.25)) shipping.push(address(rng, ctx.addressIds, place, firstName, lastName, companyInfo ? 'Warehouse' : 'Work'));
  if (rng.chance(0.05)) shipping.push(address(rng, ctx.addressIds, pickPlace(rng), firstName, lastName, 'Holiday home'));

  let billing: Address[];
  if (companyInfo) {
    const c = companyInfo;
    billing = [{
      addressId: ctx.addressIds.next(), label: 'Head office', firstName, lastName, company: c.company.name,
      line1: c.line1, city: c.place.city.name, region: c.place.region.code, postalCode: c.postalCode,
      countryCode: c.place.country.code, phone: c.phone, isDefault: true,
    }];
  } else if (rng.chance(0.6)) {
    billing = [{ ...shipping[0]! }]; // same address in both lists, same addressId (spec §4.4)
  } else {
    billing = [{ ...address(rng, ctx.addressIds, place, firstName, lastName, 'Billing'), isDefault: true }];
  }

  const createdMs = ctx.nowMs - rng.int(2 * DAY_MS, 730 * DAY_MS);
  const created = iso(createdMs);
  const customer: Customer = {
    customerId: `cus_${String(index + 1).padStart(6, '0')}`,
    firstName, lastName, email,
    ...(phone ? { phone } : {}),
    shippingAddresses: shipping,
    billingAddresses: billing,
    accountStatus: rng.weighted(STATUS_WEIGHTS),
    loyaltyPoints: 0,
    acceptsMarketing: rng.chance(0.4),
    ...(companyInfo ? { company: { ...companyInfo.company } } : {}),
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
  return { customer, place, ...(companyInfo ? { companyInfo } : {}), createdMs };
}
