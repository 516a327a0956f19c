import { CATALOG_SYNC_CHECKPOINT, ensurePriceList } from '../../../plugin-proxy/src/flows/catalog';
import type { FlowDeps } from '../../../plugin-proxy/src/flows/deps';
import { runCatalogCommand } from '../../../plugin-proxy/src/load/catalog-command';
import type { Product } from '../../../sandbox/src/clarity/types';
import { DEFAULT_NOW } from '../../../sandbox/src/demo';
import { generateProducts } from '../../../sandbox/src/demo/products';
import { Rng } from '../../../sandbox/src/demo/prng';
import { flowDepsOf, startConnectorSandbox, type ConnectorSandbox } from '../support/connector';

type Row = Record<string, unknown>;

/**
 * The scheduled full catalog sync end to end: CATALOG_SYNC_INTERVAL_MINUTES starts the schedule, each interval's
 * `catalog.sync` job runs through the queue, creates what Dynamics lacks and repairs prices edited in Dynamics
 * (which no Clarity event would ever report), and writes nothing when nothing drifted. `npm run catalog-sync`
 * does the same on demand.
 */
describe('scheduled full catalog sync', () => {
  let sb: ConnectorSandbox;
  let products: Product[];
  let deps: FlowDeps;
  let slot = Date.parse('2030-01-01T00:00:00Z');
  const HOUR = 3_600_000;

  beforeAll(async () => {
    sb = await startConnectorSandbox({ extraEnv: { CATALOG_SYNC_INTERVAL_MINUTES: '60' } });
    products = generateProducts(new Rng(21, 'products'), 12, Date.parse(DEFAULT_NOW));
    deps = flowDepsOf(sb);
  });
  afterAll(() => sb.close());

  const get = async (url: string): Promise<Row & { value: Row[] }> => (await (await sb.dv.request(url)).json()) as Row & { value: Row[] };
  const connectorWrites = (pattern: RegExp) =>
    sb.dv.emulator.requests.entries().filter((e) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(e.method) && pattern.test(e.url) && e.caller === 'sandbox-connector').length;
  /** The next interval: what the timer does when the hour turns. */
  const nextInterval = async () => {
    slot += HOUR;
    await sb.proxy.catalogSchedule!.tick(new Date(slot));
    await sb.settle();
  };
  const lastSync = async () => (await sb.proxy.store.jobs.list({ kind: 'catalog.sync' })).at(-1);
  const usdItem = async (sku: string) => {
    const product = await get(`products(productnumber='${sku}')?$select=productid,price`);
    const usd = await ensurePriceList(deps, 'USD');
    const [item] = (await get(`productpricelevels?$select=productpricelevelid,amount&$filter=_productid_value eq ${String(product.productid)} and _pricelevelid_value eq ${usd.pricelevelid}`)).value;
    return { product, item: item! };
  };

  test('the proxy schedules one at start; the next interval creates the catalogue', async () => {
    await sb.settle();
    expect(await sb.proxy.store.jobs.list({ kind: 'catalog.sync' })).toEqual([expect.objectContaining({ state: 'done', source: 'schedule' })]);

    sb.clarity.state.seed({ products });
    await nextInterval();
    expect(await lastSync()).toMatchObject({ state: 'done', outcome: expect.stringContaining(`${products.length} products, ${products.length} created`) });
    expect((await get(`products?$select=productnumber&$filter=clar_clarityproductid ne null`)).value).toHaveLength(products.length);
    expect(await sb.proxy.store.checkpoints.get(CATALOG_SYNC_CHECKPOINT)).toMatchObject({ processed: products.length, created: products.length, repaired: 0, failed: [] });
  });

  test('a price edited in Dynamics is repaired by the next interval; only that product is written', async () => {
    const sku = products[3]!.sku;
    const { product, item } = await usdItem(sku);
    const wanted = Number(products[3]!.price);
    // A sales manager "fixes" the price in Dynamics: on the price list and on the product.
    for (const [url, body] of [[`productpricelevels(${String(item.productpricelevelid)})`, { amount: 1.23 }], [`products(${String(product.productid)})`, { price: 1.23 }]] as const) {
      const res = await sb.dv.request(url, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify(body) });
      expect(res.status).toBe(204);
    }
    sb.dv.emulator.requests.clear();
    await nextInterval();
    const after = await usdItem(sku);
    expect([after.product.price, after.item.amount]).toEqual([wanted, wanted]);
    expect(await lastSync()).toMatchObject({ state: 'done', outcome: expect.stringContaining('1 repaired') });
    expect(connectorWrites(/productpricelevels/)).toBe(1);
    expect(connectorWrites(/\/products/)).toBe(1);

    // Nothing drifted since: the next interval reads, and writes nothing.
    sb.dv.emulator.requests.clear();
    await nextInterval();
    expect(await lastSync()).toMatchObject({ state: 'done', outcome: expect.stringContaining('0 created, 0 updated, 0 repaired') });
    expect(connectorWrites(/./)).toBe(0);
  });

  test('npm run catalog-sync repairs on demand, or queues the same job for the proxies with --enqueue', async () => {
    const sku = products[5]!.sku;
    const { item } = await usdItem(sku);
    await sb.dv.request(`productpricelevels(${String(item.productpricelevelid)})`, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify({ amount: 9.99 }) });
    const lines: string[] = [];
    expect(await runCatalogCommand(deps, { out: (l) => lines.push(l) })).toEqual({ failed: 0 });
    expect(lines.at(-1)).toContain('1 repaired in Dynamics');
    expect((await usdItem(sku)).item.amount).toBe(Number(products[5]!.price));

    await runCatalogCommand(deps, { enqueue: true, out: (l) => lines.push(l) });
    await sb.settle();
    expect(await lastSync()).toMatchObject({ state: 'done', source: 'admin', outcome: expect.stringContaining('0 repaired') });
  });
});
