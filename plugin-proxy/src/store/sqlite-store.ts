/**
 * The embedded default store: one SQLite file (better-sqlite3). Several processes may share the file; claims
 * run in IMMEDIATE transactions so they never double-claim.
 */
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './sqlite-schema';
import { sqliteDecoder, sqliteJobs } from './sqlite-jobs';
import { Q } from './sqlite-queries';
import { asStoreError, clampLimit, DEFAULT_CONFLICT_LIMIT, guarded, linkTaken, toConflict, toJson, toLink } from './shared';
import type { CheckpointStore, ConflictStore, Link, LinkStore, Store } from './types';

export interface SqliteStoreOptions {
  /** Path of the database file; `:memory:` for unit tests (one connection, nothing shared). */
  file: string;
  now?: () => Date;
  /** How long a connection waits for another one's write lock before failing (default 5 s). */
  busyTimeoutMs?: number;
  /**
   * NORMAL (default): in WAL mode a commit is written to the WAL file before it returns, so it survives a crash
   * of this process; an OS crash or power loss may roll back the last few commits (the WAL is fsynced only at
   * checkpoints). FULL fsyncs the WAL on every commit: power-loss safe, a few times slower per enqueue.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

type Row = Record<string, unknown>;

/** Opens the file (creating it if needed) without migrating; `openStore` migrates. */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const now = options.now ?? (() => new Date());
  let db: Database.Database;
  try {
    db = new Database(options.file);
  } catch (err) {
    throw asStoreError(err, `open of SQLite file '${options.file}'`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');

  // Statements are prepared lazily: they reference tables that exist only after migrate().
  let parts: { jobs: Store['jobs']; links: LinkStore; conflicts: ConflictStore; checkpoints: CheckpointStore } | undefined;
  const ready = () => {
    parts ??= {
      jobs: guarded(sqliteJobs(db, now), 'jobs'),
      links: guarded(sqliteLinks(db, now), 'links'),
      conflicts: guarded(sqliteConflicts(db), 'conflicts'),
      checkpoints: guarded(sqliteCheckpoints(db, now), 'checkpoints'),
    };
    return parts;
  };

  return {
    kind: 'sqlite',
    get jobs() {
      return ready().jobs;
    },
    get links() {
      return ready().links;
    },
    get conflicts() {
      return ready().conflicts;
    },
    get checkpoints() {
      return ready().checkpoints;
    },
    async migrate() {
      // IMMEDIATE: two processes starting at once take turns; the second sees user_version already advanced.
      db.transaction(() => {
        const version = db.pragma('user_version', { simple: true }) as number;
        for (let v = version; v < SQLITE_MIGRATIONS.length; v++) db.exec(SQLITE_MIGRATIONS[v] as string);
        if (version < SQLITE_MIGRATIONS.length) db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
      }).immediate();
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function sqliteLinks(db: Database.Database, now: () => Date): LinkStore {
  const byClarity = db.prepare(Q.linkByClarity);
  const byDataverse = db.prepare(Q.linkByDataverse);
  const save = db.prepare(Q.saveLink);
  const remove = db.prepare(Q.removeLink);
  const link = (row: Row | undefined) => (row ? toLink(row, sqliteDecoder) : undefined);
  return {
    async byClarity(entity, clarityId) {
      return link(byClarity.get(entity, clarityId) as Row | undefined);
    },
    async byDataverse(entity, dataverseId) {
      return link(byDataverse.get(entity, dataverseId) as Row | undefined);
    },
    async save(l) {
      const params = {
        entity: l.entity,
        clarityId: l.clarityId,
        dataverseTable: l.dataverseTable,
        dataverseId: l.dataverseId,
        hashToDataverse: l.hashToDataverse,
        hashToClarity: l.hashToClarity,
        snapshot: l.snapshot === null ? null : toJson(l.snapshot),
        clarityVersion: l.clarityVersion,
        dataverseVersion: l.dataverseVersion,
        now: now().getTime(),
      };
      try {
        return link(save.get(params) as Row) as Link;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
        const holder = link(byDataverse.get(l.entity, l.dataverseId) as Row | undefined);
        throw linkTaken(l.entity, l.dataverseId, l.clarityId, holder?.clarityId);
      }
    },
    async remove(entity, clarityId) {
      remove.run(entity, clarityId);
    },
  };
}

function sqliteConflicts(db: Database.Database): ConflictStore {
  const insert = db.prepare(Q.recordConflict);
  const recent = db.prepare(Q.recentConflicts);
  return {
    async record(c) {
      insert.run({
        entity: c.entity,
        clarityId: c.clarityId,
        dataverseId: c.dataverseId,
        field: c.field,
        clarityValue: toJson(c.clarityValue),
        dataverseValue: toJson(c.dataverseValue),
        resolution: c.resolution,
        at: c.at.getTime(),
      });
    },
    async recent(limit) {
      return (recent.all(clampLimit(limit, DEFAULT_CONFLICT_LIMIT)) as Row[]).map((r) => toConflict(r, sqliteDecoder));
    },
  };
}

function sqliteCheckpoints(db: Database.Database, now: () => Date): CheckpointStore {
  const get = db.prepare(Q.getCheckpoint);
  const set = db.prepare(Q.setCheckpoint);
  return {
    async get(name) {
      const row = get.get(name) as Row | undefined;
      return row ? sqliteDecoder.json(row.value) : undefined;
    },
    async set(name, value) {
      set.run({ name, value: toJson(value), now: now().getTime() });
    },
  };
}
