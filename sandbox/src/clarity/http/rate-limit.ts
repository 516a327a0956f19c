/** Token bucket per credential (spec §4.9): capacity 40, refill 4/s, `POST /orders` costs 2. */

export interface BucketResult { allowed: boolean; limit: number; remaining: number; resetSec: number; retryAfterSec: number }

export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly capacity: number, private readonly refillPerSecond: number) {}

  take(key: string, cost: number, nowMs: number): BucketResult {
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: nowMs };
    b.tokens = Math.min(this.capacity, b.tokens + ((nowMs - b.at) / 1000) * this.refillPerSecond);
    b.at = nowMs;
    const allowed = b.tokens >= cost;
    if (allowed) b.tokens -= cost;
    this.buckets.set(key, b);
    const deficit = Math.max(0, cost - b.tokens);
    return {
      allowed,
      limit: this.capacity,
      remaining: Math.floor(b.tokens),
      resetSec: Math.ceil((this.capacity - b.tokens) / this.refillPerSecond),
      // An integer of at least 1 (spec §4.9).
      retryAfterSec: Math.max(1, Math.ceil(deficit / this.refillPerSecond)),
    };
  }
}
