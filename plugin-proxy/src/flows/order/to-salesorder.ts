/**
 * Clarity order → salesorder + salesorderdetail rows (pure). The declarative part lives in
 * mappings/order-to-salesorder.json and line-to-salesorderdetail.json; this adds what a mapping cannot say:
 * the lookups, per-line tax sums, the write-in decision, and the order discount not allocated to lines.
 *
 * Dataverse computes the totals (SALESREF; sandbox computed.ts): detail = Σ(price×qty − manual discount),
 * total = detail − discountamount + freightamount + Σ line tax. Clarity: total = subtotal − discounts +
 * shipping + fees + tax. They agree to the cent when the line amounts are Clarity's own, the order discount is
 * what no line carries, tax on shipping and fees travel as write-in charge lines, and (taxes included in
 * prices) line tax is 0 — the included tax is stated in the description instead, since adding it would
 * count it twice.
 */
import type { LineItem, Order, TaxLine } from '../../clients/clarity';
import type { Row } from '../../clients/dataverse';
import { alternateKey } from '../../clients/dataverse';
import type { MappingSet } from '../../mapping';

export const ORDER_MAPPINGS = { order: 'order-to-salesorder', line: 'line-to-salesorderdetail' } as const;

export interface OrderRefs {
  pricelevelid: string;
  transactioncurrencyid: string;
  uomid: string;
  /** `customerid_contact@odata.bind` / `customerid_account@odata.bind` → value; empty for a guest without a contact. */
  customerBind: Record<string, string>;
  /** SKUs that exist as Dataverse products (productnumber). */
  knownSkus: ReadonlySet<string>;
}

export interface SalesOrderDraft {
  /** Header columns (no state). `ordernumber` and `transactioncurrencyid` are create-only. */
  header: Row;
  lines: Row[];
  state: { statecode: number; statuscode: number };
  /** Why the order needs a person's review (unknown SKUs, totals that would not match); empty when none. */
  review: string[];
  /** What Dataverse will compute, in cents, for the check against Clarity. */
  expected: { totalamount: number; totaltax: number; totallineitemamount: number; totaldiscountamount: number };
}

/** Decimal string → integer cents, exact for the 2-decimal money Clarity sends. */
export function cents(money: string | undefined): number {
  if (!money) return 0;
  const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(money.trim());
  if (!m) throw new Error(`not a money amount: ${money}`);
  const frac = (m[3] ?? '').padEnd(4, '0');
  const units = Number(m[2]) * 10000 + Number(frac);
  return (m[1] ? -1 : 1) * Math.round(units / 100);
}

const toMoney = (c: number) => c / 100;
const taxCents = (lines: readonly TaxLine[]) => lines.reduce((s, t) => s + cents(t.amount), 0);

export const WRITE_IN_MARKER = '[Clarity: unknown SKU — review]';

function chargeLine(description: string, priceCents: number, taxC: number): Row {
  return { isproductoverridden: true, productdescription: description, quantity: 1, priceperunit: toMoney(priceCents), ispriceoverridden: true, manualdiscountamount: 0, tax: toMoney(taxC) };
}

function productLine(mappings: MappingSet, line: LineItem, refs: OrderRefs, taxesIncluded: boolean): Row {
  const mapped = mappings.get(ORDER_MAPPINGS.line).apply(line).values;
  const tax = taxesIncluded ? 0 : taxCents(line.taxLines);
  const base: Row = { ...mapped, tax: toMoney(tax) };
  if (refs.knownSkus.has(line.sku)) {
    return { ...base, isproductoverridden: false, 'productid@odata.bind': `/products(${alternateKey({ productnumber: line.sku })})`, 'uomid@odata.bind': `/uoms(${refs.uomid})` };
  }
  return { ...base, isproductoverridden: true, productdescription: `${line.name} (SKU ${line.sku}) ${WRITE_IN_MARKER}`.slice(0, 500) };
}

export function toSalesOrder(mappings: MappingSet, order: Order, refs: OrderRefs): SalesOrderDraft {
  const mapped = mappings.get(ORDER_MAPPINGS.order).apply(order).values;
  const { statecode, statuscode, ...header } = mapped;
  const review: string[] = [];
  const included = order.taxesIncluded === true;

  const lines = order.lineItems.map((l) => productLine(mappings, l, refs, included));
  const unknown = order.lineItems.filter((l) => !refs.knownSkus.has(l.sku)).map((l) => l.sku);
  if (unknown.length) review.push(`Write-in lines for SKUs not in Dynamics: ${[...new Set(unknown)].join(', ')}.`);

  const shippingTax = included ? 0 : order.shippingLines.reduce((s, sl) => s + taxCents(sl.taxLines), 0);
  if (shippingTax !== 0) lines.push(chargeLine('Tax on shipping (Clarity)', 0, shippingTax));
  const fees = cents(order.totalFees);
  if (fees !== 0) lines.push(chargeLine('Fees and handling (Clarity)', fees, 0));
  lines.forEach((l, i) => {
    l.lineitemnumber = i + 1;
    l.sequencenumber = i + 1;
  });

  const lineDiscounts = order.lineItems.reduce((s, l) => s + cents(l.totalDiscount), 0);
  const orderDiscount = cents(order.totalDiscounts) - lineDiscounts;
  header.discountamount = toMoney(orderDiscount);
  header['pricelevelid@odata.bind'] = `/pricelevels(${refs.pricelevelid})`;
  header['transactioncurrencyid@odata.bind'] = `/transactioncurrencies(${refs.transactioncurrencyid})`;
  Object.assign(header, refs.customerBind);
  if (included) {
    const note = `Prices include tax of ${order.totalTax} ${order.currency}.`;
    header.description = header.description ? `${String(header.description)}\n${note}` : note;
  }

  const detail = lines.reduce((s, l) => s + Math.round(Number(l.priceperunit) * 100) * Number(l.quantity) - Math.round(Number(l.manualdiscountamount ?? 0) * 100), 0);
  const tax = lines.reduce((s, l) => s + Math.round(Number(l.tax ?? 0) * 100), 0);
  const expected = { totallineitemamount: detail, totaldiscountamount: orderDiscount, totaltax: tax, totalamount: detail - orderDiscount + cents(order.totalShipping) + tax };
  if (expected.totalamount !== cents(order.totalPrice))
    review.push(`Dynamics total ${toMoney(expected.totalamount).toFixed(2)} differs from Clarity totalPrice ${order.totalPrice}.`);

  return { header, lines, state: { statecode: Number(statecode), statuscode: Number(statuscode) }, review, expected };
}
