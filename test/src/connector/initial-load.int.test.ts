import type { FlowDeps } from '../../../plugin-proxy/src/flows/deps';
import { runInitialLoad } from '../../../plugin-proxy/src/load/initial-load';
import { runReconcile } from '../../../plugin-proxy/src/load/reconcile';
import type { LoadProgress } from '../../../plugin-proxy/src/load/progress';
import type { Store } from '../../../plugin-proxy/src/store/types';
import type { ClarityEmulator } from '../../../sandbox/src/clarity';
import { generateDemoData } from '../../../sandbox/src/demo';
import type { RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { startLoadHarness, type LoadHarness } from '../support/load-harness';

/** N customers: 10,000 as the acceptance asks (see the report for timings on 2 cores). */
const N = Number(process.env.INITIAL_LOAD_CUSTOMERS ?? 10_000);

/**
 * The initial load and reconcile over real HTTP against both emulators, with no proxy and no webhooks
 * registered: what changes on one side reaches the other only through the load or the reconcile.
 */
describe('initial load and reconcile', () => {
  let h: LoadHarness;
  let dv: RunningDataverse;
  let clarity: ClarityEmulator;
  let store: Store;
  let deps: FlowDeps;

  beforeAll(async () => {
    h = await startLoadHarness();
    ({ dv, clarity, store, deps } = h);
    const data = generateDemoData({ customers: N, ordersPerCustomer: 0, seed: 7 });
    clarity.state.seed({ customers: data.clarity.customers });
  }, 120_000);
  afterAll(() => h?.close());

  const countContacts = async (): Promise<{ total: number; distinct: number }> => {
    const ids: string[] = [];
    for await (const row of deps.dataverse.queryAll<{ clar_clarityid: string | null }>('contacts', { select: ['clar_clarityid'], maxPageSize: 5000 })) if (row.clar_clarityid) ids.push(row.clar_clarityid);
    return { total: ids.length, distinct: new Set(ids).size };
  };

  test('an interrupted load resumes from its checkpoint and ends with exactly one contact per customer', async () => {
    const controller = new AbortController();
    const seen: LoadProgress[] = [];
    const first = await runInitialLoad(deps, {
      entities: ['customers'],
      batchSize: 250,
      totals: { customers: N },
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (seen.length === 3) controller.abort();
      },
    });
    expect(first.aborted).toBe(true);
    const partial = await countContacts();
    expect(partial.total).toBe(750);
    expect(await store.checkpoints.get('initial-load:customers')).toMatchObject({ done: 750 });

    const second = await runInitialLoad(deps, { entities: ['customers'], batchSize: 250, totals: { customers: N }, onProgress: (p) => seen.push(p) });
    expect(second).toMatchObject({ aborted: false, failed: [] });
    expect(await countContacts()).toEqual({ total: N, distinct: N });
    // Progress: counts rise, rate and ETA are reported, the resumed run starts from what the first one did.
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ entity: 'customers', resumed: 750, done: N - 750, total: N, failed: 0 });
    expect(last.rate).toBeGreaterThan(0);
    expect(seen[3]).toMatchObject({ resumed: 750 });
    expect(seen[3]!.etaSeconds).toBeGreaterThan(0);
    // Links saved like the customer flow's, so later webhooks are recognised.
    const [someId] = clarity.state.customers.byId.keys();
    const link = await store.links.byClarity('customer', someId!);
    expect(link).toMatchObject({ dataverseTable: 'contact', clarityVersion: clarity.state.customers.require(someId!).version, hashToDataverse: expect.any(String) });
  }, 240_000);

  test('a reconcile after drift on both sides (no webhooks) repairs it, and a second one finds nothing', async () => {
    const ids = [...clarity.state.customers.byId.keys()].filter((id) => clarity.state.customers.require(id).accountStatus !== 'disabled');
    const inCrm = ids.slice(0, 5);
    const inClarity = ids.slice(5, 10);
    // Drift in Dynamics: a CRM user edits contacts; no webhook endpoint is registered, so nobody hears of it.
    for (const [i, id] of inCrm.entries()) {
      const res = await dv.request(`contacts(clar_clarityid='${id}')`, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify({ telephone1: `+1555000${i}`, lastname: `Crm${i}` }) });
      expect(res.status).toBe(204);
    }
    // Drift in Clarity: customers change; no webhook subscription exists, so no event is delivered.
    for (const [i, id] of inClarity.entries()) clarity.state.customers.patch(id, { lastName: `Shop${i}`, phone: `+1666000${i}` });

    const first = await runReconcile(deps);
    expect(first.failed).toEqual([]);
    expect(first.clarity.repaired).toBe(inClarity.length);
    expect(first.dataverse.repaired).toBe(inCrm.length);

    const contact = async (id: string) => (await (await dv.request(`contacts(clar_clarityid='${id}')?$select=lastname,telephone1`)).json()) as { lastname: string; telephone1: string };
    for (const [i, id] of inCrm.entries()) {
      const c = clarity.state.customers.require(id);
      expect({ clarity: [c.lastName, c.phone], dataverse: await contact(id) }).toMatchObject({ clarity: [`Crm${i}`, `+1555000${i}`], dataverse: { lastname: `Crm${i}`, telephone1: `+1555000${i}` } });
    }
    for (const [i, id] of inClarity.entries()) expect(await contact(id)).toMatchObject({ lastname: `Shop${i}`, telephone1: `+1666000${i}` });

    const second = await runReconcile(deps);
    expect(second).toMatchObject({ failed: [], clarity: { repaired: 0 }, dataverse: { repaired: 0 } });
  }, 240_000);
});
