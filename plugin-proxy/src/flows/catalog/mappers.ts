/**
 * Pure parts of the catalog flow: which prices a Clarity product has, the Dataverse product body (mapped
 * columns + lookups), the content hash that lets an unchanged product skip every write, and which price
 * list items to create or update. No I/O here (style.md: pure mappers, small handler).
 */
import type { Product } from '../../clients/clarity';
import type { Row } from '../../clients/dataverse';
import { canonicalHash } from '../../mapping';
import type { UnitsRef } from './price-list';

export const PRODUCT_MAPPING = 'product-to-product';

/**
 * Clarity's Product has one price in one currency; list prices in other currencies travel in
 * `metadata.price<CUR>` (`priceEUR`, `priceGBP`: the demo store and orders in EUR/GBP use them).
 */
export type ClarityProduct = Product & { metadata?: Record<string, string> };

export interface CurrencyPrice {
  currency: string;
  amount: number;
}

/** A Clarity money string (`"24.99"`) as a Dataverse Money number; undefined when it is not a number. */
export function moneyAmount(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const digits = typeof value === 'number' ? String(value) : String(value).replace(/[^0-9.-]/g, '');
  if (!/\d/.test(digits)) return undefined;
  const n = Number(digits);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : undefined;
}

/** The product's price in its own currency first, then one per `metadata.price<CUR>` in another currency. */
export function pricesOf(product: ClarityProduct): CurrencyPrice[] {
  const own = product.currency.trim().toUpperCase();
  const out: CurrencyPrice[] = [];
  const base = moneyAmount(product.price);
  if (base !== undefined) out.push({ currency: own, amount: base });
  for (const [key, value] of Object.entries(product.metadata ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const m = /^price([A-Z]{3})$/.exec(key);
    const amount = moneyAmount(value);
    if (!m || m[1] === own || amount === undefined) continue;
    out.push({ currency: m[1] as string, amount });
  }
  return out;
}

export interface PriceItemPlan {
  pricelevelid: string;
  amount: number;
}

export interface ProductPlan {
  sku: string;
  version: number;
  /** Columns and binds for the product upsert; statecode/statuscode are written apart (not valid on create). */
  body: Row;
  state: { statecode: number; statuscode: number };
  prices: PriceItemPlan[];
  /** Hash of everything the flow writes for this product: equal to the link's → nothing to write. */
  hash: string;
}

/**
 * From the mapped values (product-to-product.json) plus the looked-up rows: the product body and its plan.
 * `currencyId` is the product's own currency, which its `price` column is in.
 */
export function planProduct(sku: string, version: number, mapped: Record<string, unknown>, units: UnitsRef, currencyId: string, prices: PriceItemPlan[]): ProductPlan {
  const { statecode, statuscode, ...columns } = mapped;
  const body: Row = {
    ...columns,
    productnumber: sku,
    'defaultuomscheduleid@odata.bind': `/uomschedules(${units.uomscheduleid})`,
    'defaultuomid@odata.bind': `/uoms(${units.uomid})`,
    'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currencyId})`,
  };
  const state = { statecode: typeof statecode === 'number' ? statecode : 0, statuscode: typeof statuscode === 'number' ? statuscode : 1 };
  const sortedPrices = [...prices].sort((a, b) => a.pricelevelid.localeCompare(b.pricelevelid));
  return { sku, version, body, state, prices: sortedPrices, hash: canonicalHash({ body, state, prices: sortedPrices }) };
}

/** A price list item as read back: `productpricelevels?$select=amount,_productid_value,_pricelevelid_value,_uomid_value`. */
export interface ExistingPriceItem {
  productpricelevelid: string;
  productid: string;
  pricelevelid: string;
  uomid: string | null;
  amount: number | null;
}

export interface PriceItemChanges {
  create: Row[];
  update: { productpricelevelid: string; amount: number }[];
}

/**
 * What to write so each planned price exists once per (price list, product, unit) with the planned amount.
 * An item in the same list for the same product and unit is reused, never duplicated (Dataverse refuses the
 * duplicate with 0x80043b08 DuplicateProductPriceLevel).
 */
export function priceItemChanges(productId: string, planned: readonly PriceItemPlan[], existing: readonly ExistingPriceItem[], units: UnitsRef): PriceItemChanges {
  const out: PriceItemChanges = { create: [], update: [] };
  for (const price of planned) {
    const item = existing.find((e) => e.productid === productId && e.pricelevelid === price.pricelevelid && (e.uomid === null || e.uomid === units.uomid));
    if (!item) {
      out.create.push({
        'pricelevelid@odata.bind': `/pricelevels(${price.pricelevelid})`,
        'productid@odata.bind': `/products(${productId})`,
        'uomid@odata.bind': `/uoms(${units.uomid})`,
        'uomscheduleid@odata.bind': `/uomschedules(${units.uomscheduleid})`,
        amount: price.amount,
        pricingmethodcode: 1,
        quantitysellingcode: 1,
      });
    } else if (item.amount === null || Math.abs(item.amount - price.amount) >= 0.005) {
      out.update.push({ productpricelevelid: item.productpricelevelid, amount: price.amount });
    }
  }
  return out;
}

/** A price list item row from Dataverse in the shape priceItemChanges compares. */
export function readPriceItem(row: Row): ExistingPriceItem {
  const guid = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : null);
  return {
    productpricelevelid: String(row.productpricelevelid).toLowerCase(),
    productid: guid(row._productid_value) ?? '',
    pricelevelid: guid(row._pricelevelid_value) ?? '',
    uomid: guid(row._uomid_value),
    amount: typeof row.amount === 'number' ? row.amount : moneyAmount(row.amount) ?? null,
  };
}
