import { ceilingRequestsPerSecond, DATAVERSE_LIMITS, limitError, scaledLimits } from './limits';
import { UserUsage } from './usage';

describe('limits', () => {
  it('has the documented real values and messages (spec §4.3/§4.4)', () => {
    expect(DATAVERSE_LIMITS).toEqual({ windowMs: 300_000, maxRequests: 6000, maxExecutionMs: 1_200_000, maxConcurrent: 52 });
    expect(limitError('requests', DATAVERSE_LIMITS)).toEqual({ code: '0x80072322', message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.' });
    expect(limitError('time', DATAVERSE_LIMITS)).toEqual({
      code: '0x80072321',
      message:
        'Combined execution time of incoming requests exceeded limit of 1,200,000  milliseconds over time window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.',
    });
    expect(limitError('concurrency', DATAVERSE_LIMITS)).toEqual({ code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 52.' });
  });

  it('scales window and counts together, keeping the rates', () => {
    expect(scaledLimits(0.01)).toEqual({ windowMs: 3000, maxRequests: 60, maxExecutionMs: 12_000, maxConcurrent: 52 });
    expect(scaledLimits(0.01, { maxConcurrent: 3 }).maxConcurrent).toBe(3);
    expect(ceilingRequestsPerSecond(scaledLimits(0.01))).toBeCloseTo(ceilingRequestsPerSecond(DATAVERSE_LIMITS));
    expect(() => scaledLimits(2)).toThrow(RangeError);
  });

  it('computes the sustained ceiling: 20/s by count, lower when requests are slow', () => {
    expect(ceilingRequestsPerSecond()).toBe(20);
    expect(ceilingRequestsPerSecond(DATAVERSE_LIMITS, 100)).toBe(20);
    // 1,200,000 ms / 300 s = 4,000 ms of execution per second: 1 s requests cap at 4/s.
    expect(ceilingRequestsPerSecond(DATAVERSE_LIMITS, 1000)).toBe(4);
    expect(ceilingRequestsPerSecond({ ...DATAVERSE_LIMITS, maxConcurrent: 2 }, 1000)).toBe(2);
  });
});

describe('UserUsage (sliding window)', () => {
  const limits = { windowMs: 10_000, maxRequests: 100, maxExecutionMs: 5_000, maxConcurrent: 5 };
  const run = (u: UserUsage, t: number, ms = 0) => {
    const a = u.admit(t);
    if (a.ok) u.complete(t + ms, ms);
    return a;
  };

  it('never throttles a client pacing itself at exactly the limit', () => {
    const u = new UserUsage(limits);
    let rejected = 0;
    for (let i = 0; i < 1000; i++) if (!run(u, i * 100).ok) rejected++;
    expect(rejected).toBe(0);
  });

  it('throttles the request after the limit, with Retry-After until a slot frees', () => {
    const u = new UserUsage(limits);
    for (let i = 0; i < 100; i++) expect(run(u, 1000).ok).toBe(true);
    expect(run(u, 4000)).toEqual({ ok: false, kind: 'requests', retryAfterSec: 7 });
    expect(u.snapshot(4000)).toMatchObject({ requests: 100, rejected: { requests: 1 } });
    // The window slides: at 11,000 the first burst has left it.
    expect(run(u, 11_000).ok).toBe(true);
  });

  it('lengthens Retry-After under continued pressure and resets after an accepted request', () => {
    const big = { ...limits, windowMs: 300_000, maxRequests: 10 };
    const u = new UserUsage(big);
    for (let i = 0; i < 10; i++) run(u, 0);
    const waits = [0, 1, 2, 3].map(() => {
      const a = run(u, 299_000);
      return a.ok ? 0 : a.retryAfterSec;
    });
    expect(waits[0]).toBe(1);
    expect(waits.every((w, i) => i === 0 || w > (waits[i - 1] ?? 0))).toBe(true);
    expect(run(u, 299_000 + (waits[3] ?? 0) * 1000).ok).toBe(true);
    expect(u.snapshot(600_000).strikes).toBe(0);
  });

  it('trips the execution-time limit once the window holds more than the budget', () => {
    const u = new UserUsage(limits);
    expect(run(u, 0, 3000).ok).toBe(true);
    expect(run(u, 3000, 2500).ok).toBe(true);
    const a = run(u, 6000);
    expect(a).toMatchObject({ ok: false, kind: 'time' });
    // The first 3,000 ms completed at t=3000 and leaves the window at 13,000: wait 7 s.
    expect(a.ok ? 0 : a.retryAfterSec).toBe(7);
    expect(run(u, 13_001).ok).toBe(true);
  });

  it('keeps lifetime totals of admitted requests and their execution time after the window slides', () => {
    const u = new UserUsage(limits);
    expect(run(u, 0, 40).ok).toBe(true);
    expect(run(u, 50, 60).ok).toBe(true);
    for (let i = 0; i < 5; i++) u.admit(200);
    expect(u.admit(200).ok).toBe(false); // a rejected request is not counted
    for (let i = 0; i < 5; i++) u.complete(300, 100);
    expect(u.snapshot(60_000)).toMatchObject({ requests: 0, executionMs: 0, total: { requests: 7, executionMs: 600 } });
  });

  it('trips concurrency immediately and frees the slot on completion', () => {
    const u = new UserUsage(limits);
    for (let i = 0; i < 5; i++) expect(u.admit(0).ok).toBe(true);
    expect(u.admit(0)).toEqual({ ok: false, kind: 'concurrency', retryAfterSec: 1 });
    u.complete(1, 1);
    expect(u.admit(1).ok).toBe(true);
  });
});
