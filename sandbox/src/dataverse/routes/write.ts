import { errors } from '../errors';
import { parseKeySpec } from '../http/resource-path';
import { requireRow } from '../pipeline/locate';
import type { Body } from '../pipeline/payload';
import type { EntityRecord } from '../store/types';
import { sendJson } from '../http/json';
import { bulk } from './bulk';
import { entityUrl, represent, wantsRepresentation } from './represent';
import type { RequestInfo } from './request-info';

function body(info: RequestInfo): Body {
  const b = info.request.body;
  if (b === undefined || b === null || typeof b !== 'object' || Array.isArray(b))
    throw errors.payloadError(info.table.entitySetName, 'Microsoft.OData.ODataException: The request body is missing or is not a JSON object.');
  return b as Body;
}

function keyOf(info: RequestInfo) {
  if (!info.path.key) throw errors.methodNotAllowed();
  return info.path.key;
}

/** 204 + OData-EntityId, or 201/200 with the row when `Prefer: return=representation` (spec §2.1, §2.3). */
function answerWrite(info: RequestInfo, row: EntityRecord, created: boolean, urlForm: string): void {
  if (wantsRepresentation(info)) {
    const { payload, etag } = represent(info, row, 'entity');
    sendJson(info.reply, created ? 201 : 200, payload, { etag, 'preference-applied': 'return=representation' });
    return;
  }
  info.reply.code(204).header('odata-entityid', urlForm).send();
}

export async function handlePost(info: RequestInfo): Promise<void> {
  const { path, table } = info;
  const action = path.rest[0]?.replace(/^Microsoft\.Dynamics\.CRM\./, '');
  if (!path.key && path.rest.length === 0) {
    const row = await info.core.service.create(table, body(info), info.context());
    return answerWrite(info, row, true, entityUrl(info, table, row));
  }
  if (!path.key && (action === 'CreateMultiple' || action === 'UpsertMultiple')) return bulk(info, action, body(info));
  if (path.key && path.rest.length === 2 && path.rest[1] === '$ref') {
    const nav = table.collectionMap.get(path.rest[0] as string);
    if (!nav) throw errors.resourceNotFoundForSegment(path.rest[0] as string);
    const target = body(info)['@odata.id'];
    if (typeof target !== 'string') throw errors.badRequest("The '@odata.id' of the reference is missing.", '0x80048d19');
    await info.core.service.update(table, path.key, { [`${nav.name}@odata.bind`]: [target] }, info.context());
    return void info.reply.code(204).send();
  }
  throw errors.methodNotAllowed();
}

export async function handlePatch(info: RequestInfo): Promise<void> {
  const key = keyOf(info);
  if (info.path.rest.length > 0) throw errors.methodNotAllowed();
  const { table } = info;
  const ifMatch = info.header('if-match');
  const ifNoneMatch = info.header('if-none-match');
  const urlForm = `${info.root}${table.entitySetName}(${key.kind === 'id' ? key.id : key.raw})`;
  const { row, created } = await info.core.service.upsert(table, key, body(info), info.context(), {
    ifMatch,
    ifNoneMatch: ifNoneMatch === 'null' ? undefined : ifNoneMatch,
  });
  answerWrite(info, row, created, urlForm);
}

/** PUT of a single property (`{"value": …}`) or of a single-valued navigation reference (`/$ref`). */
export async function handlePut(info: RequestInfo): Promise<void> {
  const key = keyOf(info);
  const [property, ref] = info.path.rest;
  if (!property) throw errors.methodNotAllowed();
  const b = body(info);
  const changes: Body =
    ref === '$ref' ? { [`${property}@odata.bind`]: b['@odata.id'] } : { [property]: 'value' in b ? b.value : undefined };
  await info.core.service.update(info.table, key, changes, info.context());
  info.reply.code(204).send();
}

export async function handleDelete(info: RequestInfo): Promise<void> {
  const key = keyOf(info);
  const { table, path } = info;
  const service = info.core.service;
  if (path.rest.length === 0) {
    await service.delete(table, key, info.context(), info.header('if-match'));
    return void info.reply.code(204).send();
  }
  const [segment = '', ref] = path.rest;
  const navName = segment.replace(/\(.*\)$/, '');
  const single = table.navigation.get(navName);
  if (ref === '$ref' && single) {
    await service.update(table, key, { [`${navName}@odata.bind`]: null }, info.context());
    return void info.reply.code(204).send();
  }
  const coll = table.collectionMap.get(navName);
  if (ref === '$ref' && coll) {
    // DELETE …/coll(<id>)/$ref or …/coll/$ref?$id=<url> removes one row from the relationship (spec §2.6).
    const idUrl = info.query.get('$id');
    const target = info.core.registry.require(coll.target);
    const childSpec = segment.includes('(') ? parseKeySpec(segment.slice(segment.indexOf('(') + 1, -1)) : undefined;
    const childRef = childSpec ? undefined : idUrl ? service.resolveReference(idUrl, coll.target) : undefined;
    const child = childSpec ? requireRow(info.core.store, target, childSpec) : childRef ? info.core.store.get(target.logicalName, childRef.id) : undefined;
    if (!child) throw errors.badRequest('The reference to remove is missing ($id).', '0x80048d19');
    const parent = requireRow(info.core.store, table, key);
    const link = child[coll.referencingAttribute] as { id?: string } | null;
    if (link?.id === parent[table.primaryId])
      await service.update(target, { kind: 'id', id: child[target.primaryId] as string }, { [coll.referencingAttribute]: null }, info.context());
    return void info.reply.code(204).send();
  }
  if (path.rest.length === 1 && table.columnMap.has(segment)) {
    await service.update(table, key, { [segment]: null }, info.context());
    return void info.reply.code(204).send();
  }
  throw errors.resourceNotFoundForSegment(segment);
}
