import type { Job, JobError } from '../../store/types';
import { JOB_KINDS } from '../keys';
import { SYNC_STATUS, type CustomerFlowDeps } from './deps';

/** The contact a customer-flow job is about, when it can be told without calling Clarity. */
async function contactOf(deps: CustomerFlowDeps, job: Job): Promise<string | undefined> {
  if (job.kind === JOB_KINDS.dataverseContact) return (job.payload as { id?: string }).id;
  if (job.kind !== JOB_KINDS.clarityCustomer) return undefined;
  const clarityId = job.recordKey.startsWith('customer:') ? job.recordKey.slice('customer:'.length) : undefined;
  const link = clarityId ? await deps.store.links.byClarity('customer', clarityId) : undefined;
  return link?.dataverseId;
}

/**
 * A dead-lettered customer job marks its contact (`clar_syncstatus` Error, `clar_syncerror` the reason), so a
 * sales rep sees on the form that this record is not in sync and an admin knows why. Best effort: the job is
 * already in the dead-letter queue whatever happens here.
 */
export async function markSyncError(deps: CustomerFlowDeps, job: Job, error: JobError): Promise<void> {
  try {
    const contactId = await contactOf(deps, job);
    if (!contactId) return;
    const message = `${error.code}: ${error.message}`.slice(0, 4000);
    await deps.dataverse.update('contacts', contactId, { clar_syncstatus: SYNC_STATUS.error, clar_syncerror: message }, { ifMatch: '*' });
  } catch (err) {
    deps.logger.warn({ err, jobId: job.id }, 'could not mark the contact as out of sync');
  }
}
