import type { ConnectorSandbox } from './connector';

type Row = Record<string, unknown>;

/** Reads from the Dataverse emulator and the product rows the order tests need (`sb` is read when called). */
export function orderKit(sb: () => ConnectorSandbox) {
  const dvGet = async <T = Row>(path: string): Promise<T> => {
    const res = await sb().dv.request(path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  /** A product as the catalog flow leaves it (keyed by productnumber = SKU), created directly; its id. */
  const createProduct = async (sku: string): Promise<string> => {
    const group = await dvGet<{ value: Row[] }>(`uomschedules?$select=uomscheduleid&$filter=name eq 'Default Unit'`);
    const unit = await dvGet<{ value: Row[] }>(`uoms?$select=uomid&$filter=name eq 'Primary Unit'`);
    const res = await sb().dv.request('products', {
      method: 'POST',
      body: JSON.stringify({
        productnumber: sku, name: `Product ${sku}`, productstructure: 1, quantitydecimal: 0,
        'defaultuomscheduleid@odata.bind': `/uomschedules(${String(group.value[0]!.uomscheduleid)})`, 'defaultuomid@odata.bind': `/uoms(${String(unit.value[0]!.uomid)})`,
      }),
    });
    expect(res.status).toBe(204);
    return (res.headers.get('odata-entityid') ?? '').replace(/^.*\(([^)]+)\)$/, '$1');
  };
  return { dvGet, createProduct, createProducts: async (skus: string[]) => { for (const sku of skus) await createProduct(sku); } };
}
