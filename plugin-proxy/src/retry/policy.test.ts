import { ConnectorError } from '../errors';
import { DEFAULT_RETRY_POLICY as P, classify, nextAttempt } from './policy';

const err = (code: ConstructorParameters<typeof ConnectorError>[0], details: ConstructorParameters<typeof ConnectorError>[2] = {}) =>
  new ConnectorError(code, 'x', details);
const one = () => 0.999999;
const half = () => 0.5;

describe('classify', () => {
  it('takes a ConnectorError’s classification, else the class of its code', () => {
    expect(classify(err('CONNECTOR_ERR_TRANSIENT', { classification: 'conflict' }))).toBe('conflict');
    expect(classify(err('CONNECTOR_ERR_THROTTLED'))).toBe('throttled');
    expect(classify(err('CONNECTOR_ERR_VALIDATION'))).toBe('validation');
    expect(classify(err('CONNECTOR_ERR_NOT_FOUND'))).toBe('validation');
    expect(classify(err('CONNECTOR_ERR_AUTH'))).toBe('auth');
    expect(classify(err('CONNECTOR_ERR_UPSTREAM_CONFLICT'))).toBe('conflict');
    expect(classify(err('CONNECTOR_ERR_STORE'))).toBe('transient');
    expect(classify(err('CONNECTOR_ERR_INTERNAL'))).toBe('internal');
  });

  it('treats network errors and timeouts as transient, wherever they sit in the cause chain', () => {
    expect(classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('transient');
    expect(classify(Object.assign(new Error('closed'), { code: 'UND_ERR_SOCKET' }))).toBe('transient');
    expect(classify(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe('transient');
    expect(classify(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('transient');
  });

  it('treats anything else as internal', () => {
    expect(classify(new TypeError('undefined is not a function'))).toBe('internal');
    expect(classify(Object.assign(new Error('bad arg'), { code: 'UND_ERR_INVALID_ARG' }))).toBe('internal');
    expect(classify('a string')).toBe('internal');
    expect(classify(undefined)).toBe('internal');
  });
});

describe('nextAttempt', () => {
  it('transient: full jitter below min(cap, base·2^attempt), up to maxAttempts in total', () => {
    const seen: number[] = [];
    for (let a = 0; a < P.maxAttempts - 1; a++) {
      const d = nextAttempt(err('CONNECTOR_ERR_TRANSIENT'), a, P, one);
      expect(d).toMatchObject({ retry: true, consumesAttempt: true, errorClass: 'transient' });
      if (d.retry) seen.push(d.delayMs);
    }
    expect(seen).toEqual([499, 999, 1999, 3999, 7999, 15999, 31999, 63999, 127999]);
    expect(nextAttempt(err('CONNECTOR_ERR_TRANSIENT'), 20, { ...P, maxAttempts: 30 }, one)).toMatchObject({ delayMs: P.capMs - 1 });
    expect(nextAttempt(err('CONNECTOR_ERR_TRANSIENT'), 3, P, () => 0)).toMatchObject({ retry: true, delayMs: 0 });
    expect(nextAttempt(err('CONNECTOR_ERR_TRANSIENT'), P.maxAttempts - 1, P, half)).toMatchObject({ retry: false, reason: expect.stringContaining('10 attempts') });
  });

  it('network errors retry like transient ones', () => {
    expect(nextAttempt(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), 0, P, half)).toEqual({ retry: true, delayMs: 250, consumesAttempt: true, errorClass: 'transient' });
  });

  it('honours Retry-After as a floor on a transient 503', () => {
    expect(nextAttempt(err('CONNECTOR_ERR_TRANSIENT', { retryAfterSec: 7 }), 0, P, half)).toMatchObject({ retry: true, delayMs: 7000 });
  });

  it('validation and auth dead-letter at once', () => {
    expect(nextAttempt(err('CONNECTOR_ERR_VALIDATION'), 0, P, half)).toMatchObject({ retry: false, errorClass: 'validation' });
    expect(nextAttempt(err('CONNECTOR_ERR_NOT_FOUND'), 0, P, half)).toMatchObject({ retry: false, errorClass: 'validation' });
    expect(nextAttempt(err('CONNECTOR_ERR_AUTH'), 0, P, half)).toMatchObject({ retry: false, errorClass: 'auth' });
  });

  it('conflict retries a few times quickly, then stops', () => {
    const decisions = [0, 1, 2, 3].map((a) => nextAttempt(err('CONNECTOR_ERR_UPSTREAM_CONFLICT'), a, P, one));
    expect(decisions.map((d) => d.retry)).toEqual([true, true, true, false]);
    expect(decisions.slice(0, 3).map((d) => (d.retry ? d.delayMs : -1))).toEqual([99, 199, 399]);
  });

  it('throttled waits at least Retry-After, never consumes the attempt budget, however many 429s arrive', () => {
    const throttled = err('CONNECTOR_ERR_THROTTLED', { retryAfterSec: 30 });
    let waited = 0;
    for (let i = 0; i < 500; i++) {
      // The job layer keeps `attempt` where it was because consumesAttempt is false.
      const d = nextAttempt(throttled, P.maxAttempts - 1, P, half, waited);
      expect(d).toMatchObject({ retry: true, consumesAttempt: false, errorClass: 'throttled' });
      if (!d.retry) throw new Error('unreachable');
      expect(d.delayMs).toBeGreaterThanOrEqual(30_000);
      waited += d.delayMs;
    }
  });

  it('throttled without Retry-After uses the fallback; the separate generous cap ends a storm that never clears', () => {
    expect(nextAttempt(err('CONNECTOR_ERR_THROTTLED'), 0, P, () => 0)).toMatchObject({ retry: true, delayMs: P.throttledFallbackMs });
    const d = nextAttempt(err('CONNECTOR_ERR_THROTTLED', { retryAfterSec: 300 }), 0, P, half, P.maxThrottledWaitMs - 1000);
    expect(d).toMatchObject({ retry: false, errorClass: 'throttled', reason: expect.stringContaining('360 minutes') });
  });

  it('internal errors get a few tries, then dead-letter', () => {
    const decisions = [0, 1, 2].map((a) => nextAttempt(new Error('bug'), a, P, half));
    expect(decisions.map((d) => d.retry)).toEqual([true, true, false]);
  });
});
