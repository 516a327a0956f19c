import { isLookup, type TableMeta } from '../metadata/registry';
import type { ColumnDef } from '../metadata/types';
import { isLookupValue, type EntityRecord } from '../store/types';
import { tokenize, type Token } from './filter/tokenizer';
import { odataName, resolveProperty, sqlGuidKey } from './properties';
import { queryErrors } from './query-errors';

/**
 * `$orderby=name asc,createdon desc` (specs/dataverse-webapi.md §1.4; aliases allowed outside `$expand`) and
 * the comparator the store sorts with. Ordering mimics SQL Server: nulls sort first ascending (last
 * descending), strings case-insensitively, GUIDs in uniqueidentifier order, choices by label (FetchXML sorts
 * choice columns by label [general]); ties break on the primary key, which is also the default order.
 */
export interface OrderByItem {
  /** OData name as requested (`_x_value` for lookups). */
  readonly property: string;
  readonly column: ColumnDef;
  readonly descending: boolean;
}

type Row = Readonly<EntityRecord>;

function propertyName(token: Token, text: string, aliases: ReadonlyMap<string, string> | null): string {
  if (token.kind === 'identifier') return token.text;
  if (token.kind === 'alias') {
    if (!aliases) throw queryErrors.aliasInExpand(token.text);
    const value = aliases.get(token.text);
    const [inner, end] = value === undefined ? [] : tokenize(value);
    if (inner?.kind === 'identifier' && end?.kind === 'end') return inner.text;
    throw queryErrors.expressionExpected(token.position, text);
  }
  throw queryErrors.expressionExpected(token.position, text);
}

/** `aliases`: the query's `@name` values, or null where aliases are not allowed (inside `$expand`). */
export function parseOrderBy(text: string, table: TableMeta, aliases: ReadonlyMap<string, string> | null = new Map()): OrderByItem[] {
  const tokens = tokenize(text);
  const items: OrderByItem[] = [];
  let i = 0;
  const at = () => tokens[i] as Token;
  for (;;) {
    const name = propertyName(at(), text, aliases);
    i++;
    if (at().kind === '/') throw queryErrors.emulatorUnsupported(`Ordering by the navigation path '${name}/…'`);
    const column = resolveProperty(table, name);
    let descending = false;
    const dir = at();
    if (dir.kind === 'identifier' && (dir.text === 'asc' || dir.text === 'desc')) {
      descending = dir.text === 'desc';
      i++;
    }
    items.push({ property: name, column, descending });
    const sep = at();
    if (sep.kind === 'end') return items;
    if (sep.kind !== ',') throw queryErrors.syntaxError(sep.end, text);
    i++;
  }
}

type Key = string | number | boolean | null;

function keyOf(column: ColumnDef): (row: Row) => Key {
  const name = column.name;
  if (isLookup(column))
    return (row) => {
      const v = row[name];
      return isLookupValue(v) ? sqlGuidKey(v.id) : null;
    };
  switch (column.type) {
    case 'String':
    case 'Memo':
    case 'EntityName':
      return (row) => (row[name] == null ? null : String(row[name]).toLowerCase());
    case 'Uniqueidentifier':
      return (row) => (row[name] == null ? null : sqlGuidKey(String(row[name])));
    case 'DateTime':
      return (row) => (row[name] == null ? null : Date.parse(String(row[name])));
    case 'Picklist':
    case 'State':
    case 'Status': {
      const options = column.options ?? {};
      return (row) => {
        const v = row[name];
        if (v == null) return null;
        return (options[v as number] ?? String(v)).toLowerCase();
      };
    }
    default:
      return (row) => (row[name] ?? null) as Key;
  }
}

function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Comparator for `orderby`, tie-broken (and, when empty, ordered) by the primary key. */
export function compareRows(orderby: readonly OrderByItem[], table: TableMeta): (a: Row, b: Row) => number {
  const primary = table.columnMap.get(table.primaryId) as ColumnDef;
  const parts = [...orderby.map((o) => ({ key: keyOf(o.column), sign: o.descending ? -1 : 1 })), { key: keyOf(primary), sign: 1 }];
  return (a, b) => {
    for (const { key, sign } of parts) {
      const c = compareKeys(key(a), key(b));
      if (c !== 0) return c * sign;
    }
    return 0;
  };
}

/** Sorts a copy, computing each row's keys once (cheaper than `compareRows` for large result sets). */
export function sortRows<T extends Row>(rows: readonly T[], orderby: readonly OrderByItem[], table: TableMeta): T[] {
  const primary = table.columnMap.get(table.primaryId) as ColumnDef;
  const keys = [...orderby.map((o) => keyOf(o.column)), keyOf(primary)];
  const signs = [...orderby.map((o) => (o.descending ? -1 : 1)), 1];
  const decorated = rows.map((row) => ({ row, k: keys.map((key) => key(row)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < signs.length; i++) {
      const c = compareKeys(x.k[i] as Key, y.k[i] as Key);
      if (c !== 0) return c * (signs[i] as number);
    }
    return 0;
  });
  return decorated.map((d) => d.row);
}

/** `name desc` text for an item, e.g. to repeat in links. */
export function orderByText(items: readonly OrderByItem[]): string {
  return items.map((o) => `${odataName(o.column)}${o.descending ? ' desc' : ''}`).join(',');
}
