/**
 * Dead-letter operations only apply to the states the job state table allows (store/job-states.ts). Checked
 * here too so the answer is a clear 404/409 whatever the store implementation says; the store's own guard still
 * protects against a concurrent change between this read and the write.
 */
import { ConnectorError } from '../errors';
import { statesFor, type JobOperation } from '../store/job-states';
import type { Job, Store } from '../store/types';

export async function requireJobFor(store: Store, id: string, op: JobOperation, verb: string): Promise<Job> {
  const job = await store.jobs.get(id);
  if (!job) throw new ConnectorError('CONNECTOR_ERR_NOT_FOUND', `Job ${id} does not exist`);
  const allowed = statesFor(op);
  if (!allowed.includes(job.state)) {
    throw new ConnectorError('CONNECTOR_ERR_CONFLICT', `Cannot ${verb} job ${id}: it is ${job.state}; only ${allowed.join('/')} jobs can be`);
  }
  return job;
}
