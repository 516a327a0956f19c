import { SPEC_ORDER_EXAMPLE, specOrderRequest } from './spec-example.fixture';
import { computeTotals, findMismatches, type TotalsDraft } from './totals';

describe('order totals', () => {
  test('spec §4.6 example computes exactly as printed', () => {
    const draft = specOrderRequest() as unknown as TotalsDraft;
    const c = computeTotals(draft);
    const ex = SPEC_ORDER_EXAMPLE;
    expect(c).toMatchObject({
      subtotalPrice: ex.subtotalPrice, totalDiscounts: ex.totalDiscounts, totalShipping: ex.totalShipping,
      totalFees: ex.totalFees, totalTax: ex.totalTax, totalPrice: ex.totalPrice, totalPaid: ex.totalPaid,
      balanceDue: ex.balanceDue, taxLines: ex.taxLines, discounts: ex.discounts,
    });
    expect(c.lines.map((l) => [l.lineTotal, l.totalDiscount, l.taxLines[0]!.amount]))
      .toEqual([['44.98', '5.00', '3.71'], ['39.95', '0.00', '3.30']]);
    expect(findMismatches(draft, c)).toEqual([]);
  });

  test('a stated total one cent off is reported with the computed value', () => {
    const draft = { ...specOrderRequest(), totalPrice: '101.90', totalTax: '7.00' } as unknown as TotalsDraft;
    expect(findMismatches(draft, computeTotals(draft))).toEqual([
      { field: 'totalTax', stated: '7.00', computed: '7.01' },
      { field: 'totalPrice', stated: '101.90', computed: '101.89' },
    ]);
  });

  test('totals may be omitted; taxes-included orders do not add tax again', () => {
    const c = computeTotals({
      lineItems: [{ quantity: 1, unitPrice: '108.25', taxLines: [{ title: 'VAT', rate: '0.0825' }] }],
      taxesIncluded: true,
    });
    expect([c.totalTax, c.totalPrice, c.balanceDue]).toEqual(['8.25', '108.25', '108.25']);
  });

  test('4-decimal unit prices are rounded only at the line', () => {
    const c = computeTotals({ lineItems: [{ quantity: 3, unitPrice: '0.3333' }] });
    expect([c.subtotalPrice, c.lines[0]!.lineTotal]).toEqual(['1.00', '1.00']);
  });
});
