/**
 * SQLite schema, as numbered migrations tracked in `PRAGMA user_version`. Times are epoch milliseconds
 * (INTEGER) so comparisons with the injected clock are exact; JSON columns are TEXT.
 */
import { JOB_STATES, sqlStates, UNFINISHED_STATES } from './job-states';

export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE jobs (
    -- AUTOINCREMENT: ids are never reused, so id order stays enqueue order even after rows are deleted.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    record_key TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN (${sqlStates(JOB_STATES)})),
    attempts INTEGER NOT NULL DEFAULT 0,
    run_after INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    last_error TEXT,
    outcome TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- The claim asks, per record key, "is there an older unfinished job?": this partial index answers it
  -- without touching the (much larger) finished history.
  CREATE INDEX jobs_unfinished_by_key ON jobs (record_key, id) WHERE state IN (${sqlStates(UNFINISHED_STATES)});
  CREATE INDEX jobs_unfinished ON jobs (id) WHERE state IN (${sqlStates(UNFINISHED_STATES)});
  CREATE INDEX jobs_by_state ON jobs (state, id);
  CREATE INDEX jobs_by_key ON jobs (record_key, id);

  CREATE TABLE links (
    entity TEXT NOT NULL,
    clarity_id TEXT NOT NULL,
    dataverse_table TEXT NOT NULL,
    dataverse_id TEXT NOT NULL,
    hash_to_dataverse TEXT,
    hash_to_clarity TEXT,
    snapshot TEXT,
    clarity_version INTEGER,
    dataverse_version TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (entity, clarity_id)
  );
  CREATE UNIQUE INDEX links_by_dataverse ON links (entity, dataverse_id);

  CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    clarity_id TEXT NOT NULL,
    dataverse_id TEXT NOT NULL,
    field TEXT NOT NULL,
    clarity_value TEXT NOT NULL,
    dataverse_value TEXT NOT NULL,
    resolution TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX conflicts_recent ON conflicts (at, id);
  `,
  `
  CREATE TABLE IF NOT EXISTS checkpoints (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
];
