import { startDataverse, type RunningDataverse } from './test-support/harness';

type Row = Record<string, string>;

/** A price list holds one price per product and unit: the second one fails like the real service (§5.2). */
describe('price list items (productpricelevel)', () => {
  let dv: RunningDataverse;
  let unitId: string;
  let productId: string;
  const post = async (set: string, body: object) => {
    const res = await dv.request(set, { method: 'POST', headers: { 'content-type': 'application/json', prefer: 'return=representation' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Row & { error?: { code: string; message: string } } };
  };
  const priceList = async (name: string) => (await post('pricelevels', { name })).body.pricelevelid as string;
  const item = (list: string, amount: number) =>
    post('productpricelevels', {
      'pricelevelid@odata.bind': `/pricelevels(${list})`,
      'productid@odata.bind': `/products(${productId})`,
      'uomid@odata.bind': `/uoms(${unitId})`,
      amount,
      pricingmethodcode: 1,
      quantitysellingcode: 1,
    });

  beforeAll(async () => {
    dv = await startDataverse({ limits: false });
    const units = (await (await dv.request(`uoms?$select=uomid,name&$filter=name eq 'Primary Unit'`)).json()) as { value: Row[] };
    unitId = units.value[0]!.uomid!;
    const schedule = ((await (await dv.request(`uoms(${unitId})?$select=_uomscheduleid_value`)).json()) as Row)._uomscheduleid_value;
    productId = (
      await post('products', {
        productnumber: 'SKU-1',
        name: 'Widget',
        'defaultuomscheduleid@odata.bind': `/uomschedules(${schedule})`,
        'defaultuomid@odata.bind': `/uoms(${unitId})`,
        quantitydecimal: 0,
      })
    ).body.productid as string;
  });
  afterAll(() => dv.close());

  it('refuses a second price for the same product and unit in one price list (0x80043b08)', async () => {
    const list = await priceList('Retail USD');
    expect((await item(list, 10)).status).toBe(201);
    const second = await item(list, 12);
    expect(second.status).toBe(400);
    expect(second.body.error).toEqual({ code: '0x80043b08', message: 'This product and unit combination has a price for this price list.' });
    const rows = (await (await dv.request(`productpricelevels?$select=amount&$filter=_pricelevelid_value eq ${list}`)).json()) as { value: Row[] };
    expect(rows.value.map((r) => Number(r.amount))).toEqual([10]);
  });

  it('allows the same product in another price list, and updating the existing price', async () => {
    const other = await priceList('Wholesale USD');
    const created = await item(other, 8);
    expect(created.status).toBe(201);
    const res = await dv.request(`productpricelevels(${created.body.productpricelevelid})`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': '*' }, body: JSON.stringify({ amount: 9 }) });
    expect(res.status).toBe(204);
  });
});
