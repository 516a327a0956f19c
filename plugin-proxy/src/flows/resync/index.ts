/**
 * "Resync with Clarity" from a form (control API): runs the customer flow now, both directions, under the
 * record's ordering key like any other event. A contact: its changes go to Clarity (three-way merge, creating
 * the customer when it has none yet), then the Clarity customer is re-read and applied back with `force`, so
 * values that drifted on either side without an event are compared in full. An account: its company goes to
 * Clarity, and each linked contact of the account gets its own resync job (their own ordering keys).
 */
import { randomUUID } from 'node:crypto';
import type { Handler, HandlerResult } from '../../queue/worker';
import { applyAccountToClarity, applyContactToClarity, applyCustomerToDataverse, type CustomerFlowDeps } from '../customer';
import { JOB_KINDS, recordKeys } from '../keys';

interface ResyncPayload {
  id: string;
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idOf(payload: unknown): string {
  const id = (payload as Partial<ResyncPayload> | null)?.id;
  if (typeof id !== 'string' || !GUID_RE.test(id)) throw new Error('resync job without a record id');
  return id.toLowerCase();
}

export async function resyncContact(deps: CustomerFlowDeps, contactId: string): Promise<HandlerResult> {
  const reason = 'resync';
  const out = await applyContactToClarity(deps, contactId, reason);
  const link = await deps.store.links.byDataverse('customer', contactId);
  const customer = link ? await deps.clarity.getCustomer(link.clarityId) : undefined;
  if (!customer) return out;
  const back = await applyCustomerToDataverse(deps, customer, reason, true);
  return { skipped: Boolean(out.skipped && back.skipped), note: [out.note, back.note].filter(Boolean).join('; ') };
}

export function resyncHandlers(deps: CustomerFlowDeps): Record<string, Handler> {
  return {
    [JOB_KINDS.resyncContact]: async (job) => resyncContact(deps, idOf(job.payload)),
    [JOB_KINDS.resyncAccount]: async (job) => {
      const accountId = idOf(job.payload);
      const out = await applyAccountToClarity(deps, accountId, 'resync');
      let queued = 0;
      for await (const row of deps.dataverse.queryAll('contacts', { select: ['contactid'], filter: `_parentcustomerid_value eq ${accountId}` })) {
        const contactId = String(row.contactid).toLowerCase();
        const link = await deps.store.links.byDataverse('customer', contactId);
        if (!link) continue;
        await deps.store.jobs.enqueue({
          kind: JOB_KINDS.resyncContact,
          recordKey: recordKeys.customer(link.clarityId),
          idempotencyKey: `resync:contact:${contactId}:from-${job.id}:${randomUUID()}`,
          source: 'resync',
          payload: { table: 'contact', id: contactId },
        });
        queued++;
      }
      return { skipped: Boolean(out.skipped) && queued === 0, note: `${out.note ?? ''}; ${queued} linked contact(s) queued for resync` };
    },
  };
}
