/**
 * The connector's one retry policy (style.md practice 4): every worker asks this module whether a failed job
 * runs again and when. Nothing else decides; the API clients never retry on their own (a 401 token refresh
 * is authentication, not a retry of the job).
 */
import { ConnectorError, type ErrorClass, type ErrorCode } from '../errors';
import { isNetworkError } from './network';

export interface RetryPolicy {
  /** First backoff ceiling; the ceiling doubles per attempt (full jitter picks uniformly below it). */
  readonly baseMs: number;
  /** Largest backoff ceiling. */
  readonly capMs: number;
  /** Total attempts (the first try included) for transient failures. */
  readonly maxAttempts: number;
  /** Total attempts for internal errors (a bug rarely heals; a few tries cover races in our own code). */
  readonly internalMaxAttempts: number;
  /** Total attempts for upstream conflicts (ETag/version mismatch, duplicate-key race): re-read and retry quickly. */
  readonly conflictMaxAttempts: number;
  /** Backoff ceiling base for conflicts (they clear as soon as the job re-reads). */
  readonly conflictBaseMs: number;
  /** Wait used when a 429 carries no Retry-After. */
  readonly throttledFallbackMs: number;
  /** Total time one job may spend waiting on 429s before it is dead-lettered: generous on purpose. */
  readonly maxThrottledWaitMs: number;
}

/**
 * Defaults. Base 500 ms is the Clarity contract's own recommendation (clarity-api.md §4.9). Cap 5 min equals
 * one Dataverse service-protection window (dataverse-webapi.md §4.4): waiting longer than a window buys
 * nothing from the platform. Ten attempts make the ceilings 0.5 s, 1 s, … 256 s: about 8.5 minutes of
 * ceiling in total (about half of that on average with full jitter), which rides out a restart, a failover or
 * a brief network partition; anything longer is an outage an operator should see in the dead-letter queue
 * and redrive, rather than jobs retrying silently for hours. Throttling is different: a 429 is the platform
 * asking us to slow down, not a failure, so it has its own budget of six hours of waiting and never uses up
 * the attempts above.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  baseMs: 500,
  capMs: 5 * 60_000,
  maxAttempts: 10,
  internalMaxAttempts: 3,
  conflictMaxAttempts: 4,
  conflictBaseMs: 100,
  throttledFallbackMs: 5_000,
  maxThrottledWaitMs: 6 * 60 * 60_000,
});

export type RetryDecision =
  /** `consumesAttempt: false` (throttled): the job layer must not count this try against `attempt`. */
  | { retry: true; delayMs: number; consumesAttempt: boolean; errorClass: ErrorClass }
  | { retry: false; reason: string; errorClass: ErrorClass };

const CLASS_OF_CODE: Record<ErrorCode, ErrorClass> = {
  CONNECTOR_ERR_CONFIG: 'validation',
  CONNECTOR_ERR_BAD_SIGNATURE: 'auth',
  CONNECTOR_ERR_UNAUTHORIZED: 'auth',
  CONNECTOR_ERR_FORBIDDEN: 'auth',
  CONNECTOR_ERR_MALFORMED: 'validation',
  CONNECTOR_ERR_TOO_LARGE: 'validation',
  CONNECTOR_ERR_NOT_FOUND: 'validation',
  CONNECTOR_ERR_CONFLICT: 'validation',
  CONNECTOR_ERR_MAPPING: 'validation',
  CONNECTOR_ERR_VALIDATION: 'validation',
  CONNECTOR_ERR_TRANSIENT: 'transient',
  CONNECTOR_ERR_THROTTLED: 'throttled',
  CONNECTOR_ERR_AUTH: 'auth',
  CONNECTOR_ERR_UPSTREAM_CONFLICT: 'conflict',
  CONNECTOR_ERR_STORE: 'transient',
  CONNECTOR_ERR_INTERNAL: 'internal',
};

/** ConnectorError → its classification (or its code's); network errors and timeouts → transient; else internal. */
export function classify(err: unknown): ErrorClass {
  if (err instanceof ConnectorError) return err.details.classification ?? CLASS_OF_CODE[err.code];
  if (isNetworkError(err)) return 'transient';
  return 'internal';
}

/** Full jitter (AWS architecture blog "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2^n)). */
function fullJitter(random: () => number, baseMs: number, capMs: number, n: number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** n));
}

function retryAfterMs(err: unknown): number {
  const sec = err instanceof ConnectorError ? err.details.retryAfterSec : undefined;
  return sec !== undefined && Number.isFinite(sec) && sec > 0 ? Math.ceil(sec * 1000) : 0;
}

/**
 * Decides what happens after a failed attempt.
 * @param attempt zero-based index of the attempt that just failed, counting only attempts that consumed
 *   the budget (0 after the first try). Throttled tries do not consume it.
 * @param throttledWaitMs total delay this job has already spent waiting on throttling (for the separate cap).
 */
export function nextAttempt(
  err: unknown,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
  throttledWaitMs = 0,
): RetryDecision {
  const errorClass = classify(err);
  const floorMs = retryAfterMs(err);
  const within = (max: number) => attempt + 1 < max;
  const retry = (delayMs: number, consumesAttempt = true): RetryDecision => ({
    retry: true, delayMs: Math.max(floorMs, delayMs), consumesAttempt, errorClass,
  });
  const stop = (reason: string): RetryDecision => ({ retry: false, reason, errorClass });

  switch (errorClass) {
    case 'validation':
      return stop('validation error: retrying cannot change the outcome');
    case 'auth':
      return stop('authentication or authorisation failed: needs an operator (credentials, consent, role)');
    case 'throttled': {
      // Retry-After plus up to one base of jitter, so jobs released by the same 429 do not return together.
      const wait = (floorMs || policy.throttledFallbackMs) + Math.floor(random() * policy.baseMs);
      if (throttledWaitMs + wait > policy.maxThrottledWaitMs) {
        return stop(`throttled for more than ${Math.round(policy.maxThrottledWaitMs / 60_000)} minutes in total`);
      }
      return retry(wait, false);
    }
    case 'conflict':
      return within(Math.min(policy.conflictMaxAttempts, policy.maxAttempts))
        ? retry(fullJitter(random, policy.conflictBaseMs, policy.capMs, attempt))
        : stop(`conflict persisted after ${attempt + 1} attempts`);
    case 'transient':
      return within(policy.maxAttempts)
        ? retry(fullJitter(random, policy.baseMs, policy.capMs, attempt))
        : stop(`transient failure persisted after ${attempt + 1} attempts`);
    case 'internal':
      return within(Math.min(policy.internalMaxAttempts, policy.maxAttempts))
        ? retry(fullJitter(random, policy.baseMs, policy.capMs, attempt))
        : stop(`internal error persisted after ${attempt + 1} attempts`);
  }
}
