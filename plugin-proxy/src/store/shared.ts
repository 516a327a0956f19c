/**
 * What both engines share beyond the SQL: row decoding, id and limit parsing, the errors the contract
 * promises. Keeping it here is what makes the two implementations answer the same way.
 */
import { ConnectorError } from '../errors';
import { JOB_STATES } from './job-states';
import type { ConflictRecord, Job, JobError, JobSource, JobState, Link } from './types';

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;
export const DEFAULT_CONFLICT_LIMIT = 50;

/** How one engine turns its column values into JS values (SQLite: epoch ms and JSON text; pg: Date and parsed jsonb). */
export interface Decoder {
  date(value: unknown): Date;
  json(value: unknown): unknown;
}

/** Ids are bigint identities rendered as strings; anything else cannot name a job. */
export function parseId(id: string): bigint | undefined {
  return /^[1-9][0-9]{0,18}$/.test(id) ? BigInt(id) : undefined;
}

export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(MAX_LIST_LIMIT, Math.floor(limit)));
}

/** The `after` cursor of list(): an id; a malformed one is the caller's mistake, not an empty page. */
export function parseCursor(after: string | undefined): bigint | undefined {
  if (after === undefined) return undefined;
  const id = parseId(after);
  if (id === undefined) throw new ConnectorError('CONNECTOR_ERR_MALFORMED', `Invalid job list cursor '${after}'`);
  return id;
}

/** JSON text for a column; `undefined` (not JSON) is stored as null rather than failing the write. */
export function toJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

export function zeroCounts(): Record<JobState, number> {
  return Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
}

export function notFound(id: string): ConnectorError {
  return new ConnectorError('CONNECTOR_ERR_NOT_FOUND', `Job ${id} does not exist`);
}

/** Admin operations need a dead-lettered job; distinguish "no such job" from "not dead". */
export function adminRefusal(id: string, current: Job | undefined, op: string): ConnectorError {
  if (!current) return notFound(id);
  return new ConnectorError('CONNECTOR_ERR_CONFLICT', `Cannot ${op} job ${id}: it is ${current.state}, only dead jobs can be changed`);
}

export function linkTaken(entity: string, dataverseId: string, clarityId: string, holder: string | undefined): ConnectorError {
  return new ConnectorError(
    'CONNECTOR_ERR_CONFLICT',
    `Dataverse record ${dataverseId} (${entity}) is already linked to Clarity id ${holder ?? '(another record)'}; cannot link it to ${clarityId}`,
  );
}

/** Any failure that is not already ours means the database itself is in trouble: retryable 503. */
export function asStoreError(err: unknown, what: string): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ConnectorError('CONNECTOR_ERR_STORE', `Store ${what} failed: ${message}`, { cause: err });
}

type Row = Record<string, unknown>;

function optDate(d: Decoder, v: unknown): Date | null {
  return v === null || v === undefined ? null : d.date(v);
}

export function toJob(row: Row, d: Decoder): Job {
  return {
    id: String(row.id),
    kind: row.kind as string,
    recordKey: row.record_key as string,
    idempotencyKey: row.idempotency_key as string,
    source: row.source as JobSource,
    payload: d.json(row.payload),
    state: row.state as JobState,
    attempts: Number(row.attempts),
    runAfter: d.date(row.run_after),
    leaseOwner: (row.lease_owner as string | null) ?? null,
    leaseUntil: optDate(d, row.lease_until),
    lastError: row.last_error === null || row.last_error === undefined ? null : (d.json(row.last_error) as JobError),
    outcome: (row.outcome as string | null) ?? null,
    createdAt: d.date(row.created_at),
    updatedAt: d.date(row.updated_at),
  };
}

export function toLink(row: Row, d: Decoder): Link {
  return {
    entity: row.entity as string,
    clarityId: row.clarity_id as string,
    dataverseTable: row.dataverse_table as string,
    dataverseId: row.dataverse_id as string,
    hashToDataverse: (row.hash_to_dataverse as string | null) ?? null,
    hashToClarity: (row.hash_to_clarity as string | null) ?? null,
    snapshot: row.snapshot === null || row.snapshot === undefined ? null : (d.json(row.snapshot) as Record<string, unknown>),
    clarityVersion: row.clarity_version === null || row.clarity_version === undefined ? null : Number(row.clarity_version),
    dataverseVersion: (row.dataverse_version as string | null) ?? null,
    updatedAt: d.date(row.updated_at),
  };
}

export function toConflict(row: Row, d: Decoder): ConflictRecord {
  return {
    entity: row.entity as string,
    clarityId: row.clarity_id as string,
    dataverseId: row.dataverse_id as string,
    field: row.field as string,
    clarityValue: d.json(row.clarity_value),
    dataverseValue: d.json(row.dataverse_value),
    resolution: row.resolution as string,
    at: d.date(row.at),
  };
}

/** Wraps every method of a store part so driver failures surface as CONNECTOR_ERR_STORE (retryable 503). */
export function guarded<T extends object>(impl: T, what: string): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(impl) as [string, unknown][]) {
    if (typeof fn !== 'function') continue;
    out[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => unknown)(...args);
      } catch (err) {
        throw asStoreError(err, `${what}.${name}`);
      }
    };
  }
  return out as T;
}
