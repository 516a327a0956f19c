import type { FlowDeps } from '../../../plugin-proxy/src/flows/deps';
import { ensurePriceList, syncCatalog, syncProduct } from '../../../plugin-proxy/src/flows/catalog';
import { applyInventoryLevel, pushInventoryToClarity } from '../../../plugin-proxy/src/flows/inventory';
import type { Product } from '../../../sandbox/src/clarity/types';
import { DEFAULT_NOW, LOCATIONS } from '../../../sandbox/src/demo';
import { generateInventory } from '../../../sandbox/src/demo/inventory';
import { generateProducts } from '../../../sandbox/src/demo/products';
import { Rng } from '../../../sandbox/src/demo/prng';
import { flowDepsOf, startConnectorSandbox, type ConnectorSandbox } from '../support/connector';

type Row = Record<string, unknown>;

/**
 * Catalog and inventory end to end over the emulators: the initial load of the demo catalogue, a price change
 * reaching the price list item, and Clarity inventory changes reaching the product's quantity on hand.
 */
describe('catalog and inventory between Clarity and Dataverse', () => {
  let sb: ConnectorSandbox;
  let deps: FlowDeps;
  let products: Product[];
  beforeAll(async () => {
    sb = await startConnectorSandbox();
    const nowMs = Date.parse(DEFAULT_NOW);
    products = generateProducts(new Rng(7, 'products'), 40, nowMs);
    const inventory = generateInventory(new Rng(7, 'inventory'), products, [], nowMs);
    sb.clarity.state.seed({ products, inventory, locations: [...LOCATIONS] });
    deps = flowDepsOf(sb);
  });
  afterAll(() => sb.close());

  const get = async (url: string): Promise<Row> => {
    const res = await sb.dv.request(url);
    expect(res.status).toBe(200);
    return (await res.json()) as Row;
  };
  const all = async (url: string): Promise<Row[]> => (await get(url)).value as Row[];
  const connectorWrites = (pattern: RegExp) =>
    sb.dv.emulator.requests.entries().filter((e) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(e.method) && pattern.test(e.url) && e.caller === 'sandbox-connector').length;

  test('syncCatalog creates every demo product once with its price list items; a second run writes nothing', async () => {
    const progress: number[] = [];
    const first = await syncCatalog(deps, { batchSize: 15, onProgress: (p) => progress.push(p.processed) });
    expect(first).toMatchObject({ processed: products.length, created: products.length, updated: 0, unchanged: 0 });
    expect(progress).toEqual([15, 30, 40]);

    const rows = await all(`products?$select=productnumber,name,price,statecode,quantitydecimal,producttypecode,clar_clarityproductid,_defaultuomid_value,_defaultuomscheduleid_value&$filter=clar_clarityproductid ne null`);
    expect(rows).toHaveLength(products.length);
    expect(new Set(rows.map((r) => r.productnumber))).toEqual(new Set(products.map((p) => p.sku)));
    for (const p of products) {
      const row = rows.find((r) => r.productnumber === p.sku) as Row;
      expect(row).toMatchObject({ name: p.name, price: Number(p.price), clar_clarityproductid: p.productId, quantitydecimal: 0, statecode: p.active ? 0 : 1 });
      expect(row.producttypecode).toBe(p.requiresShipping === false ? 3 : 1);
      expect(row._defaultuomid_value).toEqual(expect.any(String));
    }

    const usd = await ensurePriceList(deps, 'USD');
    const usdItems = await all(`productpricelevels?$select=amount,_productid_value&$filter=_pricelevelid_value eq ${usd.pricelevelid}`);
    expect(usdItems).toHaveLength(products.length);
    const eur = await ensurePriceList(deps, 'EUR');
    const eurItems = await all(`productpricelevels?$select=amount,_productid_value&$filter=_pricelevelid_value eq ${eur.pricelevelid}`);
    expect(eurItems).toHaveLength(products.filter((p) => p.metadata?.priceEUR).length);
    const lists = await all(`pricelevels?$select=name&$filter=startswith(name,'Clarity ')`);
    expect(lists.map((l) => l.name).sort()).toEqual(['Clarity EUR', 'Clarity GBP', 'Clarity USD']);

    sb.dv.emulator.requests.clear();
    const second = await syncCatalog(deps, { batchSize: 15 });
    expect(second).toMatchObject({ processed: products.length, created: 0, updated: 0, unchanged: products.length, pricesWritten: 0 });
    expect(connectorWrites(/./)).toBe(0);
  });

  test('a price change in Clarity updates the product and its price list item, and nothing else', async () => {
    // Clarity's v1 contract has no product events and no API to change a price: change the emulator's state and
    // sync the product as a `clarity.product` job or the scheduled full sync would.
    const sku = products[0]!.sku;
    const before = sb.clarity.state.catalog.requireProduct(sku);
    sb.clarity.state.catalog.products.load([{ ...before, price: '123.45', version: before.version + 1, updatedAt: new Date().toISOString() }]);
    const changed = await deps.clarity.getProduct(sku);
    sb.dv.emulator.requests.clear();
    const result = await syncProduct(deps, changed!, 'test');
    expect(result.skipped).toBeFalsy();

    const product = await get(`products(productnumber='${sku}')?$select=productid,price`);
    expect(product.price).toBe(123.45);
    const usd = await ensurePriceList(deps, 'USD');
    const items = await all(`productpricelevels?$select=amount&$filter=_productid_value eq ${String(product.productid)} and _pricelevelid_value eq ${usd.pricelevelid}`);
    expect(items.map((i) => i.amount)).toEqual([123.45]);
    expect(connectorWrites(/productpricelevels/)).toBe(1);
    expect(connectorWrites(/\/products/)).toBe(1);
    expect(connectorWrites(/./)).toBe(2); // the product and its price list item

    // The same version again (a redelivery) and an older one write nothing.
    sb.dv.emulator.requests.clear();
    expect(await syncProduct(deps, changed!, 'again')).toMatchObject({ skipped: true });
    expect(await syncProduct(deps, { ...before }, 'late')).toMatchObject({ skipped: true });
    expect(connectorWrites(/./)).toBe(0);
  });

  test('an inventory change in Clarity updates the product quantity on hand: the sum of available over locations', async () => {
    const sku = products[1]!.sku;
    const put = await sb.clarityApi('PUT', `/products/${sku}/inventory`, { locationId: 'loc_reno', onHand: 77 });
    expect(put.status).toBe(200);
    await sb.settle();
    const levels = (await sb.clarityApi('GET', `/products/${sku}/inventory`)).body.levels as { available: number }[];
    const expected = levels.reduce((s, l) => s + l.available, 0);
    expect((await get(`products(productnumber='${sku}')?$select=quantityonhand`)).quantityonhand).toBe(expected);

    // A second change at another location: one more write with the new sum.
    sb.dv.emulator.requests.clear();
    expect((await sb.clarityApi('PUT', `/products/${sku}/inventory`, { locationId: 'loc_austin', onHand: 5 })).status).toBe(200);
    await sb.settle();
    const after = (await sb.clarityApi('GET', `/products/${sku}/inventory`)).body.levels as { available: number; locationId: string; version: number; updatedAt: string; onHand: number; allocated: number }[];
    expect((await get(`products(productnumber='${sku}')?$select=quantityonhand`)).quantityonhand).toBe(after.reduce((s, l) => s + l.available, 0));
    expect(connectorWrites(/products/)).toBe(1);

    // A late (older) event for a location is skipped; replaying the current one writes nothing.
    sb.dv.emulator.requests.clear();
    const reno = after.find((l) => l.locationId === 'loc_reno')!;
    expect(await applyInventoryLevel(deps, { ...reno, sku, version: reno.version - 1, available: 1 }, 'late')).toMatchObject({ skipped: true });
    expect(await applyInventoryLevel(deps, { ...reno, sku }, 'replay')).toMatchObject({ skipped: true });
    expect(connectorWrites(/./)).toBe(0);
  });

  test('pushInventoryToClarity sets Clarity so its total available equals the Dynamics quantity; the echo writes nothing back', async () => {
    const sku = products[2]!.sku;
    const product = await get(`products(productnumber='${sku}')?$select=productid`);
    const single = sb.clarity.state.catalog.levels(sku).map((l) => l.locationId)[0] ?? 'loc_austin';
    // A sales rep sets the quantity in Dynamics.
    const edit = await sb.dv.request(`products(${String(product.productid)})`, {
      method: 'PATCH',
      clientId: 'sandbox-crm-user',
      headers: { 'if-match': '*' },
      body: JSON.stringify({ quantityonhand: 500 }),
    });
    expect(edit.status).toBeLessThan(300);
    await sb.settle();
    sb.dv.emulator.requests.clear();
    const result = await pushInventoryToClarity(deps, String(product.productid), { locationId: single });
    expect(result.skipped).toBeFalsy();
    await sb.settle();
    const levels = (await sb.clarityApi('GET', `/products/${sku}/inventory`)).body.levels as { available: number }[];
    expect(levels.reduce((s, l) => s + l.available, 0)).toBe(500);
    expect(connectorWrites(/products/)).toBe(0);
    expect(await pushInventoryToClarity(deps, String(product.productid), { locationId: single })).toMatchObject({ skipped: true });
  });
  test('a clarity.product job (a resync by SKU) retires a product Clarity deactivated', async () => {
    const sku = products[3]!.sku;
    const before = sb.clarity.state.catalog.requireProduct(sku);
    sb.clarity.state.catalog.products.load([{ ...before, active: false, version: before.version + 1, updatedAt: new Date().toISOString() }]);
    const { id } = await sb.proxy.store.jobs.enqueue({ kind: 'clarity.product', recordKey: `sku:${sku}`, idempotencyKey: `test-retire-${sku}`, source: 'resync', payload: { sku } });
    await sb.settle();
    expect((await sb.proxy.store.jobs.get(id))?.state).toBe('done');
    expect(await get(`products(productnumber='${sku}')?$select=statecode,statuscode`)).toMatchObject({ statecode: 1, statuscode: 2 });
  });

  test('inventory for a product Dynamics does not have yet creates the product first, with its quantity', async () => {
    const fresh: Product = { ...products[4]!, sku: 'NEW-900-TST', productId: 'prd_new_900', name: 'New Test Product', version: 1 };
    sb.clarity.state.seed({ products: [fresh] });
    expect((await sb.clarityApi('PUT', `/products/${fresh.sku}/inventory`, { locationId: 'loc_berlin', onHand: 12 })).status).toBe(200);
    await sb.settle();
    expect(await get(`products(productnumber='${fresh.sku}')?$select=name,quantityonhand,price`)).toMatchObject({ name: 'New Test Product', quantityonhand: 12, price: Number(fresh.price) });
    const usd = await ensurePriceList(deps, 'USD');
    const product = await get(`products(productnumber='${fresh.sku}')?$select=productid`);
    expect(await all(`productpricelevels?$select=amount&$filter=_productid_value eq ${String(product.productid)} and _pricelevelid_value eq ${usd.pricelevelid}`)).toHaveLength(1);
  });
  test('a full sync reports a product Dataverse cannot take (a currency it lacks) and still syncs the rest of its batch', async () => {
    const base = products[5]!;
    const added: Product[] = [
      { ...base, sku: 'ADD-1', productId: 'prd_add_1', name: 'Added One', metadata: { priceJPY: '3000' } },
      { ...base, sku: 'ADD-2', productId: 'prd_add_2', name: 'Added Two', currency: 'CAD' },
      { ...base, sku: 'ADD-3', productId: 'prd_add_3', name: 'Added Three' },
    ];
    sb.clarity.state.seed({ products: added });
    const r = await syncCatalog(deps, { batchSize: 100 });
    expect(r.created).toBe(2);
    expect(r.failed).toEqual([{ sku: 'ADD-2', error: expect.stringContaining('no currency CAD') }]);
    // The JPY price is left out (no such currency in the org); the USD item exists.
    const one = await get(`products(productnumber='ADD-1')?$select=productid`);
    expect(await all(`productpricelevels?$select=amount&$filter=_productid_value eq ${String(one.productid)}`)).toHaveLength(1);
    expect((await sb.dv.request(`products(productnumber='ADD-2')`)).status).toBe(404);
  });
});
