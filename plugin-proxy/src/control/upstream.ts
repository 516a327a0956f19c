/**
 * The controls must never hang on a slow Clarity: each read gets one deadline for all its Clarity calls, and
 * any failure behind it (timeout, 5xx, throttling, network) becomes 503 CONNECTOR_ERR_TRANSIENT "Clarity
 * unavailable", which the controls show as such. A 404 stays a 404.
 */
import { ConnectorError } from '../errors';

export async function withDeadline<T>(system: 'Clarity' | 'Dataverse', timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new ConnectorError('CONNECTOR_ERR_TRANSIENT', `${system} unavailable: no answer within ${timeoutMs} ms`);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late), timeoutMs);
  });
  const running = work();
  running.catch(() => undefined); // a late failure after the deadline must not become an unhandled rejection
  try {
    return await Promise.race([running, deadline]);
  } catch (err) {
    if (err === late) throw err;
    if (err instanceof ConnectorError && (err.code === 'CONNECTOR_ERR_NOT_FOUND' || err.code === 'CONNECTOR_ERR_MALFORMED')) throw err;
    const why = err instanceof ConnectorError ? (err.details.upstreamStatus ? `HTTP ${err.details.upstreamStatus}` : err.code) : 'network error';
    throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', `${system} unavailable (${why}); try again shortly`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
