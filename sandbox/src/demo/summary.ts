/** Counts that describe a generated data set; printed by the CLI and handy in test failure messages. */
import { ACCOUNT_STATUSES, ORDER_STATUSES, RETURN_STATUSES, type ClarityDataset } from '../clarity/types';
import type { EntityRecord } from '../dataverse/store/types';
import type { DemoOptions } from './generate';

export interface DemoSummary {
  seed: number;
  now: string;
  customers: number;
  b2bCustomers: number;
  companies: number;
  accountStatuses: Record<string, number>;
  products: number;
  inventoryLevels: number;
  locations: number;
  orders: number;
  ordersByStatus: Record<string, number>;
  ordersByCurrency: Record<string, number>;
  lineItems: number;
  returns: number;
  returnsByStatus: Record<string, number>;
  loyaltyTransactions: number;
  promotions: number;
  crm: { accounts: number; contacts: number; overlapContacts: number; crmOnlyContacts: number; linkedToAccount: number };
}

/** Counts in a fixed key order (the vocabulary's order), so the summary is deterministic too. */
function tally(keys: readonly string[], values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = 0;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function summarise(
  o: Required<DemoOptions>, c: ClarityDataset, dv: { accounts: EntityRecord[]; contacts: EntityRecord[] },
  overlapContacts: number, companies: number,
): DemoSummary {
  const customers = c.customers ?? [];
  const orders = c.orders ?? [];
  const returns = c.returns ?? [];
  return {
    seed: o.seed, now: o.now,
    customers: customers.length,
    b2bCustomers: customers.filter((x) => x.company).length,
    companies,
    accountStatuses: tally(ACCOUNT_STATUSES, customers.map((x) => x.accountStatus)),
    products: c.products?.length ?? 0,
    inventoryLevels: c.inventory?.length ?? 0,
    locations: c.locations?.length ?? 0,
    orders: orders.length,
    ordersByStatus: tally(ORDER_STATUSES, orders.map((x) => x.status)),
    ordersByCurrency: tally(['USD', 'EUR', 'GBP'], orders.map((x) => x.currency)),
    lineItems: orders.reduce((a, x) => a + x.lineItems.length, 0),
    returns: returns.length,
    returnsByStatus: tally(RETURN_STATUSES, returns.map((x) => x.status)),
    loyaltyTransactions: c.loyaltyTransactions?.length ?? 0,
    promotions: c.promotions?.length ?? 0,
    crm: {
      accounts: dv.accounts.length, contacts: dv.contacts.length, overlapContacts,
      crmOnlyContacts: dv.contacts.length - overlapContacts,
      linkedToAccount: dv.contacts.filter((x) => x.parentcustomerid).length,
    },
  };
}
