/**
 * What the scheduled full sync checks beyond the link hashes: whether the product rows and price list items in
 * Dataverse still hold what the connector wrote. Someone editing a price in CRM changes nothing Clarity or the
 * link knows about, so only reading Dataverse finds it. Reads are batched: one products query and one price-item
 * query per chunk of products.
 */
import type { Row } from '../../clients/dataverse';
import { canonicalEqual } from '../../mapping';
import type { FlowDeps } from '../deps';
import { priceItemChanges, readPriceItem, type ExistingPriceItem, type ProductPlan } from './mappers';
import type { UnitsRef } from './price-list';

/** GUID filters per request: keeps `$filter=… or …` URLs far below request-line limits. */
export const FILTER_CHUNK = 25;

export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

const BIND = /^(.+)@odata\.bind$/;
const boundId = (url: unknown) => (typeof url === 'string' ? /\(([0-9a-f-]{36})\)$/i.exec(url)?.[1]?.toLowerCase() : undefined);

/** Columns of the product body that differ from the row (binds compared by the GUID Dataverse reads back). */
export function productDiffers(row: Row, plan: ProductPlan): boolean {
  for (const [key, wanted] of Object.entries(plan.body)) {
    const bind = BIND.exec(key);
    if (bind) {
      const actual = row[`_${bind[1]}_value`];
      if ((typeof actual === 'string' ? actual.toLowerCase() : undefined) !== boundId(wanted)) return true;
    } else if (!canonicalEqual(row[key] ?? null, wanted ?? null)) return true;
  }
  return row.statecode !== plan.state.statecode || row.statuscode !== plan.state.statuscode;
}

/** SKUs whose Dataverse product or price list items no longer match their plan (or that are missing). */
export async function driftedSkus(deps: FlowDeps, plans: readonly ProductPlan[], units: UnitsRef): Promise<Set<string>> {
  const drifted = new Set<string>();
  if (plans.length === 0) return drifted;
  const columns = new Set<string>(['productid', 'productnumber', 'statecode', 'statuscode']);
  for (const plan of plans)
    for (const key of Object.keys(plan.body)) {
      const bind = BIND.exec(key);
      columns.add(bind ? `_${bind[1]}_value` : key);
    }
  const rows = new Map<string, Row>();
  for (const group of chunks(plans, FILTER_CHUNK)) {
    const page = await deps.dataverse.query('products', { select: [...columns], filter: group.map((p) => `productnumber eq ${quoted(p.sku)}`).join(' or ') });
    for (const r of page.value) rows.set(String(r.productnumber), r);
  }
  const existing: ExistingPriceItem[] = [];
  const found = plans.filter((p) => rows.has(p.sku));
  for (const group of chunks(found, FILTER_CHUNK)) {
    const filter = group.map((p) => `_productid_value eq ${String(rows.get(p.sku)?.productid)}`).join(' or ');
    for await (const item of deps.dataverse.queryAll('productpricelevels', { select: ['productpricelevelid', '_productid_value', '_pricelevelid_value', '_uomid_value', 'amount'], filter }))
      existing.push(readPriceItem(item));
  }
  for (const plan of plans) {
    const row = rows.get(plan.sku);
    if (!row || productDiffers(row, plan)) {
      drifted.add(plan.sku);
      continue;
    }
    const changes = priceItemChanges(String(row.productid).toLowerCase(), plan.prices, existing, units);
    if (changes.create.length + changes.update.length > 0) drifted.add(plan.sku);
  }
  return drifted;
}
