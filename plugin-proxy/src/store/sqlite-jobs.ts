/** JobStore on SQLite. better-sqlite3 is synchronous, so every method is one short transaction on one connection. */
import type Database from 'better-sqlite3';
import { Q } from './sqlite-queries';
import {
  adminRefusal, clampLimit, DEFAULT_LIST_LIMIT, type Decoder, parseCursor, parseId, toJob, toJson, zeroCounts,
} from './shared';
import type { Job, JobError, JobFilter, JobState, JobStore, NewJob } from './types';

type Row = Record<string, unknown>;

export const sqliteDecoder: Decoder = {
  date: (v) => new Date(Number(v)),
  json: (v) => (v === null || v === undefined ? null : JSON.parse(v as string)),
};

export function sqliteJobs(db: Database.Database, now: () => Date): JobStore {
  const job = (row: Row) => toJob(row, sqliteDecoder);
  const st = {
    enqueue: db.prepare(Q.enqueue),
    idByKey: db.prepare(Q.idByIdempotencyKey),
    claim: db.prepare(Q.claim),
    heartbeat: db.prepare(Q.heartbeat),
    finish: db.prepare(Q.finish),
    fail: db.prepare(Q.fail),
    get: db.prepare(Q.get),
    counts: db.prepare(Q.counts),
    editPayload: db.prepare(Q.editPayload),
    retryDead: db.prepare(Q.retryDead),
    discard: db.prepare(Q.discard),
  };

  // IMMEDIATE takes the write lock at BEGIN: two processes on one file serialise their claims instead of both
  // reading the same head jobs and one of them failing with SQLITE_BUSY on the upgrade to a write.
  const claimTx = db.transaction((params: Row) => st.claim.all(params) as Row[]);
  const enqueueTx = db.transaction((params: Row) => {
    const inserted = st.enqueue.get(params) as { id: number } | undefined;
    if (inserted) return { id: String(inserted.id), duplicate: false };
    const existing = st.idByKey.get(params.idempotencyKey) as { id: number };
    return { id: String(existing.id), duplicate: true };
  });

  const byId = (id: string): Job | undefined => {
    const key = parseId(id);
    const row = key === undefined ? undefined : (st.get.get(key) as Row | undefined);
    return row ? job(row) : undefined;
  };

  const admin = (op: 'editPayload' | 'retryDead' | 'discard', id: string, extra: Row = {}): Job => {
    const key = parseId(id);
    const tx = db.transaction(() => {
      const row = key === undefined ? undefined : (st[op].get({ id: key, now: now().getTime(), ...extra }) as Row | undefined);
      if (!row) throw adminRefusal(id, byId(id), op);
      return job(row);
    });
    return tx.immediate();
  };

  return {
    async enqueue(input: NewJob) {
      const t = now().getTime();
      // Committed (in the WAL) when this returns: the intake may answer 2xx.
      return enqueueTx.immediate({
        kind: input.kind,
        recordKey: input.recordKey,
        idempotencyKey: input.idempotencyKey,
        source: input.source,
        payload: toJson(input.payload),
        runAfter: input.runAfter?.getTime() ?? t,
        now: t,
      });
    },
    async claim(owner, limit, leaseMs) {
      if (limit < 1) return [];
      const t = now().getTime();
      const rows = claimTx.immediate({ owner, limit: Math.floor(limit), leaseUntil: t + leaseMs, now: t });
      return rows.map(job).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    },
    async heartbeat(id, owner, leaseMs) {
      const t = now().getTime();
      return st.heartbeat.run({ id: parseId(id) ?? 0, owner, leaseUntil: t + leaseMs, now: t }).changes === 1;
    },
    async complete(id, owner, outcome) {
      const state: JobState = outcome?.skipped ? 'skipped' : 'done';
      const params = { id: parseId(id) ?? 0, owner, state, outcome: outcome?.note ?? null, now: now().getTime() };
      return st.finish.run(params).changes === 1;
    },
    async fail(id, owner, error: JobError, retryAt) {
      const params = {
        id: parseId(id) ?? 0,
        owner,
        state: retryAt ? 'retry' : 'dead',
        retryAt: retryAt?.getTime() ?? null,
        error: JSON.stringify(error),
        now: now().getTime(),
      };
      return st.fail.run(params).changes === 1;
    },
    async get(id) {
      return byId(id);
    },
    async list(filter: JobFilter = {}) {
      const where: string[] = [];
      const params: Row = { limit: clampLimit(filter.limit, DEFAULT_LIST_LIMIT) };
      const add = (condition: string, name: string, value: unknown) => {
        where.push(`${condition} @${name}`);
        params[name] = value;
      };
      const after = parseCursor(filter.after);
      if (after !== undefined) add('id >', 'after', after);
      if (filter.state) add('state =', 'state', filter.state);
      if (filter.kind) add('kind =', 'kind', filter.kind);
      if (filter.recordKey) add('record_key =', 'recordKey', filter.recordKey);
      const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT @limit`;
      return (db.prepare(sql).all(params) as Row[]).map(job);
    },
    async counts() {
      const counts = zeroCounts();
      for (const r of st.counts.all() as { state: JobState; n: number }[]) counts[r.state] = Number(r.n);
      return counts;
    },
    async editPayload(id, payload) {
      return admin('editPayload', id, { payload: toJson(payload) });
    },
    async retryDead(id) {
      return admin('retryDead', id);
    },
    async discard(id) {
      return admin('discard', id);
    },
  };
}
