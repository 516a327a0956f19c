/** Dataverse service protection limits, per user and per web server (spec §4.4, LIMITS). */
export interface ProtectionLimits {
  /** Sliding window length: 300 s. */
  windowMs: number;
  /** Requests per window: 6,000. */
  maxRequests: number;
  /** Combined execution time per window: 1,200,000 ms (20 minutes). */
  maxExecutionMs: number;
  /** Requests in flight at once: 52; this one trips immediately. */
  maxConcurrent: number;
}

export const DATAVERSE_LIMITS: Readonly<ProtectionLimits> = Object.freeze({
  windowMs: 300_000,
  maxRequests: 6000,
  maxExecutionMs: 1_200_000,
  maxConcurrent: 52,
});

export type LimitKind = 'requests' | 'time' | 'concurrency';

/**
 * The same limits over a shorter window, for tests and benchmarks: window, request count and execution time
 * shrink by `factor` (so the sustained rates stay those of the real service); concurrency is an instantaneous
 * limit and stays as it is unless overridden.
 */
export function scaledLimits(factor: number, overrides: Partial<ProtectionLimits> = {}): ProtectionLimits {
  if (!(factor > 0 && factor <= 1)) throw new RangeError(`scaledLimits: factor must be in (0, 1], got ${factor}`);
  const base = DATAVERSE_LIMITS;
  return {
    windowMs: Math.max(1, Math.round(base.windowMs * factor)),
    maxRequests: Math.max(1, Math.round(base.maxRequests * factor)),
    maxExecutionMs: Math.max(1, Math.round(base.maxExecutionMs * factor)),
    maxConcurrent: base.maxConcurrent,
    ...overrides,
  };
}

/**
 * The highest request rate one user can sustain without a 429. Without a request duration only the request
 * count binds (20/s for the real limits); with `avgRequestMs` the concurrency and execution-time limits can
 * bind first (52 in flight, and 1,200,000 ms per 300 s = 4 requests' worth of time in flight on average).
 */
export function ceilingRequestsPerSecond(limits: ProtectionLimits = DATAVERSE_LIMITS, avgRequestMs?: number): number {
  const windowSec = limits.windowMs / 1000;
  const byCount = limits.maxRequests / windowSec;
  if (avgRequestMs === undefined || avgRequestMs <= 0) return byCount;
  const byConcurrency = (limits.maxConcurrent * 1000) / avgRequestMs;
  const byTime = limits.maxExecutionMs / avgRequestMs / windowSec;
  return Math.min(byCount, byConcurrency, byTime);
}

const seconds = (ms: number) => String(Number((ms / 1000).toFixed(3)));

/** Error codes and messages of LIMITS as listed in spec §4.3, numbers substituted. */
export function limitError(kind: LimitKind, limits: ProtectionLimits): { code: string; message: string } {
  switch (kind) {
    case 'requests':
      return {
        code: '0x80072322',
        message: `Number of requests exceeded the limit of ${limits.maxRequests} over time window of ${seconds(limits.windowMs)} seconds.`,
      };
    case 'time':
      // Two spaces before "milliseconds", as in the documented message.
      return {
        code: '0x80072321',
        message: `Combined execution time of incoming requests exceeded limit of ${limits.maxExecutionMs.toLocaleString('en-US')}  milliseconds over time window of ${seconds(limits.windowMs)} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
      };
    case 'concurrency':
      return { code: '0x80072326', message: `Number of concurrent requests exceeded the limit of ${limits.maxConcurrent}.` };
  }
}
