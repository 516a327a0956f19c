import { errors } from '../errors';
import type { MetadataRegistry, TableMeta } from '../metadata/registry';
import type { FilterNode } from './filter/ast';
import { parseFilter } from './filter/index';
import { parseOrderBy, type OrderByItem } from './orderby';
import { queryErrors } from './query-errors';
import { parseSelect } from './select';
import { splitTopLevel } from './split';

/**
 * `$expand=primarycontactid($select=fullname),contact_customer_accounts($select=fullname;$top=5)`
 * (specs/dataverse-webapi.md §1.4): single- and collection-valued navigation properties with nested
 * `$select;$filter;$orderby;$top`. One level only: a nested `$expand` is refused clearly. Aliases are not
 * allowed inside `$expand` (§1.4).
 */
export interface ExpandItem {
  /** Navigation property name as requested. */
  readonly name: string;
  readonly kind: 'single' | 'collection';
  /** The related table. */
  readonly table: TableMeta;
  /** single: the lookup column on the parent; collection: the referencing lookup column on `table`. */
  readonly column: string;
  readonly select?: readonly string[];
  readonly filter?: FilterNode;
  readonly orderby: readonly OrderByItem[];
  readonly top?: number;
}

const NESTED = new Set(['$select', '$filter', '$orderby', '$top']);

function target(name: string, table: TableMeta, registry: MetadataRegistry): Pick<ExpandItem, 'kind' | 'table' | 'column'> {
  const nav = table.navigation.get(name);
  if (nav) return { kind: 'single', table: registry.require(nav.target), column: nav.column };
  const coll = table.collectionMap.get(name);
  if (coll) return { kind: 'collection', table: registry.require(coll.target), column: coll.referencingAttribute };
  const m = /^_(.+)_value$/.exec(name);
  if (table.columnMap.has(name) || (m && table.columnMap.has(m[1] as string)))
    throw queryErrors.notNavigationProperty(name, table.logicalName);
  throw errors.propertyNotFound(name, table.logicalName);
}

export function parseTop(value: string): number {
  if (!/^\d+$/.test(value)) throw queryErrors.invalidTop(value);
  return Number(value);
}

function parseItem(text: string, table: TableMeta, registry: MetadataRegistry): ExpandItem {
  const open = text.indexOf('(');
  const name = (open < 0 ? text : text.slice(0, open)).trim();
  if (open >= 0 && !text.trimEnd().endsWith(')')) throw queryErrors.syntaxError(text.length, text);
  const base = { name, ...target(name, table, registry) };
  const options = new Map<string, string>();
  if (open >= 0) {
    const inner = text.trimEnd().slice(open + 1, -1);
    for (const part of splitTopLevel(inner, ';')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      const key = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (key === '$expand') throw queryErrors.emulatorUnsupported('A nested $expand (more than one level)');
      if (!NESTED.has(key)) throw errors.queryOptionNotSupported(key);
      if (options.has(key)) throw queryErrors.duplicateOption(key);
      options.set(key, eq < 0 ? '' : part.slice(eq + 1));
    }
  }
  const select = options.get('$select');
  const filter = options.get('$filter');
  const orderby = options.get('$orderby');
  const top = options.get('$top');
  return {
    ...base,
    ...(select !== undefined ? { select: parseSelect(select, base.table) } : {}),
    ...(filter !== undefined ? { filter: parseFilter(filter, base.table, registry, null) } : {}),
    orderby: orderby !== undefined ? parseOrderBy(orderby, base.table, null) : [],
    ...(top !== undefined ? { top: parseTop(top) } : {}),
  };
}

export function parseExpand(text: string, table: TableMeta, registry: MetadataRegistry): ExpandItem[] {
  const items = splitTopLevel(text, ',').map((part) => parseItem(part.trim(), table, registry));
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.name)) throw queryErrors.duplicateOption(`$expand ${item.name}`);
    seen.add(item.name);
  }
  return items;
}
