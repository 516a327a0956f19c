import type { LimitKind, ProtectionLimits } from './limits';

export type Admission =
  | { ok: true; remainingRequests: number; remainingExecutionMs: number }
  | { ok: false; kind: LimitKind; retryAfterSec: number };

export interface UsageSnapshot {
  requests: number;
  executionMs: number;
  concurrent: number;
  blockedUntil: number;
  strikes: number;
  rejected: Record<LimitKind, number>;
  /** Since the user was first seen, not just this window: admitted requests and their combined execution time. */
  total: { requests: number; executionMs: number };
}

/** A queue of numbers with O(1) amortised shift: windows hold up to thousands of entries per user. */
class Queue {
  private items: number[] = [];
  private head = 0;
  get length() {
    return this.items.length - this.head;
  }
  at(i: number): number {
    return this.items[this.head + i] ?? 0;
  }
  push(v: number) {
    this.items.push(v);
  }
  shift(): number {
    const v = this.at(0);
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return v;
  }
}

/**
 * One user's usage over the sliding window (spec §4.4). Requests count when admitted; execution time
 * counts when a request completes. Rejected requests are not counted, but each one while throttled is a
 * "strike" that lengthens Retry-After: LIMITS says continued pressure extends the wait.
 */
export class UserUsage {
  private readonly arrivals = new Queue();
  private readonly ends = new Queue();
  private readonly durations = new Queue();
  private executionMs = 0;
  private concurrent = 0;
  private blockedUntil = 0;
  private blockedKind: LimitKind = 'requests';
  private strikes = 0;
  private readonly rejected: Record<LimitKind, number> = { requests: 0, time: 0, concurrency: 0 };
  private readonly total = { requests: 0, executionMs: 0 };

  constructor(private readonly limits: ProtectionLimits) {}

  admit(now: number): Admission {
    this.prune(now);
    const { maxConcurrent, maxRequests, maxExecutionMs } = this.limits;
    // Concurrency trips at once and clears as soon as a request finishes: no block, minimal wait.
    if (this.concurrent >= maxConcurrent) return this.reject('concurrency', 1);
    if (now < this.blockedUntil) return this.throttle(this.blockedKind, now, this.blockedUntil - now);
    if (this.arrivals.length >= maxRequests) {
      // The wait until enough arrivals leave the window to make room for one more.
      const oldestToExpire = this.arrivals.at(this.arrivals.length - maxRequests);
      return this.throttle('requests', now, oldestToExpire + this.limits.windowMs - now);
    }
    if (this.executionMs >= maxExecutionMs) return this.throttle('time', now, this.timeWait(now));
    this.arrivals.push(now);
    this.total.requests++;
    this.concurrent++;
    this.strikes = 0;
    return {
      ok: true,
      remainingRequests: maxRequests - this.arrivals.length,
      remainingExecutionMs: Math.max(0, maxExecutionMs - this.executionMs),
    };
  }

  /** Call exactly once per admitted request, with the wall time it took. */
  complete(now: number, durationMs: number) {
    this.concurrent = Math.max(0, this.concurrent - 1);
    this.ends.push(now);
    this.durations.push(Math.max(0, durationMs));
    this.executionMs += Math.max(0, durationMs);
    this.total.executionMs += Math.max(0, durationMs);
  }

  snapshot(now: number): UsageSnapshot {
    this.prune(now);
    return {
      requests: this.arrivals.length,
      executionMs: this.executionMs,
      concurrent: this.concurrent,
      blockedUntil: this.blockedUntil,
      strikes: this.strikes,
      rejected: { ...this.rejected },
      total: { ...this.total },
    };
  }

  private throttle(kind: LimitKind, now: number, baseWaitMs: number): Admission {
    this.strikes++;
    // One extra 1/300 of the window per rejected attempt (1 s for the real limits), at most one window.
    const penaltyMs = Math.min(this.limits.windowMs, ((this.strikes - 1) * this.limits.windowMs) / 300);
    const waitMs = Math.max(1000, baseWaitMs) + penaltyMs;
    if (now + waitMs > this.blockedUntil) {
      this.blockedUntil = now + waitMs;
      this.blockedKind = kind;
    }
    return this.reject(kind, Math.ceil((this.blockedUntil - now) / 1000));
  }

  private reject(kind: LimitKind, retryAfterSec: number): Admission {
    this.rejected[kind]++;
    return { ok: false, kind, retryAfterSec: Math.max(1, retryAfterSec) };
  }

  /** The wait until enough execution time leaves the window to go back under the limit. */
  private timeWait(now: number): number {
    let excess = this.executionMs - this.limits.maxExecutionMs;
    for (let i = 0; i < this.ends.length; i++) {
      excess -= this.durations.at(i);
      if (excess < 0) return this.ends.at(i) + this.limits.windowMs - now;
    }
    return this.limits.windowMs;
  }

  private prune(now: number) {
    const cutoff = now - this.limits.windowMs;
    while (this.arrivals.length > 0 && this.arrivals.at(0) <= cutoff) this.arrivals.shift();
    while (this.ends.length > 0 && this.ends.at(0) <= cutoff) {
      this.ends.shift();
      this.executionMs -= this.durations.shift();
    }
  }
}
