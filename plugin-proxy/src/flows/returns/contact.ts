import { alternateKey } from '../../clients/dataverse';
import { ConnectorError } from '../../errors';
import { applyCustomerToDataverse } from '../customer';
import type { ReturnFlowDeps } from './deps';

/**
 * The contact a case belongs to: the linked one, else the one keyed by the Clarity id, else the customer is
 * synced now by the customer flow (which creates the contact by alternate key, so a customer job running at
 * the same time cannot make a second one).
 */
export async function ensureContact(deps: ReturnFlowDeps, customerId: string, reason: string): Promise<{ contactId: string; created: boolean }> {
  const link = await deps.store.links.byClarity('customer', customerId);
  if (link) {
    const row = await deps.dataverse.retrieve('contacts', link.dataverseId, ['contactid']);
    if (row) return { contactId: String(row.contactid), created: false };
  }
  const byKey = await deps.dataverse.retrieve('contacts', alternateKey({ clar_clarityid: customerId }), ['contactid']);
  if (byKey) return { contactId: String(byKey.contactid), created: false };

  const customer = await deps.clarity.getCustomer(customerId);
  if (!customer) throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `customer ${customerId} does not exist in Clarity, so the case has no contact`, { classification: 'validation' });
  // A stale link (its contact deleted) would make the customer flow skip this version as already applied.
  await applyCustomerToDataverse(deps, customer, `needed by ${reason}`, link !== undefined);
  const synced = await deps.store.links.byClarity('customer', customerId);
  if (!synced) throw new ConnectorError('CONNECTOR_ERR_INTERNAL', `customer ${customerId} was synced but has no link`);
  return { contactId: synced.dataverseId, created: true };
}
