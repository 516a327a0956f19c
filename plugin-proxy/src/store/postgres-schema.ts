/**
 * PostgreSQL schema, as numbered migrations recorded in `<schema>.schema_migrations`. Every object lives in
 * one configurable schema so tests (and side-by-side deployments) can use their own.
 */
import { JOB_STATES, sqlStates, UNFINISHED_STATES } from './job-states';

/** `s` is the quoted schema identifier. */
export const POSTGRES_MIGRATIONS: readonly ((s: string) => string)[] = [
  (s) => `
  CREATE TABLE ${s}.jobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL,
    record_key text NOT NULL,
    idempotency_key text NOT NULL UNIQUE,
    source text NOT NULL,
    payload jsonb NOT NULL,
    state text NOT NULL CHECK (state IN (${sqlStates(JOB_STATES)})),
    attempts integer NOT NULL DEFAULT 0,
    run_after timestamptz NOT NULL,
    lease_owner text,
    lease_until timestamptz,
    last_error jsonb,
    outcome text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  -- "Is there an older unfinished job of this key?" without reading the finished history.
  CREATE INDEX jobs_unfinished_by_key ON ${s}.jobs (record_key, id) WHERE state IN (${sqlStates(UNFINISHED_STATES)});
  CREATE INDEX jobs_unfinished ON ${s}.jobs (id) WHERE state IN (${sqlStates(UNFINISHED_STATES)});
  CREATE INDEX jobs_by_state ON ${s}.jobs (state, id);
  CREATE INDEX jobs_by_key ON ${s}.jobs (record_key, id);

  CREATE TABLE ${s}.links (
    entity text NOT NULL,
    clarity_id text NOT NULL,
    dataverse_table text NOT NULL,
    dataverse_id text NOT NULL,
    hash_to_dataverse text,
    hash_to_clarity text,
    snapshot jsonb,
    clarity_version bigint,
    dataverse_version text,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (entity, clarity_id),
    CONSTRAINT links_by_dataverse UNIQUE (entity, dataverse_id)
  );

  CREATE TABLE ${s}.conflicts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity text NOT NULL,
    clarity_id text NOT NULL,
    dataverse_id text NOT NULL,
    field text NOT NULL,
    clarity_value jsonb NOT NULL,
    dataverse_value jsonb NOT NULL,
    resolution text NOT NULL,
    at timestamptz NOT NULL
  );
  CREATE INDEX conflicts_recent ON ${s}.conflicts (at, id);
  `,
  (s) => `
  CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
    name text PRIMARY KEY,
    value jsonb NOT NULL,
    updated_at timestamptz NOT NULL
  );
  `,
];

export const createMigrationsTable = (s: string) => `
  CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
