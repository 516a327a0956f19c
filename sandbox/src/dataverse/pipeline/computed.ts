import type { TableMeta } from '../metadata/registry';
import type { DataverseStore, EntityRecord, LookupValue } from '../store/types';

/** Rounds to the 4 decimals Dataverse stores money with, avoiding binary float noise. */
export function money(value: number): number {
  return Math.round(value * 10000) / 10000;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const lookupId = (v: unknown): string | undefined => (v && typeof v === 'object' ? (v as LookupValue).id : undefined);

function composeAddress(row: EntityRecord, n: 1 | 2): void {
  const p = `address${n}_`;
  if (!(`${p}composite` in row) && !(`${p}line1` in row)) return;
  const cityLine = [row[`${p}city`], row[`${p}stateorprovince`], row[`${p}postalcode`]].filter(Boolean).join(' ');
  const parts = [row[`${p}line1`], row[`${p}line2`], row[`${p}line3`], cityLine, row[`${p}country`]].filter(Boolean);
  row[`${p}composite`] = parts.length ? parts.join('\r\n') : null;
}

/**
 * Columns the platform maintains itself: full names, address composites, line pricing from the price list
 * (SALESREF salesorderdetail: existing products are priced from the order's price list; write-ins keep their
 * price). Runs on the complete new row before it is stored.
 */
export function computeRow(table: TableMeta, row: EntityRecord, store: DataverseStore): void {
  switch (table.logicalName) {
    case 'contact':
    case 'systemuser': {
      const full = [row.firstname, row.lastname].filter((s) => typeof s === 'string' && s !== '').join(' ');
      row.fullname = full || null;
      if (table.logicalName === 'contact') row.yomifullname = row.fullname;
      break;
    }
    case 'productpricelevel': {
      const product = lookupId(row.productid) ? store.get('product', lookupId(row.productid) as string) : undefined;
      row.productidname = (product?.name as string | undefined) ?? null;
      const level = lookupId(row.pricelevelid) ? store.get('pricelevel', lookupId(row.pricelevelid) as string) : undefined;
      row.transactioncurrencyid = level?.transactioncurrencyid ?? null;
      break;
    }
    case 'salesorderdetail':
      priceLine(row, store);
      break;
    case 'serviceendpoint':
      // The secret itself is write-only; this read-only mirror says whether one is configured.
      row.isauthvalueset = row.authvalue !== undefined && row.authvalue !== null && row.authvalue !== '';
      break;
  }
  if (table.columnMap.has('address1_composite')) composeAddress(row, 1);
  if (table.columnMap.has('address2_composite')) composeAddress(row, 2);
}

function priceLine(row: EntityRecord, store: DataverseStore): void {
  const order = lookupId(row.salesorderid) ? store.get('salesorder', lookupId(row.salesorderid) as string) : undefined;
  row.transactioncurrencyid = order?.transactioncurrencyid ?? null;
  row.pricingerrorcode = 0;
  if (!row.isproductoverridden && !row.ispriceoverridden) {
    const productId = lookupId(row.productid);
    const levelId = lookupId(order?.pricelevelid);
    const item = productId && levelId
      ? store.findByColumn('productpricelevel', 'productid', productId).find(
          (p) => lookupId(p.pricelevelid) === levelId && (!row.uomid || lookupId(p.uomid) === lookupId(row.uomid)),
        )
      : undefined;
    if (!productId) row.pricingerrorcode = 6;
    else if (!item) row.pricingerrorcode = 11;
    row.priceperunit = item ? num(item.amount) : num(row.priceperunit);
  }
  row.baseamount = money(num(row.priceperunit) * num(row.quantity));
  row.volumediscountamount = 0;
  row.extendedamount = money(num(row.baseamount) - num(row.manualdiscountamount) + num(row.tax));
  row.salesorderdetailname = (row.productdescription as string | undefined) ?? null;
}

/**
 * Order totals from its lines (SALESREF): detail amount = Σ(base − line discounts), order discount =
 * discountamount + discountpercentage% of the detail amount, total = detail − order discount + freight + tax.
 */
export function orderTotals(order: EntityRecord, lines: readonly EntityRecord[]): Record<string, number> {
  const detail = money(lines.reduce((s, l) => s + num(l.baseamount) - num(l.manualdiscountamount) - num(l.volumediscountamount), 0));
  const lineDiscounts = money(lines.reduce((s, l) => s + num(l.manualdiscountamount), 0));
  const tax = money(lines.reduce((s, l) => s + num(l.tax), 0));
  const discount = money(num(order.discountamount) + (detail * num(order.discountpercentage)) / 100);
  const lessFreight = money(detail - discount);
  return {
    totallineitemamount: detail,
    totallineitemdiscountamount: lineDiscounts,
    totaldiscountamount: discount,
    totaltax: tax,
    totalamountlessfreight: lessFreight,
    totalamount: money(lessFreight + num(order.freightamount) + tax),
  };
}
