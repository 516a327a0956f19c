/** JobStore on PostgreSQL: shared by any number of proxy instances. */
import type { Pool, PoolClient } from 'pg';
import type { PostgresQueries } from './postgres-queries';
import {
  adminRefusal, clampLimit, DEFAULT_LIST_LIMIT, type Decoder, parseCursor, parseId, toJob, toJson, zeroCounts,
} from './shared';
import type { Job, JobFilter, JobState, JobStore } from './types';

type Row = Record<string, unknown>;

/** pg already decodes timestamptz to Date and jsonb to values. */
export const postgresDecoder: Decoder = { date: (v) => (v instanceof Date ? v : new Date(v as string)), json: (v) => v };

/**
 * READ COMMITTED whatever the server's `default_transaction_isolation`: the claim and the migration take a lock
 * and then rely on their next statement seeing everything committed before it (a fresh snapshot per statement).
 * Under REPEATABLE READ they would keep the snapshot from before the lock: a claim could run a job while an
 * older one of its key, redriven meanwhile, waits, and a second migrator would re-run applied migrations.
 */
export async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A failed ROLLBACK means the connection itself is gone: release it as broken so the pool drops it.
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}

export interface PostgresJobsContext {
  pool: Pool;
  q: PostgresQueries;
  now: () => Date;
  /** Names this schema's advisory-lock key space. */
  lockNamespace: string;
}

export function postgresJobs({ pool, q, now, lockNamespace: ns }: PostgresJobsContext): JobStore {
  const job = (row: Row) => toJob(row, postgresDecoder);
  const byId = async (id: string): Promise<Job | undefined> => {
    const key = parseId(id);
    if (key === undefined) return undefined;
    const { rows } = await pool.query(q.get, [key.toString()]);
    return rows[0] ? job(rows[0]) : undefined;
  };
  const finish = async (sql: string, params: unknown[]) => ((await pool.query(sql, params)).rowCount ?? 0) === 1;
  const idParam = (id: string) => (parseId(id) ?? 0n).toString();

  const admin = async (op: 'editPayload' | 'retryDead' | 'discard', id: string, run: (c: PoolClient, key: string) => Promise<Row[]>) => {
    const key = parseId(id);
    const rows = key === undefined ? [] : await inTransaction(pool, (c) => run(c, key.toString()));
    if (!rows[0]) throw adminRefusal(id, await byId(id), op);
    return job(rows[0]);
  };

  return {
    async enqueue(input) {
      const t = now();
      const params = [input.kind, input.recordKey, input.idempotencyKey, input.source, toJson(input.payload), input.runAfter ?? t, t, ns];
      // One autocommit statement: committed (and, with the default synchronous_commit, flushed) when it returns.
      const inserted = await pool.query(q.enqueue, params);
      if (inserted.rows[0]) return { id: String(inserted.rows[0].id), duplicate: false };
      const existing = await pool.query(q.idByIdempotencyKey, [input.idempotencyKey]);
      return { id: String(existing.rows[0].id), duplicate: true };
    },
    async claim(owner, limit, leaseMs) {
      if (limit < 1) return [];
      const t = now();
      const rows = await inTransaction(pool, async (c) => {
        const candidates = await c.query(q.claimCandidates, [t, Math.floor(limit)]);
        if (candidates.rows.length === 0) return [];
        const keys = [...new Set(candidates.rows.map((r) => r.record_key as string))];
        const locked = new Set((await c.query(q.lockKeys, [keys, ns])).rows.map((r) => r.k as string));
        const ids = candidates.rows.filter((r) => locked.has(r.record_key)).map((r) => String(r.id));
        if (ids.length === 0) return [];
        return (await c.query(q.claimUpdate, [t, ids, owner, new Date(t.getTime() + leaseMs)])).rows as Row[];
      });
      return rows.map(job).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    },
    async heartbeat(id, owner, leaseMs) {
      const t = now();
      return finish(q.heartbeat, [idParam(id), owner, new Date(t.getTime() + leaseMs), t]);
    },
    async complete(id, owner, outcome) {
      const state: JobState = outcome?.skipped ? 'skipped' : 'done';
      return finish(q.finish, [idParam(id), owner, state, outcome?.note ?? null, now()]);
    },
    async fail(id, owner, error, retryAt) {
      return finish(q.fail, [idParam(id), owner, retryAt ? 'retry' : 'dead', retryAt, JSON.stringify(error), now()]);
    },
    get: byId,
    async list(filter: JobFilter = {}) {
      const params: unknown[] = [clampLimit(filter.limit, DEFAULT_LIST_LIMIT)];
      const where: string[] = [];
      const add = (condition: string, value: unknown) => {
        params.push(value);
        where.push(`${condition} $${params.length}`);
      };
      const after = parseCursor(filter.after);
      if (after !== undefined) add('id >', after.toString());
      if (filter.state) add('state =', filter.state);
      if (filter.kind) add('kind =', filter.kind);
      if (filter.recordKey) add('record_key =', filter.recordKey);
      const { rows } = await pool.query(q.list(where.length ? `WHERE ${where.join(' AND ')}` : ''), params);
      return rows.map(job);
    },
    async counts() {
      const counts = zeroCounts();
      for (const r of (await pool.query(q.counts)).rows) counts[r.state as JobState] = Number(r.n);
      return counts;
    },
    async editPayload(id, payload) {
      return admin('editPayload', id, async (c, key) => (await c.query(q.editPayload, [key, toJson(payload), now()])).rows);
    },
    async retryDead(id) {
      return admin('retryDead', id, async (c, key) => {
        await c.query(q.lockKeyOfJob, [key, ns]);
        return (await c.query(q.retryDead, [key, now()])).rows;
      });
    },
    async discard(id) {
      return admin('discard', id, async (c, key) => (await c.query(q.discard, [key, now()])).rows);
    },
  };
}
