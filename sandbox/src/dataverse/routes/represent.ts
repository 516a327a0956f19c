import type { TableMeta } from '../metadata/registry';
import type { ColumnDef } from '../metadata/types';
import {
  annotationWanted,
  createExpander,
  createRowSerializer,
  navigationPropertyFor,
  odataContext,
  parseExpand,
  parsePrefer,
  parseSelect,
  type ExpandItem,
  type Prefer,
  type SerializeOptions,
} from '../odata';
import type { EntityRecord, LookupValue } from '../store/types';
import type { EmulatorCore } from '../core';
import type { RequestInfo } from './request-info';

type Row = Readonly<EntityRecord>;

export function preferOf(info: RequestInfo): Prefer {
  return parsePrefer(info.request.headers.prefer);
}

export function wantsRepresentation(info: RequestInfo): boolean {
  return preferOf(info).returnRepresentation;
}

/** The record URL the real service puts in OData-EntityId: `<root><set>(<guid>)`. */
export function entityUrl(info: RequestInfo, table: TableMeta, row: Row): string {
  return `${info.root}${table.entitySetName}(${String(row[table.primaryId])})`;
}

/** Serializer options bound to the store: lookup names, navigation properties, currency symbols. */
export function serializeOptions(core: EmulatorCore, table: TableMeta, prefer: Prefer, select?: readonly string[]): SerializeOptions {
  return {
    select,
    annotations: (name) => annotationWanted(prefer, name),
    lookupInfo: (lv: LookupValue, column: ColumnDef) => {
      const target = core.registry.table(lv.logicalName);
      const related = target ? core.store.get(lv.logicalName, lv.id) : undefined;
      const name = target && related ? related[target.primaryName] : undefined;
      return { name: typeof name === 'string' ? name : undefined, navigationProperty: navigationPropertyFor(table, column, lv.logicalName) };
    },
    currencySymbol: (row) => {
      const currency = row.transactioncurrencyid as LookupValue | null | undefined;
      const symbol = currency ? core.store.get('transactioncurrency', currency.id)?.currencysymbol : undefined;
      return typeof symbol === 'string' ? symbol : undefined;
    },
  };
}

/** Builds `(row) => JSON` for one request's `$select`/`$expand`, dropping write-only columns (IsValidForRead). */
export function rowWriter(core: EmulatorCore, table: TableMeta, prefer: Prefer, select?: readonly string[], expand: readonly ExpandItem[] = []) {
  const options = serializeOptions(core, table, prefer, select);
  const serialize = createRowSerializer(table, options);
  const hidden = table.columns.filter((c) => c.validForRead === false).map((c) => c.name);
  const expander = expand.length
    ? createExpander(table, expand, {
        ...options,
        fetchRelated: (req) => {
          if (req.kind === 'single') {
            const row = core.store.get(req.table, req.id);
            return row ? [row] : [];
          }
          return core.store.findByColumn(req.table, req.column, req.id);
        },
        resolve: (t, id) => core.store.get(t, id),
      })
    : undefined;
  return (row: Row): Record<string, unknown> => {
    const out = serialize(row);
    for (const name of hidden) delete out[name];
    return expander ? { ...out, ...expander(row) } : out;
  };
}

/** A single-row response body (`…/$entity` context) and its ETag, honouring `$select` and `$expand`. */
export function represent(info: RequestInfo, row: Row, kind: 'entity'): { payload: Record<string, unknown>; etag: string } {
  const { core, table, query } = info;
  const selectText = query.get('$select');
  const expandText = query.get('$expand');
  const select = selectText ? parseSelect(selectText, table) : undefined;
  const expand = expandText ? parseExpand(expandText, table, core.registry) : [];
  const body = rowWriter(core, table, preferOf(info), select, expand)(row);
  const context = odataContext(
    info.root.replace(/\/$/, ''),
    table.entitySetName,
    select,
    expand.map((e) => ({ name: e.name, select: e.select })),
    kind,
  );
  return { payload: { '@odata.context': context, ...body }, etag: `W/"${String(row.versionnumber)}"` };
}
