import { syncCatalog } from '../../../plugin-proxy/src/flows/catalog';
import type { InventoryLevel, Product } from '../../../sandbox/src/clarity/types';
import { DEFAULT_NOW, LOCATIONS } from '../../../sandbox/src/demo';
import { generateInventory } from '../../../sandbox/src/demo/inventory';
import { generateProducts } from '../../../sandbox/src/demo/products';
import { Rng } from '../../../sandbox/src/demo/prng';
import { flowDepsOf, startConnectorSandbox, type ConnectorSandbox } from '../support/connector';

type Row = Record<string, unknown>;

/**
 * INVENTORY_DIRECTION=both end to end: setup registers the product Update step, a sales rep's quantity change
 * reaches Clarity (PUT /products/{sku}/inventory at INVENTORY_LOCATION_ID) through intake → queue → flow, and
 * neither direction's own write comes back as new work.
 */
describe('inventory both ways', () => {
  let sb: ConnectorSandbox;
  let products: Product[];
  beforeAll(async () => {
    sb = await startConnectorSandbox({ extraEnv: { INVENTORY_DIRECTION: 'both', INVENTORY_LOCATION_ID: 'loc_austin' } });
    const nowMs = Date.parse(DEFAULT_NOW);
    products = generateProducts(new Rng(9, 'products'), 6, nowMs).filter((p) => p.active);
    sb.clarity.state.seed({ products, inventory: generateInventory(new Rng(9, 'inventory'), products, [], nowMs), locations: [...LOCATIONS] });
    await syncCatalog(flowDepsOf(sb));
  });
  afterAll(() => sb.close());

  const levels = async (sku: string) => (await sb.clarityApi('GET', `/products/${sku}/inventory`)).body.levels as InventoryLevel[];
  const available = (list: InventoryLevel[]) => list.reduce((s, l) => s + l.available, 0);
  const quantity = async (sku: string) => ((await (await sb.dv.request(`products(productnumber='${sku}')?$select=productid,quantityonhand`)).json()) as Row);
  const connectorProductWrites = () =>
    sb.dv.emulator.requests.entries().filter((e) => ['POST', 'PATCH'].includes(e.method) && /products/.test(e.url) && e.caller === 'sandbox-connector').length;
  const jobs = (kind: string, sku: string) => sb.proxy.store.jobs.list({ kind, recordKey: `sku:${sku}` });
  const ownWritesSkipped = async () => Number(/connector_webhooks_skipped_total\{source="dataverse",reason="own_write"\} (\d+)/.exec(await sb.proxy.metrics.registry.metrics())?.[1] ?? 0);

  test('a quantity a sales rep sets in Dynamics becomes Clarity stock at the configured location; the echo writes nothing back', async () => {
    const sku = products[0]!.sku;
    const before = await levels(sku);
    const product = await quantity(sku);
    sb.dv.emulator.requests.clear();
    const putsBefore = sb.clarity.requests.count('PUT', /\/inventory$/);
    const wanted = available(before) + 25;
    const edit = await sb.dv.request(`products(${String(product.productid)})`, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify({ quantityonhand: wanted }) });
    expect(edit.status).toBe(204);
    await sb.settle();

    const after = await levels(sku);
    expect(available(after)).toBe(wanted);
    // Only the configured location moved, by the difference; its allocations are kept.
    const austin = (list: InventoryLevel[]) => list.find((l) => l.locationId === 'loc_austin')!;
    expect(austin(after)).toMatchObject({ onHand: austin(before).onHand + 25, allocated: austin(before).allocated });
    for (const l of after.filter((x) => x.locationId !== 'loc_austin')) expect(l.onHand).toBe(before.find((b) => b.locationId === l.locationId)!.onHand);
    expect(sb.clarity.requests.count('PUT', /\/inventory$/) - putsBefore).toBe(1);

    // Clarity's inventory.changed for that PUT came back, was recognised, and wrote nothing to Dynamics.
    expect((await jobs('dataverse.product', sku)).map((j) => j.state)).toEqual(['done']);
    expect((await jobs('clarity.inventory', sku)).map((j) => [j.state, j.outcome?.startsWith('stale') ?? false])).toEqual([['skipped', true]]);
    expect(connectorProductWrites()).toBe(0);
    expect((await quantity(sku)).quantityonhand).toBe(wanted);
  });

  test("a Clarity stock change reaches Dynamics once; the product Update it fires is the connector's own and is dropped", async () => {
    const sku = products[1]!.sku;
    const skippedBefore = await ownWritesSkipped();
    const putsBefore = sb.clarity.requests.count('PUT', /\/inventory$/);
    sb.dv.emulator.requests.clear();
    expect((await sb.clarityApi('PUT', `/products/${sku}/inventory`, { locationId: 'loc_reno', onHand: 333 })).status).toBe(200);
    await sb.settle();

    expect((await quantity(sku)).quantityonhand).toBe(available(await levels(sku)));
    expect(connectorProductWrites()).toBe(1);
    // The emulator did deliver the product Update webhook; the intake dropped it as an own write.
    expect(await ownWritesSkipped()).toBe(skippedBefore + 1);
    expect(await jobs('dataverse.product', sku)).toEqual([]);
    expect(sb.clarity.requests.count('PUT', /\/inventory$/) - putsBefore).toBe(1); // the test's own
  });

  test('a sales rep setting the quantity Clarity already has sends nothing', async () => {
    const sku = products[2]!.sku;
    const product = await quantity(sku);
    const putsBefore = sb.clarity.requests.count('PUT', /\/inventory$/);
    const same = available(await levels(sku));
    const edit = await sb.dv.request(`products(${String(product.productid)})`, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify({ quantityonhand: same }) });
    expect(edit.status).toBe(204);
    await sb.settle();
    expect(sb.clarity.requests.count('PUT', /\/inventory$/) - putsBefore).toBe(0);
    expect((await jobs('dataverse.product', sku)).map((j) => [j.state, j.outcome])).toEqual([['skipped', expect.stringContaining('unchanged')]]);
  });
});
