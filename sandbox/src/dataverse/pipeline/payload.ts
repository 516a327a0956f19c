import { errors } from '../errors';
import { isLookup, type MetadataRegistry, type TableMeta } from '../metadata/registry';
import type { CollectionNavDef } from '../metadata/types';
import type { LookupValue } from '../store/types';
import { coerceValue } from './values';

export type Body = Record<string, unknown>;

export interface ParsedPayload {
  /** Column -> internal value; lookups as LookupValue or null. Columns invalid for the operation are dropped. */
  values: Record<string, unknown>;
  /** Deep insert of a related row through a single-valued navigation property. */
  deepSingle: { column: string; target: TableMeta; body: Body }[];
  /** Deep insert of child rows through a collection-valued navigation property (e.g. order_details). */
  deepCollections: { nav: CollectionNavDef; target: TableMeta; items: Body[] }[];
  /** Existing rows to associate through a collection-valued navigation property. */
  collectionBinds: { nav: CollectionNavDef; rows: LookupValue[] }[];
}

export interface PayloadContext {
  registry: MetadataRegistry;
  operation: 'create' | 'update';
  /** Resolves an `@odata.bind` URL (`/contacts(<id>)`, `accounts(accountnumber='A1')`) to an existing row. */
  resolveBind(url: string, expectedTable: string): LookupValue;
}

/** Converts a Web API JSON body into column values, binds and deep inserts (specs/dataverse-webapi.md §2.1). */
export function parsePayload(table: TableMeta, body: Body, ctx: PayloadContext): ParsedPayload {
  const parsed: ParsedPayload = { values: {}, deepSingle: [], deepCollections: [], collectionBinds: [] };
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@')) continue; // instance annotations such as @odata.type
    const at = name.indexOf('@');
    if (at > 0) {
      parseAnnotated(table, name.slice(0, at), name.slice(at + 1), value, ctx, parsed);
      continue;
    }
    const nav = table.navigation.get(name);
    if (nav && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      parsed.deepSingle.push({ column: nav.column, target: ctx.registry.require(nav.target), body: value as Body });
      continue;
    }
    const coll = table.collectionMap.get(name);
    if (coll && Array.isArray(value)) {
      parsed.deepCollections.push({ nav: coll, target: ctx.registry.require(coll.target), items: value as Body[] });
      continue;
    }
    const column = table.columnMap.get(name);
    if (!column) throw errors.invalidPropertyInPayload(name, table.logicalName);
    if (isLookup(column)) {
      // A lookup can be cleared by name (`"parentaccountid": null`), never set without @odata.bind.
      if (value !== null) throw errors.invalidPropertyInPayload(name, table.logicalName);
      if (writable(column, ctx.operation)) parsed.values[name] = null;
      continue;
    }
    if (!writable(column, ctx.operation)) continue; // METAREQ: silently ignored
    parsed.values[name] = coerceValue(column, table.logicalName, value);
  }
  return parsed;
}

function parseAnnotated(table: TableMeta, property: string, annotation: string, value: unknown, ctx: PayloadContext, out: ParsedPayload): void {
  if (annotation !== 'odata.bind') return; // other property annotations are informational
  const nav = table.navigation.get(property);
  if (nav) {
    const column = table.columnMap.get(nav.column);
    if (column && !writable(column, ctx.operation)) return;
    out.values[nav.column] = value === null ? null : ctx.resolveBind(String(value), nav.target);
    return;
  }
  const coll = table.collectionMap.get(property);
  if (coll && Array.isArray(value)) {
    out.collectionBinds.push({ nav: coll, rows: value.map((v) => ctx.resolveBind(String(v), coll.target)) });
    return;
  }
  throw errors.undeclaredNavProperty(property, table.entitySetName);
}

function writable(column: { validForCreate?: boolean; validForUpdate?: boolean; computed?: boolean }, op: 'create' | 'update'): boolean {
  if (column.computed) return false;
  return op === 'create' ? column.validForCreate !== false : column.validForUpdate !== false;
}
