/** SQLite statements. Named parameters (`@now`) are bound by better-sqlite3; times are epoch ms. */
import { sqlStates, statesFor, UNFINISHED_STATES } from './job-states';

const unfinished = sqlStates(UNFINISHED_STATES);
const running = sqlStates(statesFor('complete'));
const dead = sqlStates(statesFor('retryDead'));

export const Q = {
  enqueue: `
    INSERT INTO jobs (kind, record_key, idempotency_key, source, payload, state, attempts, run_after, created_at, updated_at)
    VALUES (@kind, @recordKey, @idempotencyKey, @source, @payload, 'queued', 0, @runAfter, @now, @now)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`,
  idByIdempotencyKey: `SELECT id FROM jobs WHERE idempotency_key = ?`,

  // The head of each record key (no older unfinished job), runnable now, and no other job of the key holding a
  // live lease (a redriven dead job is older than a job that may still be running). Lease takeover of a
  // crashed worker's job is the `running` branch.
  claim: `
    UPDATE jobs
    SET state = 'running', lease_owner = @owner, lease_until = @leaseUntil, attempts = attempts + 1, updated_at = @now
    WHERE id IN (
      SELECT j.id FROM jobs j
      WHERE j.state IN (${unfinished})
        AND ((j.state IN ('queued', 'retry') AND j.run_after <= @now) OR (j.state = 'running' AND j.lease_until < @now))
        AND NOT EXISTS (SELECT 1 FROM jobs e WHERE e.record_key = j.record_key AND e.state IN (${unfinished}) AND e.id < j.id)
        AND NOT EXISTS (
          SELECT 1 FROM jobs r WHERE r.record_key = j.record_key AND r.state = 'running' AND r.lease_until >= @now AND r.id <> j.id)
      ORDER BY j.id
      LIMIT @limit)
    RETURNING *`,

  heartbeat: `
    UPDATE jobs SET lease_until = @leaseUntil, updated_at = @now
    WHERE id = @id AND lease_owner = @owner AND state IN (${running})`,
  finish: `
    UPDATE jobs SET state = @state, outcome = @outcome, lease_owner = NULL, lease_until = NULL, updated_at = @now
    WHERE id = @id AND lease_owner = @owner AND state IN (${running})`,
  fail: `
    UPDATE jobs
    SET state = @state, run_after = COALESCE(@retryAt, run_after), last_error = @error,
        lease_owner = NULL, lease_until = NULL, updated_at = @now
    WHERE id = @id AND lease_owner = @owner AND state IN (${running})`,

  get: `SELECT * FROM jobs WHERE id = ?`,
  counts: `SELECT state, COUNT(*) AS n FROM jobs GROUP BY state`,

  editPayload: `UPDATE jobs SET payload = @payload, updated_at = @now WHERE id = @id AND state IN (${dead}) RETURNING *`,
  // A redriven job gets a fresh attempt budget: the retry policy counts attempts, and the operator fixed the cause.
  retryDead: `
    UPDATE jobs SET state = 'queued', attempts = 0, run_after = @now, lease_owner = NULL, lease_until = NULL, updated_at = @now
    WHERE id = @id AND state IN (${dead}) RETURNING *`,
  discard: `UPDATE jobs SET state = 'discarded', updated_at = @now WHERE id = @id AND state IN (${dead}) RETURNING *`,

  linkByClarity: `SELECT * FROM links WHERE entity = ? AND clarity_id = ?`,
  linkByDataverse: `SELECT * FROM links WHERE entity = ? AND dataverse_id = ?`,
  saveLink: `
    INSERT INTO links (entity, clarity_id, dataverse_table, dataverse_id, hash_to_dataverse, hash_to_clarity, snapshot,
                       clarity_version, dataverse_version, updated_at)
    VALUES (@entity, @clarityId, @dataverseTable, @dataverseId, @hashToDataverse, @hashToClarity, @snapshot,
            @clarityVersion, @dataverseVersion, @now)
    ON CONFLICT (entity, clarity_id) DO UPDATE SET
      dataverse_table = excluded.dataverse_table, dataverse_id = excluded.dataverse_id,
      hash_to_dataverse = excluded.hash_to_dataverse, hash_to_clarity = excluded.hash_to_clarity,
      snapshot = excluded.snapshot, clarity_version = excluded.clarity_version,
      dataverse_version = excluded.dataverse_version, updated_at = excluded.updated_at
    RETURNING *`,
  removeLink: `DELETE FROM links WHERE entity = ? AND clarity_id = ?`,

  recordConflict: `
    INSERT INTO conflicts (entity, clarity_id, dataverse_id, field, clarity_value, dataverse_value, resolution, at)
    VALUES (@entity, @clarityId, @dataverseId, @field, @clarityValue, @dataverseValue, @resolution, @at)`,
  recentConflicts: `SELECT * FROM conflicts ORDER BY at DESC, id DESC LIMIT ?`,

  getCheckpoint: `SELECT value FROM checkpoints WHERE name = ?`,
  setCheckpoint: `
    INSERT INTO checkpoints (name, value, updated_at) VALUES (@name, @value, @now)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
} as const;
