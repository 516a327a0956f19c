/**
 * PostgreSQL statements for one schema. `s` is the quoted schema identifier; values are always `$n`
 * parameters. Times come from the store's clock (parameters), never from now(), so tests can move time.
 */
import { sqlStates, statesFor, UNFINISHED_STATES } from './job-states';

const unfinished = sqlStates(UNFINISHED_STATES);
const running = sqlStates(statesFor('complete'));
const dead = sqlStates(statesFor('retryDead'));

/** Head of its record key, runnable at `now`, and no other job of the key holds a live lease. */
const claimable = (s: string, now: string) => `
  j.state IN (${unfinished})
  AND ((j.state IN ('queued', 'retry') AND j.run_after <= ${now}) OR (j.state = 'running' AND j.lease_until < ${now}))
  AND NOT EXISTS (SELECT 1 FROM ${s}.jobs e WHERE e.record_key = j.record_key AND e.state IN (${unfinished}) AND e.id < j.id)
  AND NOT EXISTS (
    SELECT 1 FROM ${s}.jobs r WHERE r.record_key = j.record_key AND r.state = 'running' AND r.lease_until >= ${now} AND r.id <> j.id)`;

/** Per-record-key advisory lock; `ns` names this schema's key space so two schemas never contend. */
const keyLock = (fn: string, ns: string, key: string) => `${fn}(hashtext(${ns}), hashtext(${key}))`;

export function postgresQueries(s: string) {
  return {
    // The key lock is taken before the identity is drawn, and held until commit: a later job of the same key
    // gets a larger id only after the earlier one is visible, so a claim can never see job 6 of a key
    // without job 5 and run them out of order.
    enqueue: `
      INSERT INTO ${s}.jobs (kind, record_key, idempotency_key, source, payload, state, attempts, run_after, created_at, updated_at)
      SELECT $1::text, $2::text, $3::text, $4::text, $5::jsonb, 'queued', 0, $6::timestamptz, $7::timestamptz, $7::timestamptz
      FROM (SELECT ${keyLock('pg_advisory_xact_lock', '$8', '$2')}) AS key_lock
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id`,
    idByIdempotencyKey: `SELECT id FROM ${s}.jobs WHERE idempotency_key = $1`,

    /** Claim step 1: candidate heads, skipping rows another claimer is taking right now. $1 now, $2 limit. */
    claimCandidates: `
      SELECT j.id, j.record_key FROM ${s}.jobs j
      WHERE ${claimable(s, '$1')}
      ORDER BY j.id LIMIT $2
      FOR UPDATE OF j SKIP LOCKED`,
    /** Claim step 2: the keys whose advisory lock we got (others are busy being claimed, enqueued or redriven). */
    lockKeys: `SELECT k FROM unnest($1::text[]) AS k WHERE ${keyLock('pg_try_advisory_xact_lock', '$2', 'k')}`,
    /**
     * Claim step 3, a new statement and so a new snapshot taken after the key locks: re-check each candidate
     * against everything committed by claimers and redrives that held those keys before us.
     */
    claimUpdate: `
      UPDATE ${s}.jobs j
      SET state = 'running', lease_owner = $3, lease_until = $4, attempts = j.attempts + 1, updated_at = $1
      WHERE j.id = ANY($2::bigint[]) AND ${claimable(s, '$1')}
      RETURNING j.*`,

    heartbeat: `
      UPDATE ${s}.jobs SET lease_until = $3, updated_at = $4
      WHERE id = $1 AND lease_owner = $2 AND state IN (${running})`,
    finish: `
      UPDATE ${s}.jobs SET state = $3, outcome = $4, lease_owner = NULL, lease_until = NULL, updated_at = $5
      WHERE id = $1 AND lease_owner = $2 AND state IN (${running})`,
    fail: `
      UPDATE ${s}.jobs
      SET state = $3, run_after = COALESCE($4, run_after), last_error = $5::jsonb,
          lease_owner = NULL, lease_until = NULL, updated_at = $6
      WHERE id = $1 AND lease_owner = $2 AND state IN (${running})`,

    get: `SELECT * FROM ${s}.jobs WHERE id = $1`,
    counts: `SELECT state, count(*)::int AS n FROM ${s}.jobs GROUP BY state`,
    list: (where: string) => `SELECT * FROM ${s}.jobs ${where} ORDER BY id LIMIT $1`,

    editPayload: `UPDATE ${s}.jobs SET payload = $2::jsonb, updated_at = $3 WHERE id = $1 AND state IN (${dead}) RETURNING *`,
    /** Redrive under the key lock, so no claim is between its check and its commit for this key. */
    lockKeyOfJob: `SELECT ${keyLock('pg_advisory_xact_lock', '$2', 'record_key')} FROM ${s}.jobs WHERE id = $1`,
    // A redriven job gets a fresh attempt budget: the retry policy counts attempts, and the operator fixed the cause.
    retryDead: `
      UPDATE ${s}.jobs SET state = 'queued', attempts = 0, run_after = $2, lease_owner = NULL, lease_until = NULL, updated_at = $2
      WHERE id = $1 AND state IN (${dead}) RETURNING *`,
    discard: `UPDATE ${s}.jobs SET state = 'discarded', updated_at = $2 WHERE id = $1 AND state IN (${dead}) RETURNING *`,

    linkByClarity: `SELECT * FROM ${s}.links WHERE entity = $1 AND clarity_id = $2`,
    linkByDataverse: `SELECT * FROM ${s}.links WHERE entity = $1 AND dataverse_id = $2`,
    saveLink: `
      INSERT INTO ${s}.links (entity, clarity_id, dataverse_table, dataverse_id, hash_to_dataverse, hash_to_clarity, snapshot,
                              clarity_version, dataverse_version, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
      ON CONFLICT (entity, clarity_id) DO UPDATE SET
        dataverse_table = excluded.dataverse_table, dataverse_id = excluded.dataverse_id,
        hash_to_dataverse = excluded.hash_to_dataverse, hash_to_clarity = excluded.hash_to_clarity,
        snapshot = excluded.snapshot, clarity_version = excluded.clarity_version,
        dataverse_version = excluded.dataverse_version, updated_at = excluded.updated_at
      RETURNING *`,
    removeLink: `DELETE FROM ${s}.links WHERE entity = $1 AND clarity_id = $2`,

    recordConflict: `
      INSERT INTO ${s}.conflicts (entity, clarity_id, dataverse_id, field, clarity_value, dataverse_value, resolution, at)
      VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
    recentConflicts: `SELECT * FROM ${s}.conflicts ORDER BY at DESC, id DESC LIMIT $1`,

    getCheckpoint: `SELECT value FROM ${s}.checkpoints WHERE name = $1`,
    setCheckpoint: `
      INSERT INTO ${s}.checkpoints (name, value, updated_at) VALUES ($1, $2::jsonb, $3)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  };
}

export type PostgresQueries = ReturnType<typeof postgresQueries>;
