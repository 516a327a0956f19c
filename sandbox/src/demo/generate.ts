/**
 * Deterministic demo data for both emulators: a Clarity store (customers, catalogue, stock, orders,
 * returns, loyalty, promotions) and the partial CRM a company would already have in Dataverse.
 * Same options ⇒ byte-identical output: every random choice comes from a seeded stream per part.
 */
import type { ClarityDataset, Return } from '../clarity/types';
import type { EntityRecord } from '../dataverse/store/types';
import { CompanyPool } from './companies';
import { generateCrm } from './crm';
import { AddressIds, generateCustomer, type CustomerSeed } from './customers';
import { EmailRegistry } from './emails';
import { generateInventory, LOCATIONS } from './inventory';
import { LoyaltyLedger } from './loyalty';
import { generateOrders } from './orders';
import { generateProducts } from './products';
import { generatePromotions } from './promotions';
import { Rng } from './prng';
import { generateReturns } from './returns';
import { summarise, type DemoSummary } from './summary';
import { DAY_MS, iso, parseIso } from './time';

export interface DemoOptions {
  customers: number;
  seed?: number;
  /** Average orders per customer (B2B buyers order about twice as often as consumers). Default 3. */
  ordersPerCustomer?: number;
  /** Default 60. */
  products?: number;
  /** Fraction of customers buying for a company. Default 0.3. */
  companyShare?: number;
  /** Fraction of Clarity customers that already exist in the CRM as contacts with the same e-mail. Default 0.2. */
  crmOverlap?: number;
  /** CRM contacts unknown to Clarity. Default 10% of `customers`. */
  crmOnly?: number;
  /** Fixed "now" (ISO) so output does not depend on the clock. Default 2026-11-01T12:00:00Z. */
  now?: string;
}

export interface DemoData {
  clarity: ClarityDataset;
  /** CRM rows, and when they were typed in (before the store's first customer: Clarity's data is newer). */
  dataverse: { accounts: EntityRecord[]; contacts: EntityRecord[]; createdOn: string };
  summary: DemoSummary;
}

export const DEFAULT_NOW = '2026-11-01T12:00:00Z';

function resolve(o: DemoOptions): Required<DemoOptions> {
  const r: Required<DemoOptions> = {
    customers: o.customers, seed: o.seed ?? 1, ordersPerCustomer: o.ordersPerCustomer ?? 3,
    products: o.products ?? 60, companyShare: o.companyShare ?? 0.3, crmOverlap: o.crmOverlap ?? 0.2,
    crmOnly: o.crmOnly ?? Math.round(o.customers * 0.1), now: o.now ?? DEFAULT_NOW,
  };
  const whole = (k: keyof DemoOptions, v: number) => {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`demo option ${k} must be a non-negative integer, got ${v}`);
  };
  const share = (k: keyof DemoOptions, v: number) => {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`demo option ${k} must be between 0 and 1, got ${v}`);
  };
  whole('customers', r.customers); whole('products', r.products); whole('crmOnly', r.crmOnly); whole('seed', r.seed);
  share('companyShare', r.companyShare); share('crmOverlap', r.crmOverlap);
  if (!(r.ordersPerCustomer >= 0 && r.ordersPerCustomer <= 50)) throw new RangeError(`demo option ordersPerCustomer must be 0..50, got ${r.ordersPerCustomer}`);
  if (r.ordersPerCustomer > 0 && r.products === 0) throw new RangeError('demo orders need products (products > 0)');
  parseIso(r.now);
  return r;
}

export function generateDemoData(options: DemoOptions): DemoData {
  const o = resolve(options);
  const nowMs = parseIso(o.now);
  const stream = (label: string) => new Rng(o.seed, label);

  const emails = new EmailRegistry();
  const companies = new CompanyPool(stream('companies'), Math.max(1, Math.round((o.customers * o.companyShare) / 3.5)));
  const ctx = { rng: stream('customers'), emails, companies, addressIds: new AddressIds(), companyShare: o.companyShare, nowMs };
  const seeds: CustomerSeed[] = new Array<CustomerSeed>(o.customers);
  for (let i = 0; i < o.customers; i++) seeds[i] = generateCustomer(ctx, i);

  const products = generateProducts(stream('products'), o.products, nowMs);
  const promotions = generatePromotions(nowMs);
  const { orders, byCustomer } = generateOrders({
    rng: stream('orders'), customers: seeds, products, promotions,
    ordersPerCustomer: o.ordersPerCustomer, companyShare: o.companyShare, nowMs,
  });
  const returns = generateReturns(stream('returns'), orders, nowMs);

  const returnsOf = new Map<string, Return[]>();
  for (const r of returns) {
    if (!r.customerId) continue;
    const list = returnsOf.get(r.customerId);
    if (list) list.push(r);
    else returnsOf.set(r.customerId, [r]);
  }
  const ledger = new LoyaltyLedger(stream('loyalty'), nowMs);
  seeds.forEach((s, i) => {
    const mine = byCustomer[i]!.map((k) => orders[k]!);
    ledger.apply(s.customer, s.createdMs, mine, returnsOf.get(s.customer.customerId) ?? []);
  });
  const promotionById = new Map([...promotions.values()].map((p) => [p.promotionId, p]));
  for (const ord of orders) {
    for (const d of ord.discounts) {
      const p = d.promotionId ? promotionById.get(d.promotionId) : undefined;
      if (p) p.usageCount = (p.usageCount ?? 0) + 1;
    }
  }

  const crm = generateCrm({ rng: stream('crm'), customers: seeds, companies: companies.all, emails, overlap: o.crmOverlap, crmOnly: o.crmOnly });
  const clarity: ClarityDataset = {
    customers: seeds.map((s) => s.customer), products, inventory: generateInventory(stream('inventory'), products, orders, nowMs),
    orders, loyaltyTransactions: ledger.transactions, returns, promotions: [...promotions.values()], locations: [...LOCATIONS],
  };
  // Customers go back up to 730 days; the CRM rows predate them, so an adoption's merge lets Clarity's newer data win.
  const dataverse = { accounts: crm.accounts, contacts: crm.contacts, createdOn: iso(nowMs - 800 * DAY_MS) };
  return { clarity, dataverse, summary: summarise(o, clarity, dataverse, crm.overlapCustomerIds.length, companies.all.length) };
}

/**
 * Customers and the CRM seed only (no catalogue, no orders): cheap enough for a 100,000-contact
 * Dataverse benchmark seed.
 */
export function generateCustomersOnly(options: Omit<DemoOptions, 'ordersPerCustomer' | 'products'>): DemoData {
  return generateDemoData({ ...options, ordersPerCustomer: 0, products: 0 });
}
