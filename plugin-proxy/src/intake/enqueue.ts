/**
 * The one place intake writes to the queue. A store failure becomes CONNECTOR_ERR_STORE (503), so the sender
 * retries later: nothing is acknowledged that was not durably stored (design.md principle 1).
 */
import { ConnectorError } from '../errors';
import type { JobStore, NewJob } from '../store/types';

export async function enqueueOrFail(jobs: Pick<JobStore, 'enqueue'>, job: NewJob): Promise<{ id: string; duplicate: boolean }> {
  try {
    return await jobs.enqueue(job);
  } catch (err) {
    if (err instanceof ConnectorError && err.code === 'CONNECTOR_ERR_STORE') throw err;
    throw new ConnectorError('CONNECTOR_ERR_STORE', 'Could not store the event; retry later', { cause: err });
  }
}

/** Store reads on the intake path fail the same way (the sender retries). */
export async function storeRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ConnectorError) throw err;
    throw new ConnectorError('CONNECTOR_ERR_STORE', 'Could not read the connector database; retry later', { cause: err });
  }
}
