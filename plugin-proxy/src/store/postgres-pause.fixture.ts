/**
 * Test support for the PostgreSQL store: sessions with another server-side default isolation, and a job store
 * whose claims stop at a chosen point so a test can commit something in between (a controlled interleaving).
 */
import { Pool, type PoolClient } from 'pg';
import { postgresJobs } from './postgres-jobs';
import { postgresQueries } from './postgres-queries';
import { lockNamespaceOf } from './postgres-store';

/** `url` with sessions whose default transaction isolation is `level` (as a DBA may configure a database). */
export function withDefaultIsolation(url: string, level: 'read committed' | 'repeatable read' | 'serializable'): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c default_transaction_isolation=${level.replace(/ /g, '\\ ')}`);
  return u.toString();
}

/**
 * The job store of `schema` on its own pool, whose claims stop right after their candidate scan (before the
 * key locks) until `resume()`: the window in which another instance's redrive can commit. `paused` resolves
 * when a claim gets there.
 */
export function claimsPausedAfterCandidates(databaseUrl: string, schema: string, now: () => Date) {
  const pool = new Pool({ connectionString: databaseUrl });
  const q = postgresQueries(`"${schema}"`);
  let reached!: () => void;
  const paused = new Promise<void>((r) => (reached = r));
  let resume!: () => void;
  const gate = new Promise<void>((r) => (resume = r));
  const patched = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (patched.has(client)) return;
    patched.add(client);
    const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<unknown>;
    client.query = (async (text: string, values?: unknown[]) => {
      const result = await query(text, values);
      if (text === q.claimCandidates) {
        reached();
        await gate;
      }
      return result;
    }) as PoolClient['query'];
  });
  const jobs = postgresJobs({ pool, q, now, lockNamespace: lockNamespaceOf(schema) });
  return { jobs, paused, resume, close: () => pool.end() };
}
