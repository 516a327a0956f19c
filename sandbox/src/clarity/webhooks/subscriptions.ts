/**
 * Webhook subscriptions (spec §4.3, §4.6): the secret is shown once; rotation keeps the previous
 * secret signing in parallel for 24 h.
 */
import { notFound, validation } from '../domain/problem';
import { SortedIndex } from '../domain/sorted-index';
import type { Walk } from '../http/list';
import { WEBHOOK_EVENT_TYPES, type WebhookSubscription } from '../types';
import { newId } from '../state/ids';
import { newWebhookSecret } from './sign';
import { webhookUrlProblem } from './url-policy';

const ROTATION_OVERLAP_MS = 24 * 3600_000;

export interface SubscriptionRecord {
  sub: Omit<WebhookSubscription, 'secret'>;
  secret: string;
  previous?: { secret: string; expiresAt: number };
  /** Start of the current run of failures, for the 5-day disable rule. */
  failingSince?: number;
}

export class SubscriptionStore {
  readonly byId = new Map<string, SubscriptionRecord>();
  private idx = new SortedIndex();

  constructor(private readonly now: () => Date, private readonly allowInsecure: boolean) {}

  require(id: string): SubscriptionRecord {
    const r = this.byId.get(id);
    if (!r) throw notFound('Webhook', id);
    return r;
  }

  create(input: { url: string; events: string[]; description?: string }): WebhookSubscription {
    this.check(input.url, input.events);
    const at = this.now().toISOString();
    const sub: Omit<WebhookSubscription, 'secret'> = {
      webhookId: newId('whk'), url: input.url, events: [...new Set(input.events)],
      ...(input.description ? { description: input.description } : {}), active: true, apiVersion: 'v1', createdAt: at, updatedAt: at,
    };
    const secret = newWebhookSecret();
    this.byId.set(sub.webhookId, { sub, secret });
    this.idx.insert({ t: Date.parse(at), id: sub.webhookId });
    return { ...sub, secret };
  }

  update(id: string, p: { url?: string; events?: string[]; description?: string | null; active?: boolean }): WebhookSubscription {
    const r = this.require(id);
    this.check(p.url ?? r.sub.url, p.events ?? r.sub.events);
    const next = { ...r.sub };
    if (p.url !== undefined) next.url = p.url;
    if (p.events !== undefined) next.events = [...new Set(p.events)];
    if (p.description === null) delete next.description;
    else if (p.description !== undefined) next.description = p.description;
    if (p.active !== undefined) {
      next.active = p.active;
      if (p.active) { delete next.disabledReason; r.failingSince = undefined; }
    }
    this.touch(r, next);
    return next;
  }

  disable(id: string, reason: string): void {
    const r = this.byId.get(id);
    if (r && r.sub.active) this.touch(r, { ...r.sub, active: false, disabledReason: reason });
  }

  delete(id: string): void {
    const r = this.require(id);
    this.idx.remove({ t: Date.parse(r.sub.updatedAt ?? r.sub.createdAt), id });
    this.byId.delete(id);
  }

  rotate(id: string): string {
    const r = this.require(id);
    const nowMs = this.now().getTime();
    r.previous = { secret: r.secret, expiresAt: nowMs + ROTATION_OVERLAP_MS };
    r.secret = newWebhookSecret();
    this.touch(r, { ...r.sub });
    return r.secret;
  }

  /** Secrets that sign a delivery now: the current one, plus the previous within 24 h. */
  signingSecrets(r: SubscriptionRecord): string[] {
    const nowMs = this.now().getTime();
    return r.previous && r.previous.expiresAt > nowMs ? [r.secret, r.previous.secret] : [r.secret];
  }

  walk(desc: boolean): Walk<WebhookSubscription> {
    const all = [...this.byId.values()].map((r) => ({ t: Date.parse(desc ? r.sub.createdAt : r.sub.updatedAt ?? r.sub.createdAt), id: r.sub.webhookId }));
    return { index: desc ? SortedIndex.from(all) : this.idx, desc, pick: (id) => this.byId.get(id)?.sub };
  }

  private touch(r: SubscriptionRecord, next: Omit<WebhookSubscription, 'secret'>): void {
    const at = this.now().toISOString();
    this.idx.move({ t: Date.parse(r.sub.updatedAt ?? r.sub.createdAt), id: r.sub.webhookId }, { t: Date.parse(at), id: r.sub.webhookId });
    r.sub = { ...next, updatedAt: at };
  }

  private check(url: string, events: string[]): void {
    const errors = [];
    const why = webhookUrlProblem(url, this.allowInsecure);
    if (why) errors.push({ field: 'url', code: 'invalid_url', message: why });
    events.forEach((e, i) => {
      if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e)) errors.push({ field: `events[${i}]`, code: 'unknown_event_type', message: `Unknown event type '${e}'.` });
    });
    if (errors.length) throw validation(errors);
  }
}
