/**
 * Delivers events to subscriptions (spec §4.7): at least once, signed per Standard Webhooks with
 * a fresh timestamp per attempt, retried on the spec's schedule with ±20 % jitter and
 * `Retry-After`, 410 disables at once, exhausted retries or 5 days of failure disable too.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedOptions } from '../options';
import type { ClarityEvent } from '../types';
import { postOnce, type AttemptResult } from './post';
import { signStandardWebhook } from './sign';
import type { SubscriptionRecord, SubscriptionStore } from './subscriptions';

export interface DeliveryAttempt {
  webhookId: string; eventId: string; eventType: string; attempt: number; at: string;
  outcome: 'delivered' | 'failed' | 'gone' | 'dropped'; status?: number; error?: string; nextAttemptInMs?: number;
}

const MAX_PAYLOAD = 256 * 1024;
const FIVE_DAYS_MS = 5 * 24 * 3600_000;
const MAX_LOG = 10_000;

export class WebhookDispatcher {
  readonly attempts: DeliveryAttempt[] = [];
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private abort = new AbortController();
  private closed = false;

  constructor(private readonly subs: SubscriptionStore, private readonly opts: ResolvedOptions, private readonly log: FastifyBaseLogger) {}

  /** Fans an event out to every active subscription listening for its type. */
  publish(e: ClarityEvent): void {
    for (const r of this.subs.byId.values()) {
      if (r.sub.active && r.sub.events.includes(e.type)) this.enqueue(r.sub.webhookId, e);
    }
  }

  /** `POST /webhooks/{id}/test`: goes to that subscription whatever its event list. */
  sendTo(webhookId: string, e: ClarityEvent): void { this.enqueue(webhookId, e); }

  /** Resolves when no delivery is in flight or waiting for a retry. */
  whenIdle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending = 0;
    this.settle();
  }

  private enqueue(webhookId: string, e: ClarityEvent): void {
    if (this.closed) return;
    const body = serialize(e);
    this.pending++;
    void this.attempt(webhookId, e, body, 1);
  }

  private async attempt(webhookId: string, e: ClarityEvent, body: Buffer, n: number): Promise<void> {
    const r = this.subs.byId.get(webhookId);
    if (!r || (!r.sub.active && e.type !== 'webhook.test') || this.closed) {
      this.record(webhookId, e, n, { outcome: 'dropped' });
      return this.done();
    }
    const res = await postOnce(r.sub.url, this.headers(r, e, n, body), body, this.opts.webhookTimeoutMs, this.abort.signal);
    if (this.closed) return;
    const ok = res.status !== undefined && res.status >= 200 && res.status < 300;
    if (ok) {
      r.failingSince = undefined;
      this.record(webhookId, e, n, { outcome: 'delivered', status: res.status });
      return this.done();
    }
    if (res.status === 410) {
      this.subs.disable(webhookId, 'gone_410');
      this.record(webhookId, e, n, { outcome: 'gone', status: 410 });
      return this.done();
    }
    const nowMs = this.opts.now().getTime();
    r.failingSince ??= nowMs;
    const delay = this.retryDelay(n, res);
    if (delay === undefined || nowMs - r.failingSince > FIVE_DAYS_MS) {
      this.subs.disable(webhookId, delay === undefined ? 'retries_exhausted' : 'failing_5_days');
      this.record(webhookId, e, n, { outcome: 'failed', status: res.status, error: res.error });
      return this.done();
    }
    this.record(webhookId, e, n, { outcome: 'failed', status: res.status, error: res.error, nextAttemptInMs: delay });
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.attempt(webhookId, e, body, n + 1);
    }, delay);
    this.timers.add(t);
  }

  /** Delay before attempt n+1, or undefined when attempt n was the last (10 in all). */
  private retryDelay(n: number, res: AttemptResult): number | undefined {
    const base = this.opts.retryDelaysMs[n - 1];
    if (base === undefined) return undefined;
    const jittered = base * (0.8 + Math.random() * 0.4);
    const retryAfter = res.retryAfterSec !== undefined ? res.retryAfterSec * 1000 : 0;
    return Math.round(Math.max(jittered, retryAfter) * this.opts.retryScale);
  }

  private headers(r: SubscriptionRecord, e: ClarityEvent, n: number, body: Buffer): Record<string, string> {
    const ts = Math.floor(this.opts.now().getTime() / 1000);
    return {
      'Content-Type': 'application/json',
      'User-Agent': 'Clarity-Webhooks/1.0',
      'webhook-id': e.id,
      'webhook-timestamp': String(ts),
      'webhook-signature': this.subs.signingSecrets(r).map((s) => signStandardWebhook(s, e.id, ts, body)).join(' '),
      'X-Clarity-Event-Type': e.type,
      'X-Clarity-Webhook-Id': r.sub.webhookId,
      'X-Clarity-Delivery-Attempt': String(n),
    };
  }

  private record(webhookId: string, e: ClarityEvent, attempt: number, r: Omit<DeliveryAttempt, 'webhookId' | 'eventId' | 'eventType' | 'attempt' | 'at'>): void {
    const entry: DeliveryAttempt = { webhookId, eventId: e.id, eventType: e.type, attempt, at: this.opts.now().toISOString(), ...r };
    this.attempts.push(entry);
    if (this.attempts.length > MAX_LOG) this.attempts.splice(0, this.attempts.length - MAX_LOG);
    this.log.debug({ delivery: entry }, 'webhook attempt');
  }

  private done(): void {
    this.pending = Math.max(0, this.pending - 1);
    this.settle();
  }

  private settle(): void {
    if (this.pending > 0) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }
}

/** Payloads stay under 256 KB; above that `data.object` becomes `{id, truncated: true}`. */
function serialize(e: ClarityEvent): Buffer {
  const full = Buffer.from(JSON.stringify(e));
  if (full.length <= MAX_PAYLOAD) return full;
  const o = e.data.object as Record<string, unknown>;
  const id = o.orderId ?? o.customerId ?? o.sku ?? o.returnId ?? o.webhookId;
  return Buffer.from(JSON.stringify({ ...e, data: { ...e.data, object: { id, truncated: true } } }));
}
