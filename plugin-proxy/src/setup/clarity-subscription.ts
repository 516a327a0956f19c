import type { ClarityClient, Webhook } from '../clients/clarity';
import type { Change } from './dataverse-registration';

/** The Clarity events the connector handles (clarity-api.md §4.7). */
export const CLARITY_EVENTS = [
  'customer.created',
  'customer.updated',
  'order.created',
  'order.updated',
  'order.cancelled',
  'inventory.changed',
  'return.created',
] as const;

export interface SubscriptionResult {
  change: Change;
  webhookId: string;
  /** Only when Clarity issued a new secret (created, re-created or rotated): it is shown once. */
  secret?: string;
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/**
 * Subscribes the proxy's `/webhooks/clarity` URL. Idempotent: an existing active subscription with the same
 * events is left as is (its secret cannot be read back; pass `rotate` to get a new one, the old one keeps
 * signing for 24 h), a subscription with other events is replaced.
 */
export async function subscribeClarity(clarity: ClarityClient, url: string, options: { rotate?: boolean; events?: readonly string[] } = {}): Promise<SubscriptionResult> {
  const events = [...(options.events ?? CLARITY_EVENTS)];
  let existing: Webhook | undefined;
  for await (const hook of clarity.listWebhooks()) if (hook.url === url) existing = hook;
  if (existing && existing.active && sameEvents(existing.events, events)) {
    if (!options.rotate) return { change: 'unchanged', webhookId: existing.webhookId };
    const { secret } = await clarity.rotateWebhookSecret(existing.webhookId);
    return { change: 'updated', webhookId: existing.webhookId, secret };
  }
  if (existing) await clarity.deleteWebhook(existing.webhookId);
  const created = await clarity.createWebhook({ url, events, description: 'Clarity ⇄ Dynamics 365 connector' });
  return { change: existing ? 'updated' : 'created', webhookId: created.webhookId, secret: created.secret };
}
