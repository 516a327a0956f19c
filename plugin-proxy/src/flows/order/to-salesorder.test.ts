import { join } from 'node:path';
import { loadMappings } from '../../mapping';
import { ord10045 } from './fixtures/order-10045';
import { cents, toSalesOrder, WRITE_IN_MARKER, type OrderRefs } from './to-salesorder';

const mappings = loadMappings(join(__dirname, '..', '..', '..', 'mappings'));
const refs = (known: string[] = ['WID-100-BLU', 'GAD-200']): OrderRefs => ({
  pricelevelid: 'pl-1',
  transactioncurrencyid: 'cur-1',
  uomid: 'uom-1',
  customerBind: { 'customerid_contact@odata.bind': "/contacts(clar_clarityid='cus_2001')" },
  knownSkus: new Set(known),
});

describe('toSalesOrder', () => {
  it('maps the contract example order so Dynamics computes Clarity totals to the cent', () => {
    const d = toSalesOrder(mappings, ord10045(), refs());
    expect(d.header).toMatchObject({
      clar_clarityorderid: 'ord_10045',
      ordernumber: 'SO-10045',
      name: 'SO-10045 / PO PO-7781',
      freightamount: 9.95,
      discountamount: 0,
      billto_line1: '1200 Barton Springs Rd',
      billto_name: 'Lopez Design LLC',
      shipto_line2: 'Suite 210',
      shipto_country: 'United States',
      'pricelevelid@odata.bind': '/pricelevels(pl-1)',
      'transactioncurrencyid@odata.bind': '/transactioncurrencies(cur-1)',
      'customerid_contact@odata.bind': "/contacts(clar_clarityid='cus_2001')",
    });
    expect(d.header).not.toHaveProperty('statecode');
    expect(d.state).toEqual({ statecode: 0, statuscode: 700970000 });
    expect(d.lines[0]).toEqual({
      quantity: 2, priceperunit: 24.99, ispriceoverridden: true, manualdiscountamount: 5, tax: 3.71, description: 'li_1 / SKU WID-100-BLU',
      isproductoverridden: false, 'productid@odata.bind': "/products(productnumber='WID-100-BLU')", 'uomid@odata.bind': '/uoms(uom-1)',
      lineitemnumber: 1, sequencenumber: 1,
    });
    expect(d.review).toEqual([]);
    expect(d.expected).toEqual({ totallineitemamount: 8493, totaldiscountamount: 0, totaltax: 701, totalamount: 10189 });
  });

  it('an unknown SKU becomes a write-in line, flagged for review', () => {
    const d = toSalesOrder(mappings, ord10045(), refs(['WID-100-BLU']));
    expect(d.lines[1]).toMatchObject({ isproductoverridden: true, productdescription: `Gadget 200 (SKU GAD-200) ${WRITE_IN_MARKER}`, priceperunit: 39.95, ispriceoverridden: true });
    expect(d.lines[1]).not.toHaveProperty('productid@odata.bind');
    expect(d.review).toEqual(['Write-in lines for SKUs not in Dynamics: GAD-200.']);
  });

  it('an order-level discount no line carries is the order discountamount; shipping tax and fees are charge lines', () => {
    const o = ord10045();
    o.discounts.push({ code: 'ORDER10', type: 'fixed_amount', value: '10.00', amount: '10.00' });
    o.totalDiscounts = '15.00';
    o.shippingLines[0]!.taxLines = [{ title: 'Ship tax', rate: '0.1', amount: '1.00' }];
    o.totalFees = '2.50';
    o.totalTax = '8.01';
    o.totalPrice = '95.39'; // 89.93 − 15 + 9.95 + 2.50 + 8.01
    const d = toSalesOrder(mappings, o, refs());
    expect(d.header.discountamount).toBe(10);
    expect(d.lines.slice(2)).toMatchObject([{ productdescription: 'Tax on shipping (Clarity)', priceperunit: 0, tax: 1 }, { productdescription: 'Fees and handling (Clarity)', priceperunit: 2.5, tax: 0 }]);
    expect(d.expected.totalamount).toBe(cents(o.totalPrice));
    expect(d.review).toEqual([]);
  });

  it('taxes included in prices: lines carry no tax, the description says how much was included', () => {
    const o = { ...ord10045(), taxesIncluded: true, totalPrice: '94.88' }; // 89.93 − 5 + 9.95
    const d = toSalesOrder(mappings, o, refs());
    expect(d.lines.map((l) => l.tax)).toEqual([0, 0]);
    expect(d.header.description).toBe('Prices include tax of 7.01 USD.');
    expect(d.expected.totalamount).toBe(9488);
  });

  it.each([
    ['pending', 'unfulfilled', 0, 1],
    ['on_hold', 'unfulfilled', 0, 2],
    ['confirmed', 'unfulfilled', 0, 700970000],
    ['processing', 'unfulfilled', 1, 3],
    ['shipped', 'partial', 3, 100002],
    ['shipped', 'fulfilled', 3, 100001],
    ['ready_for_pickup', 'unfulfilled', 3, 100002],
    ['completed', 'fulfilled', 3, 100001],
    ['cancelled', 'unfulfilled', 2, 4],
  ])('status %s with fulfilment %s → state %i / status %i', (status, fulfillmentStatus, statecode, statuscode) => {
    const o = { ...ord10045(), status, fulfillmentStatus } as unknown as ReturnType<typeof ord10045>;
    expect(toSalesOrder(mappings, o, refs()).state).toEqual({ statecode, statuscode });
  });
});
