/**
 * The theoretical ceiling for one application user, from the emulator's service protection limits (spec §4.4,
 * scaled: requests per window, combined execution time per window, concurrent requests) and the shape of the
 * requests the client sent:
 *   ceiling records/s = records per write request × the request rate the three limits allow for requests of the
 *   mean execution time the emulator measured (ceilingRequestsPerSecond).
 * Reads spend the same budget but carry no record: they lower the share of the ceiling reached, never the
 * ceiling. The emulator's own counts are used (not the client's), since they are what the limits enforce.
 */
import { ceilingRequestsPerSecond, type ProtectionLimits } from '../../../sandbox/src/dataverse/limits';

export interface Ceiling {
  recordsPerSecond: number;
  requestsPerSecond: number;
  recordsPerWrite: number;
  meanRequestMs: number;
  /** The limit that sets the request rate. */
  bound: 'requests' | 'execution time' | 'concurrency';
}

export interface RequestShape {
  /** Records the run wrote. */
  records: number;
  /** Requests that wrote (the client's count: everything but GETs and `$batch`es of GETs). */
  writes: number;
  /** Requests the emulator admitted for this user during the run, and their combined execution time. */
  admitted: number;
  executionMs: number;
}

export function recordCeiling(limits: ProtectionLimits, shape: RequestShape): Ceiling {
  const meanRequestMs = shape.admitted > 0 ? shape.executionMs / shape.admitted : 0;
  const windowSec = limits.windowMs / 1000;
  const rates = {
    requests: limits.maxRequests / windowSec,
    'execution time': meanRequestMs > 0 ? limits.maxExecutionMs / meanRequestMs / windowSec : Infinity,
    concurrency: meanRequestMs > 0 ? (limits.maxConcurrent * 1000) / meanRequestMs : Infinity,
  };
  const bound = (Object.keys(rates) as Ceiling['bound'][]).reduce((a, b) => (rates[b] < rates[a] ? b : a));
  const requestsPerSecond = ceilingRequestsPerSecond(limits, meanRequestMs > 0 ? meanRequestMs : undefined);
  const recordsPerWrite = shape.records / Math.max(1, shape.writes);
  return { recordsPerSecond: requestsPerSecond * recordsPerWrite, requestsPerSecond, recordsPerWrite, meanRequestMs, bound };
}
