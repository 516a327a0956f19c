import { errors } from '../errors';
import { sendJson } from '../http/json';
import { entityPathFromUrl, parseResourcePath, type KeySpec } from '../http/resource-path';
import type { TableMeta } from '../metadata/registry';
import type { Body } from '../pipeline/payload';
import type { RequestInfo } from './request-info';

/** The key an UpsertMultiple target addresses: `@odata.id`, its primary key, or a complete alternate key. */
function targetKey(table: TableMeta, item: Body): KeySpec | undefined {
  const odataId = item['@odata.id'];
  if (typeof odataId === 'string') return parseResourcePath(entityPathFromUrl(odataId)).key;
  const id = item[table.primaryId];
  if (typeof id === 'string') return { kind: 'id', id: id.toLowerCase() };
  for (const key of table.keys) {
    if (key.columns.every((c) => item[c] !== undefined && item[c] !== null)) {
      const values = Object.fromEntries(key.columns.map((c) => [c, item[c]]));
      return { kind: 'key', values, raw: key.columns.map((c) => `${c}='${String(item[c])}'`).join(',') };
    }
  }
  return undefined;
}

/**
 * `CreateMultiple` / `UpsertMultiple` (spec §2.3): every target needs `@odata.type`; the whole request is one
 * transaction. CreateMultiple answers the new ids; UpsertMultiple answers 204.
 */
export async function bulk(info: RequestInfo, action: 'CreateMultiple' | 'UpsertMultiple', body: Body): Promise<void> {
  const { table, core } = info;
  const targets = body.Targets;
  if (!Array.isArray(targets) || targets.length === 0) throw errors.badRequest(`${action}: 'Targets' must be a non-empty array.`);
  const expectedType = `Microsoft.Dynamics.CRM.${table.logicalName}`;
  targets.forEach((t, i) => {
    const type = (t as Body)['@odata.type'];
    if (type !== expectedType)
      throw errors.badRequest(`${action}: Targets[${i}] must have "@odata.type": "${expectedType}" (got ${JSON.stringify(type ?? null)}).`);
  });
  const ctx = info.context();
  const ids = await core.store.transaction(async () => {
    const out: string[] = [];
    for (const raw of targets as Body[]) {
      const item: Body = { ...raw };
      delete item['@odata.id'];
      const key = action === 'UpsertMultiple' ? targetKey(table, raw) : undefined;
      const row = key ? (await core.service.upsert(table, key, item, ctx, {})).row : await core.service.create(table, item, ctx);
      out.push(row[table.primaryId] as string);
    }
    return out;
  });
  if (action === 'UpsertMultiple') return void info.reply.code(204).send();
  sendJson(info.reply, 200, { '@odata.context': `${info.root}$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse`, Ids: ids });
}
