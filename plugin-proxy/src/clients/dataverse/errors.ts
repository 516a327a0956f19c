/** Dataverse error responses → ConnectorError (dataverse-webapi.md §4.1–4.4). */
import { ConnectorError } from '../../errors';
import { parseJson, parseRetryAfter } from '../shared/http';

export interface DataverseErrorBody {
  code: string;
  message: string;
}

/** `{"error":{"code","message"}}`; `code` is often "" or "0x0" and says nothing about the status (§4.1). */
export function readErrorBody(text: string): DataverseErrorBody | undefined {
  const error = (parseJson(text) as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!error || typeof error !== 'object') return undefined;
  return { code: typeof error.code === 'string' ? error.code : '', message: typeof error.message === 'string' ? error.message : '' };
}

export function dataverseError(status: number, headers: Record<string, string>, body: DataverseErrorBody | undefined, label: string): ConnectorError {
  const upstreamCode = body?.code || undefined;
  const text = `Dataverse ${label} → ${status}${upstreamCode ? ` ${upstreamCode}` : ''}: ${body?.message || '(no message)'}`;
  const base = { upstreamStatus: status, upstreamCode };
  if (status === 429) {
    // Service protection (§4.4): Retry-After in seconds; the body names which limit (0x80072322/21/26).
    return new ConnectorError('CONNECTOR_ERR_THROTTLED', text, { ...base, classification: 'throttled', retryAfterSec: parseRetryAfter(headers['retry-after']) ?? 1 });
  }
  if (status === 401 || status === 403) return new ConnectorError('CONNECTOR_ERR_AUTH', text, { ...base, classification: 'auth' });
  if (status === 404) return new ConnectorError('CONNECTOR_ERR_NOT_FOUND', text, { ...base, classification: 'validation' });
  // 412: ETag mismatch (ConcurrencyVersionMismatch) or a duplicate alternate key on create (§2.4, §2.5).
  if (status === 412 || status === 409) return new ConnectorError('CONNECTOR_ERR_UPSTREAM_CONFLICT', text, { ...base, classification: 'conflict' });
  if ((status >= 500 && status !== 501) || status === 408) {
    return new ConnectorError('CONNECTOR_ERR_TRANSIENT', text, { ...base, classification: 'transient', retryAfterSec: parseRetryAfter(headers['retry-after']) });
  }
  // 400 (validation 0x80044331, bad payload, bad key), 405, 413, 501: the same request fails again (§4.2).
  if (status >= 400) return new ConnectorError('CONNECTOR_ERR_VALIDATION', text, { ...base, classification: 'validation' });
  return new ConnectorError('CONNECTOR_ERR_INTERNAL', `Dataverse ${label} → unexpected status ${status}`, { ...base, classification: 'internal' });
}
