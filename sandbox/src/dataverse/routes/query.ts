import { errors } from '../errors';
import { sendJson } from '../http/json';
import type { TableMeta } from '../metadata/registry';
import {
  compileFilter,
  compareRows,
  encodeSkipToken,
  indexableEqualities,
  indexableInLists,
  MAX_PAGE_SIZE,
  nextLink,
  odataContext,
  parseQueryOptions,
  preferenceApplied,
  type QueryOptions,
} from '../odata';
import type { EntityRecord } from '../store/types';
import { preferOf, rowWriter } from './represent';
import type { RequestInfo } from './request-info';

type Row = Readonly<EntityRecord>;

export interface CollectionSource {
  table: TableMeta;
  rows: () => Iterable<Row>;
  /** Path after the service root, repeated in `@odata.nextLink`. */
  path: string;
  /** Entity set named in `@odata.context` (the related table for a navigation collection). */
  contextSet?: string;
}

/**
 * Candidate rows: when the filter pins an indexed column (or the primary key) with `eq`, or with an `or` list of
 * `eq` on one indexed column, read that index instead of scanning, so key queries over 100,000 rows stay fast. The compiled filter still runs on them.
 */
function candidates(info: RequestInfo, source: CollectionSource, options: QueryOptions): Iterable<Row> {
  if (source.path !== source.table.entitySetName) return source.rows();
  const { store } = info.core;
  const table = source.table.logicalName;
  for (const eq of indexableEqualities(options.filter)) {
    if (eq.column === source.table.primaryId) {
      const row = typeof eq.value === 'string' ? store.get(table, eq.value) : undefined;
      return row ? [row] : [];
    }
    if (store.hasIndex(table, eq.column)) return store.findByColumn(table, eq.column, eq.value);
  }
  // `col eq 'a' or col eq 'b' …` (a batched lookup of many keys): the union of the index entries, in key order.
  for (const list of indexableInLists(options.filter)) {
    if (!store.hasIndex(table, list.column)) continue;
    const byId = new Map<string, Row>();
    for (const value of list.values) for (const row of store.findByColumn(table, list.column, value)) byId.set(String(row[source.table.primaryId]), row);
    return [...byId.keys()].sort().map((id) => byId.get(id) as Row);
  }
  return source.rows();
}

/** A collection GET: filter, order, page (`odata.maxpagesize`, 5,000 cap, opaque `$skiptoken`), count. */
export function queryCollection(info: RequestInfo, source: CollectionSource): void {
  const { core, query } = info;
  const table = source.table;
  const options = parseQueryOptions(query, table, core.registry);
  const prefer = preferOf(info);
  const predicate = options.filter ? compileFilter(options.filter, table, (t, id) => core.store.get(t, id)) : () => true;
  // $top is ignored when odata.maxpagesize is sent (spec §1.4).
  const pageSize = prefer.maxPageSize ?? Math.min(options.top ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const limit = prefer.maxPageSize === undefined && options.top !== undefined ? options.top : undefined;
  const sorted = options.orderby.length > 0;

  let matches: Row[] = [];
  let total = 0;
  const after = options.skiptoken?.lastId.toLowerCase();
  if (!sorted && !options.count) {
    // Primary-key order is the store's own order: stop as soon as one row past the page is found.
    for (const row of candidates(info, source, options)) {
      if (after !== undefined && String(row[table.primaryId]) <= after) continue;
      if (!predicate(row)) continue;
      matches.push(row);
      if (matches.length > pageSize) break;
    }
  } else {
    for (const row of candidates(info, source, options)) if (predicate(row)) matches.push(row);
    total = matches.length;
    if (sorted) matches.sort(compareRows(options.orderby, table));
    if (after !== undefined) {
      const at = matches.findIndex((r) => String(r[table.primaryId]) === after);
      matches = at >= 0 ? matches.slice(at + 1) : matches.slice((options.skiptoken!.page - 1) * pageSize);
    }
  }
  if (limit !== undefined) matches = matches.slice(0, limit);
  const page = matches.slice(0, pageSize);
  const more = limit === undefined && matches.length > pageSize;

  const write = rowWriter(core, table, prefer, options.select, options.expand);
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(
      info.root,
      source.contextSet ?? table.entitySetName,
      options.select,
      options.expand.map((e) => ({ name: e.name, select: e.select })),
      'collection',
    ),
  };
  if (options.count) body['@odata.count'] = Math.min(total, 5000);
  body.value = page.map(write);
  if (more) {
    const first = page[0];
    const last = page[page.length - 1];
    const token = encodeSkipToken({
      page: (options.skiptoken?.page ?? 1) + 1,
      firstId: String(first?.[table.primaryId]),
      lastId: String(last?.[table.primaryId]),
      primaryId: table.primaryId,
    });
    body['@odata.nextLink'] = nextLink(info.root.replace(/\/$/, ''), source.path, info.rawQuery, token);
  }
  const applied = preferenceApplied(prefer, { maxPageSize: prefer.maxPageSize !== undefined, includeAnnotations: prefer.includeAnnotations !== undefined });
  sendJson(info.reply, 200, body, applied ? { 'preference-applied': applied } : {});
}

export function requireChangeTracking(table: TableMeta): void {
  if (!table.changeTracking)
    throw errors.badRequest(`Change tracking is not enabled for entity '${table.logicalName}'. Enable it (ChangeTrackingEnabled) to use odata.track-changes.`, '0x80060888');
}
