/**
 * Lines, promotions, shipping and tax for one order. The generator chooses prices, quantities and
 * discount allocations (in cents); the emulator's `computeTotals` then derives line totals, tax and
 * order totals, so every seeded order passes the emulator's own `totals_mismatch` check (spec §4.4).
 */
import { computeTotals } from '../clarity/domain/totals';
import type { DiscountAllocation, LineItem, OrderDiscount, Product, Promotion, ShippingLine, TaxLine } from '../clarity/types';
import { allocate, fromCents, toCents } from './cents';
import type { Place } from './places';
import { priceIn } from './products';
import type { PromotionKey } from './promotions';
import { runsAt } from './promotions';
import type { Rng } from './prng';
import { FREE_STANDARD, FREE_THRESHOLD_CENTS, FREIGHT, shippingOptions } from './shipping';

export interface PricingInput {
  rng: Rng;
  catalogue: readonly Product[];
  promotions: ReadonlyMap<PromotionKey, Promotion>;
  place: Place;
  b2b: boolean;
  firstOrder: boolean;
  pickup: boolean;
  ms: number;
  nextLineId: () => string;
}

export interface PricedOrder {
  currency: string;
  taxesIncluded: boolean;
  lineItems: LineItem[];
  shippingLines: ShippingLine[];
  discounts: OrderDiscount[];
  taxLines: TaxLine[];
  subtotalPrice: string; totalDiscounts: string; totalShipping: string; totalFees: string;
  totalTax: string; totalPrice: string;
}

const LINE_COUNTS = [[1, 30], [2, 25], [3, 15], [4, 10], [5, 7], [6, 5], [7, 4], [8, 4]] as const;

function pickProducts(rng: Rng, catalogue: readonly Product[], count: number): Product[] {
  const n = Math.min(count, catalogue.length);
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(rng.int(0, catalogue.length - 1));
  return [...chosen].map((i) => catalogue[i]!);
}

const Q_SERVICE = [[1, 85], [2, 15]] as const;
const Q_B2B = [[1, 20], [2, 15], [5, 20], [10, 20], [0, 25]] as const;
const Q_B2C = [[1, 65], [2, 20], [3, 10], [0, 5]] as const;

/** Quantities as shops see them; 0 in the tables stands for "an odd larger number". */
function quantity(rng: Rng, p: Product, b2b: boolean): number {
  if (p.requiresShipping === false) return rng.weighted(Q_SERVICE);
  const q = rng.weighted(b2b ? Q_B2B : Q_B2C);
  return q !== 0 ? q : b2b ? rng.int(3, 50) : rng.int(4, 6);
}

/** The promotions that could apply, most specific first; at most one allocates to lines. */
function choosePromotion(inp: PricingInput, currency: string, lines: readonly { qty: number }[]): PromotionKey | undefined {
  const { rng, promotions, ms } = inp;
  const live = (k: PromotionKey) => runsAt(promotions.get(k)!, ms);
  if (!rng.chance(inp.b2b ? 0.35 : 0.22)) return undefined;
  const options: [PromotionKey, number][] = [];
  if (inp.b2b && live('BULK15')) options.push(['BULK15', 5]);
  if (inp.firstOrder && currency === 'USD' && live('WELCOME5')) options.push(['WELCOME5', 6]);
  if (live('SAVE10')) options.push(['SAVE10', 4]);
  if (live('SPRING20')) options.push(['SPRING20', 6]);
  if (live('BOGO') && lines.some((l) => l.qty >= 3)) options.push(['BOGO', 3]);
  return options.length ? rng.weighted(options) : undefined;
}

/** Cents off each line for the promotion; gift cards are never discounted. */
function allocations(key: PromotionKey, p: Promotion, lines: readonly { product: Product; qty: number; unit: number }[]): number[] {
  const eligible = lines.map((l) => (l.product.taxCode === 'gift_card' ? 0 : l.qty * l.unit));
  if (p.type === 'percentage') return eligible.map((g) => Math.round((g * Number(p.value)) / 100));
  if (p.type === 'fixed_amount') {
    const amount = toCents(p.value);
    return eligible.reduce((a, b) => a + b, 0) > amount * 4 ? allocate(amount, eligible) : eligible.map(() => 0);
  }
  if (key === 'BOGO') {
    const i = lines.findIndex((l, j) => l.qty >= 3 && eligible[j]! > 0);
    return lines.map((l, j) => (j === i ? Math.floor(l.qty / 3) * l.unit : 0));
  }
  return lines.map(() => 0);
}

