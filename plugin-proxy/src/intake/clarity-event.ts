/**
 * The Clarity envelope (clarity-api.md §4.7) → what the queue needs: job kind, per-record key and idempotency
 * key. Pure; an envelope the connector cannot key is `malformed`, an event type it does not sync is `ignored`.
 */
import { z } from 'zod';
import { JOB_KINDS, kindForClarityEvent, recordKeys, type JobKind } from '../flows/keys';

const envelopeSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  createdAt: z.string().optional(),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});

export type ClarityEnvelope = z.infer<typeof envelopeSchema>;

export type ClarityIntake =
  | { outcome: 'enqueue'; kind: JobKind; recordKey: string; idempotencyKey: string; envelope: ClarityEnvelope }
  | { outcome: 'ignored'; type: string }
  | { outcome: 'malformed'; reason: string };

const idOf = (o: Record<string, unknown>, field: string): string | undefined => {
  // A payload over 256 KB arrives as `{ id, truncated: true }` (§4.7): the worker re-fetches by that id.
  const v = o[field] ?? (o.truncated === true ? o.id : undefined);
  return typeof v === 'string' && v.length > 0 ? v : undefined;
};

/** Which field of `data.object` names the record, and how it becomes an ordering key, per job kind. */
const KEYS: Partial<Record<JobKind, { field: string; key: (id: string) => string }>> = {
  [JOB_KINDS.clarityCustomer]: { field: 'customerId', key: recordKeys.customer },
  [JOB_KINDS.clarityOrder]: { field: 'orderId', key: recordKeys.order },
  [JOB_KINDS.clarityInventory]: { field: 'sku', key: recordKeys.sku },
  [JOB_KINDS.clarityProduct]: { field: 'sku', key: recordKeys.sku },
  [JOB_KINDS.clarityReturn]: { field: 'returnId', key: recordKeys.return },
};

export function classifyClarityEvent(body: unknown, webhookId: string): ClarityIntake {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
    return { outcome: 'malformed', reason: `event envelope is missing or has invalid ${fields.join(', ')}` };
  }
  const envelope = parsed.data;
  // The signature covers the header, the body carries the id: they must agree or dedupe keys could be forged apart.
  if (envelope.id !== webhookId) return { outcome: 'malformed', reason: 'webhook-id header does not match the event id' };
  const kind = kindForClarityEvent(envelope.type);
  const keying = kind && KEYS[kind];
  if (!kind || !keying) return { outcome: 'ignored', type: envelope.type };
  const id = idOf(envelope.data.object, keying.field);
  if (!id) return { outcome: 'malformed', reason: `data.object.${keying.field} is missing for ${envelope.type}` };
  return { outcome: 'enqueue', kind, recordKey: keying.key(id), idempotencyKey: `clarity:${webhookId}`, envelope };
}
