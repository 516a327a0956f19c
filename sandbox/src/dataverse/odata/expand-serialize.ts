import type { TableMeta } from '../metadata/registry';
import { isLookupValue, type EntityRecord } from '../store/types';
import type { ExpandItem } from './expand';
import { compileFilter, type Predicate, type Resolver } from './filter/index';
import { sortRows } from './orderby';
import { createRowSerializer, type SerializeOptions } from './serialize';

/**
 * `$expand` output (specs/dataverse-webapi.md §1.4; sample crud/create-bind-and-expand-201): a single-valued
 * navigation property becomes a nested object (with its own `@odata.etag`) or null; a collection-valued one an
 * array honouring the nested `$select/$filter/$orderby/$top`. The returned properties go after the row's own
 * properties, as in the sample: `{ ...serializeRow(…), ...expand(row) }`.
 */
type Row = Readonly<EntityRecord>;

export type RelatedRequest =
  | { readonly kind: 'single'; readonly table: string; readonly id: string }
  /** Rows of `table` whose lookup `column` points at `id`. */
  | { readonly kind: 'collection'; readonly table: string; readonly column: string; readonly id: string };

export type FetchRelated = (request: RelatedRequest) => Iterable<Row>;

export interface ExpandContext extends Omit<SerializeOptions, 'select'> {
  readonly fetchRelated: FetchRelated;
  /** For navigation paths inside nested `$filter`; defaults to single fetches through `fetchRelated`. */
  readonly resolve?: Resolver;
}

function first(rows: Iterable<Row>): Row | undefined {
  for (const row of rows) return row;
  return undefined;
}

/** Compiles nested filters and serializers once; the returned function expands one parent row. */
export function createExpander(table: TableMeta, items: readonly ExpandItem[], ctx: ExpandContext): (row: Row) => Record<string, unknown> {
  const resolve: Resolver = ctx.resolve ?? ((t, id) => first(ctx.fetchRelated({ kind: 'single', table: t, id })));
  const plans = items.map((item) => ({
    item,
    serialize: createRowSerializer(item.table, { ...ctx, ...(item.select ? { select: item.select } : {}) }),
    filter: item.filter ? compileFilter(item.filter, item.table, resolve) : undefined,
  }));
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const { item, serialize, filter } of plans) {
      if (item.kind === 'single') {
        const lv = row[item.column];
        const related =
          isLookupValue(lv) && lv.logicalName === item.table.logicalName
            ? first(ctx.fetchRelated({ kind: 'single', table: item.table.logicalName, id: lv.id }))
            : undefined;
        out[item.name] = related ? serialize(related) : null;
        continue;
      }
      const id = String(row[table.primaryId]);
      out[item.name] = collection(ctx.fetchRelated({ kind: 'collection', table: item.table.logicalName, column: item.column, id }), item, filter).map(serialize);
    }
    return out;
  };
}

function collection(rows: Iterable<Row>, item: ExpandItem, filter: Predicate | undefined): Row[] {
  const matching = filter ? [...rows].filter(filter) : [...rows];
  const sorted = sortRows(matching, item.orderby, item.table);
  return item.top !== undefined ? sorted.slice(0, item.top) : sorted;
}

export function expandRow(table: TableMeta, row: Row, items: readonly ExpandItem[], ctx: ExpandContext): Record<string, unknown> {
  return createExpander(table, items, ctx)(row);
}
