/**
 * The scale-out store: PostgreSQL (DATABASE_URL). Any number of proxy instances share one schema; claims use
 * FOR UPDATE SKIP LOCKED plus a per-record-key advisory lock, so no two instances run the same job or two
 * jobs of one record key at once.
 */
import { Pool } from 'pg';
import { ConnectorError } from '../errors';
import { inTransaction, postgresDecoder, postgresJobs } from './postgres-jobs';
import { postgresQueries, type PostgresQueries } from './postgres-queries';
import { createMigrationsTable, POSTGRES_MIGRATIONS } from './postgres-schema';
import { clampLimit, DEFAULT_CONFLICT_LIMIT, guarded, linkTaken, toConflict, toJson, toLink } from './shared';
import type { CheckpointStore, ConflictStore, Link, LinkStore, Store } from './types';

export const DEFAULT_SCHEMA = 'clarity_connector';

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema holding every table (default `clarity_connector`); tests use a throwaway one. */
  schema?: string;
  now?: () => Date;
  /** Pool size per instance (default 10). */
  maxConnections?: number;
}

/** Schema names go into SQL as identifiers, so only plain ones are accepted. */
function quoteSchema(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new ConnectorError('CONNECTOR_ERR_CONFIG', `Invalid PostgreSQL schema name '${schema}' (letters, digits, _; max 63)`);
  }
  return `"${schema}"`;
}

/** Names one schema's advisory-lock key space, so stores on different schemas never contend. */
export const lockNamespaceOf = (schema: string) => `clarity-connector:${schema}`;

/** Creates the pool (connections open lazily) without migrating; `openStore` migrates. */
export function openPostgresStore(options: PostgresStoreOptions): Store {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  const now = options.now ?? (() => new Date());
  const pool = new Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server would otherwise be an unhandled 'error' event that kills the
  // process; the next query reports the outage as CONNECTOR_ERR_STORE instead.
  pool.on('error', () => undefined);
  const q = postgresQueries(s);
  const lockNamespace = lockNamespaceOf(schema);

  return {
    kind: 'postgres',
    jobs: guarded(postgresJobs({ pool, q, now, lockNamespace }), 'jobs'),
    links: guarded(postgresLinks(pool, q, now), 'links'),
    conflicts: guarded(postgresConflicts(pool, q), 'conflicts'),
    checkpoints: guarded(postgresCheckpoints(pool, q, now), 'checkpoints'),
    migrate: () => guarded({ migrate: () => migrate(pool, s, lockNamespace) }, 'store').migrate(),
    async ping() {
      await guarded({ ping: () => pool.query('SELECT 1') }, 'store').ping();
    },
    async close() {
      await pool.end();
    },
  };
}

async function migrate(pool: Pool, s: string, lockNamespace: string): Promise<void> {
  // A transaction-scoped advisory lock: instances starting together take turns, and the lock cannot outlive a
  // crashed migrator. DDL is transactional in PostgreSQL, so a failed migration leaves nothing half-applied.
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${lockNamespace}:migrate`]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await c.query(createMigrationsTable(s));
    const { rows } = await c.query(`SELECT coalesce(max(version), 0)::int AS v FROM ${s}.schema_migrations`);
    for (let v = rows[0].v as number; v < POSTGRES_MIGRATIONS.length; v++) {
      await c.query((POSTGRES_MIGRATIONS[v] as (s: string) => string)(s));
      await c.query(`INSERT INTO ${s}.schema_migrations (version) VALUES ($1)`, [v + 1]);
    }
  });
}

function postgresLinks(pool: Pool, q: PostgresQueries, now: () => Date): LinkStore {
  const link = (row: Record<string, unknown> | undefined) => (row ? toLink(row, postgresDecoder) : undefined);
  const byDataverse = async (entity: string, dataverseId: string) =>
    link((await pool.query(q.linkByDataverse, [entity, dataverseId])).rows[0]);
  return {
    async byClarity(entity, clarityId) {
      return link((await pool.query(q.linkByClarity, [entity, clarityId])).rows[0]);
    },
    byDataverse,
    async save(l) {
      const params = [
        l.entity, l.clarityId, l.dataverseTable, l.dataverseId, l.hashToDataverse, l.hashToClarity,
        l.snapshot === null ? null : toJson(l.snapshot), l.clarityVersion, l.dataverseVersion, now(),
      ];
      try {
        return link((await pool.query(q.saveLink, params)).rows[0]) as Link;
      } catch (err) {
        const e = err as { code?: string; constraint?: string };
        if (e.code !== '23505' || e.constraint !== 'links_by_dataverse') throw err;
        throw linkTaken(l.entity, l.dataverseId, l.clarityId, (await byDataverse(l.entity, l.dataverseId))?.clarityId);
      }
    },
    async remove(entity, clarityId) {
      await pool.query(q.removeLink, [entity, clarityId]);
    },
  };
}

function postgresConflicts(pool: Pool, q: PostgresQueries): ConflictStore {
  return {
    async record(c) {
      const params = [c.entity, c.clarityId, c.dataverseId, c.field, toJson(c.clarityValue), toJson(c.dataverseValue), c.resolution, c.at];
      await pool.query(q.recordConflict, params);
    },
    async recent(limit) {
      const { rows } = await pool.query(q.recentConflicts, [clampLimit(limit, DEFAULT_CONFLICT_LIMIT)]);
      return rows.map((r) => toConflict(r, postgresDecoder));
    },
  };
}

function postgresCheckpoints(pool: Pool, q: PostgresQueries, now: () => Date): CheckpointStore {
  return {
    async get(name) {
      const { rows } = await pool.query(q.getCheckpoint, [name]);
      return rows[0] ? postgresDecoder.json(rows[0].value) : undefined;
    },
    async set(name, value) {
      await pool.query(q.setCheckpoint, [name, toJson(value), now()]);
    },
  };
}
