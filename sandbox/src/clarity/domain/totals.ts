/**
 * Order totals (spec §4.4/§4.6): computed on the server, and any totals the client states must
 * equal them to the cent, otherwise 422 `totals_mismatch` (the server's computation wins).
 * Pure: no ids, no clock, no store.
 */
import type { DiscountAllocation, OrderDiscount, TaxLine } from '../types';
import { applyRate, formatMoney, includedTax, parseMoney, roundToCents, sumUnits, type Units } from './money';

export interface TaxLineDraft { title: string; rate: string; amount?: string }
export interface LineDraft {
  quantity: number;
  unitPrice: string;
  discountAllocations?: DiscountAllocation[];
  taxLines?: TaxLineDraft[];
  totalDiscount?: string;
  lineTotal?: string;
}
export interface ShippingDraft { price: string; taxLines?: TaxLineDraft[] }
export interface PaymentDraft { status: string; amount: string; amountRefunded?: string }
export interface TotalsDraft {
  lineItems: LineDraft[];
  shippingLines?: ShippingDraft[];
  discounts?: OrderDiscount[];
  taxesIncluded?: boolean;
  totalFees?: string;
  payments?: PaymentDraft[];
  taxLines?: TaxLineDraft[];
  subtotalPrice?: string; totalDiscounts?: string; totalShipping?: string; totalTax?: string;
  totalPrice?: string; totalPaid?: string; balanceDue?: string;
}

export interface ComputedLine { totalDiscount: string; lineTotal: string; taxLines: TaxLine[] }
export interface ComputedTotals {
  lines: ComputedLine[];
  shippingTaxLines: TaxLine[][];
  taxLines: TaxLine[];
  discounts: OrderDiscount[];
  subtotalPrice: string; totalDiscounts: string; totalShipping: string; totalFees: string;
  totalTax: string; totalPrice: string; totalPaid: string; balanceDue: string;
}
export interface TotalsMismatch { field: string; stated: string; computed: string }

function taxFor(base: Units, t: TaxLineDraft, included: boolean): TaxLine {
  const amount = included ? includedTax(base, t.rate) : applyRate(base, t.rate);
  return { title: t.title, rate: t.rate, amount: formatMoney(amount) };
}

/** Captured money net of refunds counts as paid; authorisations do not. */
export function paidUnits(payments: PaymentDraft[]): Units {
  return sumUnits(payments
    .filter((p) => p.status === 'captured' || p.status === 'partially_refunded' || p.status === 'refunded')
    .map((p) => parseMoney(p.amount) - parseMoney(p.amountRefunded ?? '0')));
}

