import type { FlowDeps } from '../../../plugin-proxy/src/flows/deps';
import { runInitialLoad } from '../../../plugin-proxy/src/load/initial-load';
import type { Store } from '../../../plugin-proxy/src/store/types';
import { seedDataverseRows } from '../../../sandbox/src/dataverse/demo-seed';
import { generateDemoData, type DemoData } from '../../../sandbox/src/demo';
import { startLoadHarness, type LoadHarness } from '../support/load-harness';

type Row = Record<string, unknown>;
const N = 600;

/**
 * The initial load against the sandbox demo: the CRM already has contacts for a fifth of the Clarity customers
 * (same email, sometimes in another case) and accounts for most companies. The load adopts them (sets the
 * Clarity id, merges) instead of creating duplicates, also when it is interrupted and resumed, and a second
 * load changes nothing.
 */
describe('initial load over a CRM that already has some of the customers', () => {
  let h: LoadHarness;
  let store: Store;
  let deps: FlowDeps;
  let data: DemoData;

  beforeAll(async () => {
    h = await startLoadHarness();
    ({ store, deps } = h);
    data = generateDemoData({ customers: N, ordersPerCustomer: 0, seed: 5 });
    h.clarity.state.seed({ customers: data.clarity.customers });
    seedDataverseRows(h.dv.emulator, data.dataverse);
  }, 60_000);
  afterAll(() => h?.close());

  const all = async (set: string, select: string[]): Promise<Row[]> => {
    const rows: Row[] = [];
    for await (const row of deps.dataverse.queryAll(set, { select, maxPageSize: 5000 })) rows.push(row);
    return rows;
  };

  test('pre-existing contacts and accounts are linked, not duplicated; interrupted, resumed and repeated', async () => {
    const customers = data.clarity.customers ?? [];
    const crmByEmail = new Map(data.dataverse.contacts.map((c) => [String(c.emailaddress1).toLowerCase(), String(c.contactid)]));
    const overlap = customers.filter((c) => crmByEmail.has(c.email.toLowerCase()));
    expect(overlap.length).toBeGreaterThan(N / 10); // the demo's 20 % (the test is about them)
    const companies = new Map(customers.filter((c) => c.company?.companyId).map((c) => [c.company!.companyId!, c.company!]));
    const crmAccountByNumber = new Map(data.dataverse.accounts.filter((a) => a.accountnumber).map((a) => [String(a.accountnumber), String(a.accountid)]));
    const adoptableCompanies = [...companies.values()].filter((c) => c.accountNumber && crmAccountByNumber.has(c.accountNumber));
    expect(adoptableCompanies.length).toBeGreaterThan(0);

    const controller = new AbortController();
    let batches = 0;
    const first = await runInitialLoad(deps, { entities: ['customers'], batchSize: 100, signal: controller.signal, onProgress: () => ++batches === 2 && controller.abort() });
    expect(first.aborted).toBe(true);
    const second = await runInitialLoad(deps, { entities: ['customers'], batchSize: 100 });
    expect(second).toMatchObject({ aborted: false, failed: [] });

    const contacts = await all('contacts', ['contactid', 'emailaddress1', 'clar_clarityid']);
    const emails = contacts.map((c) => String(c.emailaddress1).toLowerCase());
    expect(emails.length - new Set(emails).size).toBe(0);
    expect(contacts).toHaveLength(data.dataverse.contacts.length + customers.length - overlap.length);
    const byId = new Map(contacts.map((c) => [String(c.contactid), c]));
    for (const c of overlap) {
      const crmId = crmByEmail.get(c.email.toLowerCase())!;
      expect({ customer: c.customerId, contact: byId.get(crmId)?.clar_clarityid }).toEqual({ customer: c.customerId, contact: c.customerId });
      expect((await store.links.byClarity('customer', c.customerId))?.dataverseId).toBe(crmId);
    }

    const accounts = await all('accounts', ['accountid', 'accountnumber', 'clar_clarityid']);
    const numbers = accounts.map((a) => a.accountnumber).filter(Boolean);
    expect(numbers.length - new Set(numbers).size).toBe(0);
    for (const company of adoptableCompanies) {
      const crmId = crmAccountByNumber.get(company.accountNumber!)!;
      expect(accounts.find((a) => a.accountid === crmId)?.clar_clarityid).toBe(company.companyId);
    }
    expect(accounts.filter((a) => a.clar_clarityid)).toHaveLength(companies.size);

    // A second full load (from the start, as after losing the checkpoint) finds everything linked: no new rows.
    await store.checkpoints.set('initial-load:customers', null);
    const again = await runInitialLoad(deps, { entities: ['customers'], batchSize: 100 });
    expect(again.failed).toEqual([]);
    expect(await all('contacts', ['contactid'])).toHaveLength(contacts.length);
    expect(await all('accounts', ['accountid'])).toHaveLength(accounts.length);
  }, 120_000);
});
