import { DATAVERSE_LIMITS, limitError } from './limits';

/**
 * Dataverse-shaped bodies for injected faults (spec §4.1): a 429 storm looks like the request-count
 * service protection error; 5xx use the generic `{"error":{"code","message"}}` shape.
 */
export function dataverseFaultBody(status: number): { error: { code: string; message: string } } {
  if (status === 429) return { error: limitError('requests', DATAVERSE_LIMITS) };
  const message =
    status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Timeout' : 'An unexpected error occurred.';
  return { error: { code: status === 500 ? '0x80040216' : '', message } };
}

export const DATAVERSE_ERROR_CONTENT_TYPE = 'application/json; odata.metadata=minimal';