export function priceOrder(inp: PricingInput): PricedOrder {
  const { rng, place } = inp;
  const { currency, taxesIncluded } = place.country;
  const count = inp.b2b && rng.chance(0.06) ? 20 : rng.weighted(LINE_COUNTS);
  const lines = pickProducts(rng, inp.catalogue, count).map((product) => ({
    product, qty: quantity(rng, product, inp.b2b), unit: toCents(priceIn(product, currency)),
  }));

  const key = choosePromotion(inp, currency, lines);
  const promo = key ? inp.promotions.get(key) : undefined;
  const cut = promo && key ? allocations(key, promo, lines) : lines.map(() => 0);
  const taxes = place.region.taxes;

  const lineItems: LineItem[] = lines.map((l, i) => {
    const alloc: DiscountAllocation[] = cut[i]! > 0 ? [{ promotionId: promo!.promotionId, code: promo!.code!, amount: fromCents(cut[i]!) }] : [];
    return {
      lineItemId: inp.nextLineId(), sku: l.product.sku, productId: l.product.productId, name: l.product.name,
      quantity: l.qty, unitPrice: fromCents(l.unit), totalDiscount: '0.00', discountAllocations: alloc,
      // Gift cards are not taxable when sold (tax applies when they are spent).
      taxLines: l.product.taxCode === 'gift_card' ? [] : taxes.map((t) => ({ ...t, amount: '0.00' })),
      lineTotal: '0.00', fulfillmentStatus: 'unfulfilled', requiresShipping: l.product.requiresShipping !== false,
    };
  });
  const discounts: OrderDiscount[] = [];
  const discounted = cut.reduce((a, b) => a + b, 0);
  if (promo && discounted > 0) {
    discounts.push({ promotionId: promo.promotionId, code: promo.code!, title: promo.title, type: promo.type, value: promo.value, amount: fromCents(discounted) });
  }

  const shippingLines: ShippingLine[] = [];
  const subtotal = lines.reduce((a, l) => a + l.qty * l.unit, 0);
  if (inp.pickup) {
    shippingLines.push({ title: 'Store pickup', price: '0.00', taxLines: [] });
  } else if (lineItems.some((l) => l.requiresShipping)) {
    let opt = rng.pick(shippingOptions(place.country.code));
    if (count >= 20) opt = FREIGHT;
    else if (!inp.b2b && currency === 'USD' && place.country.code === 'US' && subtotal - discounted >= FREE_THRESHOLD_CENTS && rng.chance(0.8)) opt = FREE_STANDARD;
    const free = opt.cents > 0 && opt !== FREIGHT && runsAt(inp.promotions.get('FREESHIP')!, inp.ms) && rng.chance(0.06);
    const shipTaxes = place.region.taxShipping && !free && opt.cents > 0 ? taxes.map((t) => ({ ...t, amount: '0.00' })) : [];
    shippingLines.push({ title: opt.title, carrier: opt.carrier, service: opt.service, price: fromCents(opt.cents), taxLines: shipTaxes });
    if (free) {
      // Not allocated to any line: the emulator adds it on top of the line discounts.
      const fs = inp.promotions.get('FREESHIP')!;
      discounts.push({ promotionId: fs.promotionId, code: fs.code!, title: fs.title, type: 'free_shipping', value: fs.value, amount: fromCents(opt.cents) });
    }
  }
  // A small-order fee keeps `totalFees` from always being zero (CEF SubtotalFees + SubtotalHandling).
  const totalFees = !inp.b2b && subtotal < 1500 ? '2.99' : '0.00';

  const t = computeTotals({ lineItems, shippingLines, discounts, taxesIncluded, totalFees });
  lineItems.forEach((l, i) => {
    const c = t.lines[i]!;
    Object.assign(l, { totalDiscount: c.totalDiscount, lineTotal: c.lineTotal, taxLines: c.taxLines });
  });
  shippingLines.forEach((s, i) => { s.taxLines = t.shippingTaxLines[i]!; });
  return {
    currency, taxesIncluded, lineItems, shippingLines, discounts: t.discounts, taxLines: t.taxLines,
    subtotalPrice: t.subtotalPrice, totalDiscounts: t.totalDiscounts, totalShipping: t.totalShipping,
    totalFees: t.totalFees, totalTax: t.totalTax, totalPrice: t.totalPrice,
  };
}
