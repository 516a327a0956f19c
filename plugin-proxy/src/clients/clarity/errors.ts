/** Clarity problem+json responses → ConnectorError (clarity-api.md §4.10). */
import { ConnectorError } from '../../errors';
import { parseJson, parseRetryAfter } from '../shared/http';
import type { Problem } from './types';

/** 409 codes that clear on their own (a concurrent write, our own request still in flight, §4.11). */
const RETRYABLE_409 = new Set(['conflict', 'idempotency_in_progress']);

export function readProblem(text: string): Problem | undefined {
  const body = parseJson(text);
  return body && typeof body === 'object' ? (body as Problem) : undefined;
}

/** The message names every invalid field so the dead-letter view says what to fix. */
function describe(p: Problem | undefined): string {
  const head = p?.detail ?? p?.title ?? '(no detail)';
  const fields = (p?.errors ?? []).map((e) => `${e.field}: ${e.message} (${e.code})`);
  return fields.length ? `${head} ${fields.join('; ')}` : head;
}

export function clarityError(status: number, headers: Record<string, string>, p: Problem | undefined, label: string): ConnectorError {
  const upstreamCode = p?.code;
  const requestId = p?.requestId ?? headers['x-request-id'];
  const text = `Clarity ${label} → ${status}${upstreamCode ? ` ${upstreamCode}` : ''}: ${describe(p)}${requestId ? ` [${requestId}]` : ''}`;
  const base = { upstreamStatus: status, upstreamCode };
  const retryAfterSec = parseRetryAfter(headers['retry-after']);
  if (status === 429) return new ConnectorError('CONNECTOR_ERR_THROTTLED', text, { ...base, classification: 'throttled', retryAfterSec: retryAfterSec ?? 1 });
  if (status === 401 || status === 403) return new ConnectorError('CONNECTOR_ERR_AUTH', text, { ...base, classification: 'auth' });
  if (status === 404) return new ConnectorError('CONNECTOR_ERR_NOT_FOUND', text, { ...base, classification: 'validation' });
  if (status === 412 || (status === 409 && RETRYABLE_409.has(upstreamCode ?? 'conflict'))) {
    return new ConnectorError('CONNECTOR_ERR_UPSTREAM_CONFLICT', text, { ...base, classification: 'conflict', retryAfterSec });
  }
  if (status >= 500 || status === 408) return new ConnectorError('CONNECTOR_ERR_TRANSIENT', text, { ...base, classification: 'transient', retryAfterSec });
  // 400, 409 duplicate_email / invalid_status_transition, 413, 415, 422: the same request fails again.
  if (status >= 400) return new ConnectorError('CONNECTOR_ERR_VALIDATION', text, { ...base, classification: 'validation' });
  return new ConnectorError('CONNECTOR_ERR_INTERNAL', `Clarity ${label} → unexpected status ${status}`, { ...base, classification: 'internal' });
}
