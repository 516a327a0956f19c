import { errors } from '../errors';
import { sendJson } from '../http/json';
import { assertChangeTrackingCompatible, deltaLink, odataContext, parseQueryOptions, preferenceApplied } from '../odata';
import { requireChangeTracking } from './query';
import { preferOf, rowWriter } from './represent';
import type { RequestInfo } from './request-info';

/** `<version>!<MM/dd/yyyy HH:mm:ss>`, the documented token shape (`919042!08/22/2017 08:10:44`, spec §8). */
function deltaToken(version: number, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(at.getUTCMonth() + 1)}/${p(at.getUTCDate())}/${at.getUTCFullYear()} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())}`;
  return `${version}!${date}`;
}

function parseDeltaToken(token: string): number {
  const m = /^(\d+)!/.exec(token);
  if (!m) throw errors.badRequest(`The delta token '${token}' is not valid.`, '0x80060888');
  return Number(m[1]);
}

/**
 * Change tracking (spec §8): `Prefer: odata.track-changes` returns every row plus `@odata.deltaLink`; a GET of
 * that link returns rows created or changed since, then `$deletedEntity` entries, and a new delta link.
 * `$filter`, `$orderby`, `$expand` and `$top` are rejected with tracking.
 */
export function readChanges(info: RequestInfo): void {
  const { core, table, query } = info;
  requireChangeTracking(table);
  const options = parseQueryOptions(query, table, core.registry);
  assertChangeTrackingCompatible(options);
  const prefer = preferOf(info);
  const tokenText = query.get('$deltatoken');
  const since = tokenText ? parseDeltaToken(tokenText) : 0;
  const changes = core.store.changesSince(table.logicalName, since);
  const write = rowWriter(core, table, prefer, options.select);
  const base = info.root.replace(/\/$/, '');
  const value: Record<string, unknown>[] = [];
  for (const id of changes.changed) {
    const row = core.store.get(table.logicalName, id);
    if (row) value.push(write(row));
  }
  if (tokenText)
    for (const id of changes.deleted)
      value.push({ '@odata.context': `${base}/$metadata#${table.entitySetName}/$deletedEntity`, id, reason: 'deleted' });
  const link = deltaLink(base, table.entitySetName, info.rawQuery, deltaToken(changes.version, new Date()));
  const body = {
    '@odata.context': odataContext(base, table.entitySetName, options.select, [], tokenText ? 'delta' : 'collection'),
    '@odata.deltaLink': link,
    value,
  };
  const applied = preferenceApplied(prefer, { trackChanges: prefer.trackChanges });
  sendJson(info.reply, 200, body, applied ? { 'preference-applied': applied } : {});
}
