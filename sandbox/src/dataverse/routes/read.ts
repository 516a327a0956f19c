import { errors } from '../errors';
import { sendJson } from '../http/json';
import { requireRow } from '../pipeline/locate';
import { odataContext, parseSelect } from '../odata';
import { queryCollection, type CollectionSource } from './query';
import { represent, preferOf } from './represent';
import type { RequestInfo } from './request-info';
import { readChanges } from './changes';


/** GET of a record, a property, a related row or collection, a collection, `$count`, or a delta. */
export async function handleGet(info: RequestInfo): Promise<void> {
  const { path, table, core } = info;
  if (!path.key) {
    if (path.rest.length === 1 && path.rest[0] === '$count') return countRows(info);
    if (path.rest.length > 0) throw errors.resourceNotFoundForSegment(path.rest[0] as string);
    if (info.query.has('$deltatoken') || preferOf(info).trackChanges) return readChanges(info);
    return queryCollection(info, { table, rows: () => core.store.all(table.logicalName), path: table.entitySetName });
  }
  const row = requireRow(core.store, table, path.key);
  if (path.rest.length === 0) return getRecord(info, row);
  const [segment = '', extra] = path.rest;
  const single = table.navigation.get(segment);
  if (single) {
    const ref = row[single.column] as { id: string; logicalName: string } | null;
    if (!ref || ref.logicalName !== single.target) return void info.reply.code(204).send();
    const target = core.registry.require(single.target);
    const related = core.store.get(target.logicalName, ref.id);
    if (!related) return void info.reply.code(204).send();
    return getRecord({ ...info, table: target }, related);
  }
  const coll = table.collectionMap.get(segment);
  if (coll) {
    const target = core.registry.require(coll.target);
    const source: CollectionSource = {
      table: target,
      rows: () => core.store.findByColumn(target.logicalName, coll.referencingAttribute, String(row[table.primaryId])),
      path: `${table.entitySetName}(${String(row[table.primaryId])})/${segment}`,
      contextSet: target.entitySetName,
    };
    if (extra === '$count') return countRows(info, source);
    return queryCollection({ ...info, table: target }, source);
  }
  const column = table.columnMap.get(segment) ?? table.columnMap.get(segment.replace(/^_(.+)_value$/, '$1'));
  if (!column || column.validForRead === false) throw errors.propertyNotFound(segment, table.logicalName);
  const value = info.request.url.includes(`/${segment}/$value`) ? undefined : propertyValue(info, row, segment);
  if (extra === '$value') return void info.reply.header('content-type', 'text/plain').send(String(row[column.name] ?? ''));
  sendJson(info.reply, 200, { '@odata.context': `${info.root}$metadata#${table.entitySetName}(${String(row[table.primaryId])})/${segment}`, value });
}

function propertyValue(info: RequestInfo, row: Record<string, unknown>, segment: string): unknown {
  const select = parseSelect(segment, info.table);
  const serialized = represent({ ...info, query: new URLSearchParams({ $select: (select ?? []).join(',') }) }, row, 'entity').payload;
  return serialized[segment] ?? null;
}

/** GET one record; `If-None-Match` with the current ETag → 304 unless `$expand`/annotations (spec §2.5). */
function getRecord(info: RequestInfo, row: Record<string, unknown>): void {
  const etag = `W/"${String(row.versionnumber)}"`;
  const ifNoneMatch = info.header('if-none-match');
  const prefer = preferOf(info);
  if (ifNoneMatch && ifNoneMatch !== 'null' && ifNoneMatch === etag && !info.query.has('$expand') && !prefer.includeAnnotations)
    return void info.reply.code(304).send();
  const { payload } = represent(info, row, 'entity');
  const applied: Record<string, string> = prefer.includeAnnotations
    ? { 'preference-applied': `odata.include-annotations="${prefer.includeAnnotations.join(',')}"` }
    : {};
  sendJson(info.reply, 200, payload, { etag, ...applied });
}

/** `/$count`: a bare number as text/plain (spec §1.3). */
function countRows(info: RequestInfo, source?: CollectionSource): void {
  const rows = source ? source.rows() : info.core.store.all(info.table.logicalName);
  let n = 0;
  for (const _ of rows) n++;
  info.reply.header('content-type', 'text/plain').send(String(n));
}

export { odataContext };