export function computeTotals(d: TotalsDraft): ComputedTotals {
  const included = d.taxesIncluded ?? false;
  const allTax: TaxLine[] = [];
  const lines = d.lineItems.map((l) => {
    const gross = BigInt(l.quantity) * parseMoney(l.unitPrice);
    const disc = sumUnits((l.discountAllocations ?? []).map((a) => parseMoney(a.amount)));
    const net = roundToCents(gross - disc);
    const taxLines = (l.taxLines ?? []).map((t) => taxFor(net, t, included));
    allTax.push(...taxLines);
    return { totalDiscount: formatMoney(disc), lineTotal: formatMoney(net), taxLines, disc, gross };
  });
  const shippingTaxLines = (d.shippingLines ?? []).map((s) => {
    const tl = (s.taxLines ?? []).map((t) => taxFor(parseMoney(s.price), t, included));
    allTax.push(...tl);
    return tl;
  });
  // Order-level discounts are a view of the line allocations (spec §4.6: SAVE5 counted once);
  // a discount no line carries (e.g. free shipping) is added on top.
  const allocated = new Map<string, Units>();
  for (const l of d.lineItems) {
    for (const a of l.discountAllocations ?? []) {
      const k = a.promotionId ?? a.code ?? '';
      allocated.set(k, (allocated.get(k) ?? 0n) + parseMoney(a.amount));
    }
  }
  let unallocated = 0n;
  const discounts = (d.discounts ?? []).map((od) => {
    const k = od.promotionId ?? od.code ?? '';
    const a = allocated.get(k);
    if (a === undefined) unallocated += parseMoney(od.amount);
    return { ...od, amount: formatMoney(a ?? parseMoney(od.amount)) };
  });
  const subtotal = roundToCents(sumUnits(lines.map((l) => l.gross)));
  const totalDiscounts = roundToCents(sumUnits(lines.map((l) => l.disc)) + unallocated);
  const shipping = roundToCents(sumUnits((d.shippingLines ?? []).map((s) => parseMoney(s.price))));
  const fees = roundToCents(parseMoney(d.totalFees ?? '0'));
  const tax = sumUnits(allTax.map((t) => parseMoney(t.amount)));
  const total = subtotal - totalDiscounts + shipping + fees + (included ? 0n : tax);
  const paid = paidUnits(d.payments ?? []);
  return {
    lines: lines.map(({ totalDiscount, lineTotal, taxLines }) => ({ totalDiscount, lineTotal, taxLines })),
    shippingTaxLines,
    taxLines: aggregateTaxLines(allTax),
    discounts,
    subtotalPrice: formatMoney(subtotal), totalDiscounts: formatMoney(totalDiscounts),
    totalShipping: formatMoney(shipping), totalFees: formatMoney(fees), totalTax: formatMoney(tax),
    totalPrice: formatMoney(total), totalPaid: formatMoney(paid), balanceDue: formatMoney(total - paid),
  };
}

/** Order-level tax lines: one per (title, rate), in first-seen order. */
export function aggregateTaxLines(lines: TaxLine[]): TaxLine[] {
  const by = new Map<string, { title: string; rate: string; amount: Units }>();
  for (const t of lines) {
    const k = `${t.title}\u0000${t.rate}`;
    const cur = by.get(k) ?? { title: t.title, rate: t.rate, amount: 0n };
    cur.amount += parseMoney(t.amount);
    by.set(k, cur);
  }
  return [...by.values()].map((t) => ({ title: t.title, rate: t.rate, amount: formatMoney(t.amount) }));
}

/** Every stated amount compared with the computed one; an empty list means the order adds up. */
export function findMismatches(d: TotalsDraft, c: ComputedTotals): TotalsMismatch[] {
  const out: TotalsMismatch[] = [];
  const cmp = (field: string, stated: string | undefined, computed: string) => {
    if (stated !== undefined && parseMoney(stated) !== parseMoney(computed)) out.push({ field, stated, computed });
  };
  d.lineItems.forEach((l, i) => {
    const cl = c.lines[i]!;
    cmp(`lineItems[${i}].totalDiscount`, l.totalDiscount, cl.totalDiscount);
    cmp(`lineItems[${i}].lineTotal`, l.lineTotal, cl.lineTotal);
    l.taxLines?.forEach((t, j) => cmp(`lineItems[${i}].taxLines[${j}].amount`, t.amount, cl.taxLines[j]!.amount));
  });
  d.shippingLines?.forEach((s, i) =>
    s.taxLines?.forEach((t, j) => cmp(`shippingLines[${i}].taxLines[${j}].amount`, t.amount, c.shippingTaxLines[i]![j]!.amount)));
  d.discounts?.forEach((od, i) => cmp(`discounts[${i}].amount`, od.amount, c.discounts[i]!.amount));
  d.taxLines?.forEach((t, i) => {
    const m = c.taxLines.find((x) => x.title === t.title && x.rate === t.rate);
    cmp(`taxLines[${i}].amount`, t.amount, m?.amount ?? '0');
  });
  const keys = ['subtotalPrice', 'totalDiscounts', 'totalShipping', 'totalTax', 'totalPrice', 'totalPaid', 'balanceDue'] as const;
  for (const k of keys) cmp(k, d[k], c[k]);
  return out;
}
