/**
 * A resync goes through the queue like any other change to the record, under the record's ordering key, so it
 * never races a webhook for the same person; the route then waits (bounded) for that job to finish.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JOB_KINDS, recordKeys } from '../flows/keys';
import { enqueueOrFail, storeRead } from '../intake/enqueue';
import type { Job, JobError } from '../store/types';
import { requireGrant } from './auth';
import type { RouteDeps } from './deps';
import { parseOr400, recordParams } from './params';

const DEFAULT_WAIT_MS = 20_000;
const POLL_MS = 100;

export interface ResyncResult {
  outcome: 'done' | 'skipped' | 'failed' | 'pending';
  note: string;
  jobId: string;
  error?: { code: string; message: string };
}

function resultOf(job: Job): ResyncResult | undefined {
  const base = { jobId: job.id, note: job.outcome ?? '' };
  switch (job.state) {
    case 'done':
      return { ...base, outcome: 'done' };
    case 'skipped':
      return { ...base, outcome: 'skipped' };
    case 'dead':
    case 'discarded':
      return { ...base, outcome: 'failed', note: job.outcome ?? 'the resync failed', error: errorOf(job.lastError) };
    default:
      return undefined;
  }
}

const errorOf = (e: JobError | null) => (e ? { code: e.code, message: e.message } : { code: 'CONNECTOR_ERR_INTERNAL', message: 'unknown failure' });

export async function runResync(deps: RouteDeps, req: FastifyRequest, reply: FastifyReply, table: 'contact' | 'account'): Promise<ResyncResult> {
  requireGrant(req, deps.config.CONTROL_RESYNC_ROLE);
  const { id } = parseOr400(recordParams, req.params, `${table} id`);
  const entity = table === 'contact' ? 'customer' : 'company';
  const link = await storeRead(() => deps.store.links.byDataverse(entity, id));
  const recordKey = link ? (table === 'contact' ? recordKeys.customer(link.clarityId) : recordKeys.company(link.clarityId)) : recordKeys.dataverse(table, id);
  const { id: jobId } = await enqueueOrFail(deps.store.jobs, {
    kind: table === 'contact' ? JOB_KINDS.resyncContact : JOB_KINDS.resyncAccount,
    recordKey,
    idempotencyKey: `resync:${table}:${id}:${randomUUID()}`,
    source: 'resync',
    payload: { table, id, requestedBy: typeof req.controlClaims?.oid === 'string' ? req.controlClaims.oid : undefined },
  });
  // What the controls showed for this record is stale once the resync ran.
  deps.cache.clear();
  const deadline = Date.now() + (deps.resyncWaitMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    const job = await storeRead(() => deps.store.jobs.get(jobId));
    const result = job && resultOf(job);
    if (result) {
      deps.cache.clear();
      return result;
    }
    if (Date.now() >= deadline) {
      const retrying = job?.state === 'retry' && job.lastError ? { error: errorOf(job.lastError) } : {};
      void reply.status(202);
      return { outcome: 'pending', jobId, note: `the resync is still ${job?.state === 'retry' ? 'retrying' : 'queued or running'}; it will finish in the background`, ...retrying };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
