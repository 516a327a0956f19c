import { randomInt } from 'node:crypto';
import { DataverseError, errors } from '../errors';
import type { TableMeta } from '../metadata/registry';
import type { EntityRecord, LookupValue } from '../store/types';
import type { ExecutionContext } from './types';

const PLATFORM_FILLED = new Set(['ownerid', 'statecode', 'statuscode', 'createdon', 'modifiedon', 'createdby', 'modifiedby', 'versionnumber']);
let sequence = 1000;

/** Auto-numbers like the real service (`ORD-01001-G9H8J7`, `CAS-01001-X1Y2Z3`). */
function autoNumber(prefix: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  const suffix = Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(5, '0')}-${suffix}`;
}

/** Platform-filled columns on create: owner, audit columns, defaults, auto-numbers, base currency. */
export function applyCreateDefaults(table: TableMeta, row: EntityRecord, ctx: ExecutionContext, now: string, baseCurrency?: LookupValue): void {
  const user = { id: ctx.userId, logicalName: 'systemuser' };
  row.createdon = now;
  row.modifiedon = now;
  row.createdby = user;
  row.modifiedby = user;
  if (table.ownership === 'User' && !row.ownerid) row.ownerid = user;
  for (const column of table.columns)
    if (column.defaultValue !== undefined && (row[column.name] === undefined || row[column.name] === null)) row[column.name] = column.defaultValue;
  if (table.logicalName === 'salesorder' && !row.ordernumber) row.ordernumber = autoNumber('ORD');
  if (table.logicalName === 'incident') row.ticketnumber = autoNumber('CAS');
  const hasMoney = table.columns.some((c) => c.type === 'Money' && row[c.name] !== undefined && row[c.name] !== null);
  const currencyColumn = table.columnMap.get('transactioncurrencyid');
  if (hasMoney && currencyColumn && currencyColumn.validForCreate !== false && !row.transactioncurrencyid && baseCurrency)
    row.transactioncurrencyid = baseCurrency;
}

/** If-Match with a weak ETag → 412 when the row's version differs (specs/dataverse-webapi.md §2.5). */
export function checkEtag(row: EntityRecord, ifMatch: string | undefined): void {
  if (!ifMatch || ifMatch === '*') return;
  const wanted = /^(?:W\/)?"?([^"]*)"?$/.exec(ifMatch.trim())?.[1];
  if (wanted !== String(row.versionnumber)) throw errors.etagMismatch();
}

/**
 * SystemRequired columns the caller must supply (METAREQ: only SystemRequired is enforced by the platform;
 * ApplicationRequired is a form rule). The incident message is the documented one.
 */
export function checkRequired(table: TableMeta, row: EntityRecord): void {
  for (const column of table.columns) {
    if (column.required !== 'SystemRequired' || column.computed || column.validForCreate === false) continue;
    if (column.name === table.primaryId || PLATFORM_FILLED.has(column.name)) continue;
    if (row[column.name] !== undefined && row[column.name] !== null) continue;
    if (table.logicalName === 'incident' && column.name === 'customerid')
      throw new DataverseError(400, '0x80040203', 'You should specify a parent contact or account.');
    throw new DataverseError(400, '0x80040203', `Attribute '${column.name}' cannot be NULL. A value is required for '${column.name}' on '${table.logicalName}'.`);
  }
}

/**
 * A price list holds one price per product and unit (specs/dataverse-webapi.md §5.2 productpricelevel):
 * a second one, created or moved there, fails with DuplicateProductPriceLevel.
 */
export function checkProductPriceLevel(table: TableMeta, row: EntityRecord, siblings: (pricelevelId: string) => EntityRecord[]): void {
  if (table.logicalName !== 'productpricelevel') return;
  const idOf = (v: unknown) => ((v as LookupValue | null | undefined)?.id ?? '').toLowerCase();
  const list = idOf(row.pricelevelid);
  if (!list) return;
  const clash = siblings(list).some(
    (other) => other.productpricelevelid !== row.productpricelevelid && idOf(other.productid) === idOf(row.productid) && idOf(other.uomid) === idOf(row.uomid),
  );
  if (clash) throw new DataverseError(400, '0x80043b08', 'This product and unit combination has a price for this price list.');
}

/**
 * statecode/statuscode: a new row starts in the first state; a status must belong to its state; changing
 * the state without a status takes the state's default status; some states need a dedicated message
 * (`byMessage` is that message making the change).
 */
export function resolveState(table: TableMeta, row: EntityRecord, written: EntityRecord, previous: EntityRecord | undefined, byMessage = false): void {
  const states = table.states;
  if (!states || states.length === 0) return;
  const stateWritten = previous !== undefined && 'statecode' in written;
  const state = stateWritten ? (written.statecode as number) : ((previous?.statecode as number | undefined) ?? (states[0]?.state as number));
  const def = states.find((s) => s.state === state);
  const id = String(row[table.primaryId]);
  if (!def) throw errors.validation(`The value ${state} of 'statecode' on record of type '${table.logicalName}' is outside the valid range.`);
  // `byMessage`: the dedicated message itself (CloseIncident) is making the change.
  if (stateWritten && !byMessage && state !== previous?.statecode && table.stateChangeRestrictions?.[state])
    throw new DataverseError(400, '0x80040203', table.stateChangeRestrictions[state] as string);
  row.statecode = state;
  if ('statuscode' in written && written.statuscode !== null) {
    const status = written.statuscode as number;
    if (!(status in def.statuses)) throw errors.invalidStatus(status, `${capitalise(table.logicalName)}State.${def.label.replace(/\s/g, '')}`, table.logicalName, id);
    row.statuscode = status;
  } else if (stateWritten || previous === undefined || row.statuscode === undefined || row.statuscode === null) {
    row.statuscode = def.defaultStatus;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** System columns a real Target carries along with the caller's changes (webhook sample: modifiedon, modifiedby…). */
export function systemTarget(table: TableMeta, stored: EntityRecord, created: boolean): EntityRecord {
  const out: EntityRecord = { [table.primaryId]: stored[table.primaryId], modifiedon: stored.modifiedon, modifiedby: stored.modifiedby };
  if (created) {
    out.createdon = stored.createdon;
    out.createdby = stored.createdby;
    if ('ownerid' in stored) out.ownerid = stored.ownerid;
    if ('statecode' in stored) out.statecode = stored.statecode;
    if ('statuscode' in stored) out.statuscode = stored.statuscode;
  }
  if (table.primaryName !== table.primaryId && table.primaryName in stored) out[table.primaryName] = stored[table.primaryName];
  return out;
}
