import path from 'node:path';
import { loadMappings } from '../../mapping';
import { moneyAmount, planProduct, priceItemChanges, pricesOf, PRODUCT_MAPPING, readPriceItem, type ClarityProduct } from './mappers';

const units = { uomscheduleid: 'sched-1', uomid: 'uom-1' };
const widget = (over: Partial<ClarityProduct> = {}): ClarityProduct => ({
  sku: 'WID-100-BLU',
  productId: 'prd_5512',
  name: 'Widget (Blue)',
  description: 'A blue widget',
  price: '24.99',
  currency: 'USD',
  active: true,
  requiresShipping: true,
  updatedAt: '2025-01-15T14:30:00Z',
  version: 3,
  ...over,
});
const mapping = loadMappings(path.join(__dirname, '..', '..', '..', 'mappings')).get(PRODUCT_MAPPING);
const plan = (p: ClarityProduct, prices = [{ pricelevelid: 'pl-usd', amount: 24.99 }]) => planProduct(p.sku, p.version, mapping.apply(p).values, units, 'cur-usd', prices);

describe('catalog mappers', () => {
  it('reads Clarity money strings as cents-rounded numbers', () => {
    expect(moneyAmount('24.99')).toBe(24.99);
    expect(moneyAmount('$1,024.50')).toBe(1024.5);
    expect(moneyAmount('abc')).toBeUndefined();
    expect(moneyAmount(undefined)).toBeUndefined();
  });

  it('lists the own-currency price first, then metadata.price<CUR> in other currencies', () => {
    expect(pricesOf(widget({ metadata: { priceGBP: '19.99', priceEUR: '22.99', priceUSD: '1.00', colour: 'blue' } }))).toEqual([
      { currency: 'USD', amount: 24.99 },
      { currency: 'EUR', amount: 22.99 },
      { currency: 'GBP', amount: 19.99 },
    ]);
    expect(pricesOf(widget())).toEqual([{ currency: 'USD', amount: 24.99 }]);
  });

  it('maps a product to its Dataverse body with unit and currency binds; the state is written apart', () => {
    const p = plan(widget());
    expect(p.body).toEqual({
      productnumber: 'WID-100-BLU',
      clar_clarityproductid: 'prd_5512',
      name: 'Widget (Blue)',
      description: 'A blue widget',
      price: 24.99,
      quantitydecimal: 0,
      producttypecode: 1,
      'defaultuomscheduleid@odata.bind': '/uomschedules(sched-1)',
      'defaultuomid@odata.bind': '/uoms(uom-1)',
      'transactioncurrencyid@odata.bind': '/transactioncurrencies(cur-usd)',
    });
    expect(p.state).toEqual({ statecode: 0, statuscode: 1 });
    expect(plan(widget({ active: false })).state).toEqual({ statecode: 1, statuscode: 2 });
    expect(plan(widget({ requiresShipping: false })).body.producttypecode).toBe(3);
  });

  it('hashes everything written: equal for the same content, different after a price or state change', () => {
    expect(plan(widget()).hash).toBe(plan(widget({ version: 9, updatedAt: '2026-01-01T00:00:00Z' })).hash);
    expect(plan(widget({ price: '25.99' }), [{ pricelevelid: 'pl-usd', amount: 25.99 }]).hash).not.toBe(plan(widget()).hash);
    expect(plan(widget({ active: false })).hash).not.toBe(plan(widget()).hash);
    expect(plan(widget(), [{ pricelevelid: 'pl-usd', amount: 24.99 }, { pricelevelid: 'pl-eur', amount: 22.99 }]).hash).not.toBe(plan(widget()).hash);
  });

  it('creates a missing price list item, updates a changed amount and leaves an equal one alone', () => {
    const existing = [
      readPriceItem({ productpricelevelid: 'ITEM-1', _productid_value: 'PROD-1', _pricelevelid_value: 'PL-USD', _uomid_value: 'UOM-1', amount: 20 }),
      readPriceItem({ productpricelevelid: 'item-2', _productid_value: 'prod-1', _pricelevelid_value: 'pl-gbp', _uomid_value: 'uom-1', amount: 19.99 }),
    ];
    const changes = priceItemChanges('prod-1', [
      { pricelevelid: 'pl-usd', amount: 24.99 },
      { pricelevelid: 'pl-eur', amount: 22.99 },
      { pricelevelid: 'pl-gbp', amount: 19.99 },
    ], existing, units);
    expect(changes.update).toEqual([{ productpricelevelid: 'item-1', amount: 24.99 }]);
    expect(changes.create).toEqual([
      {
        'pricelevelid@odata.bind': '/pricelevels(pl-eur)',
        'productid@odata.bind': '/products(prod-1)',
        'uomid@odata.bind': '/uoms(uom-1)',
        'uomscheduleid@odata.bind': '/uomschedules(sched-1)',
        amount: 22.99,
        pricingmethodcode: 1,
        quantitysellingcode: 1,
      },
    ]);
  });
});
