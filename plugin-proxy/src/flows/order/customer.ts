import type { Order } from '../../clients/clarity';
import { alternateKey } from '../../clients/dataverse';
import { ConnectorError } from '../../errors';
import { applyCustomerToDataverse } from '../customer';
import type { FlowDeps } from '../deps';

const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The sales order's customer: always the buying contact (`customerid_contact`), B2B included — the contact's
 * parentcustomerid already ties it to the company's account, and the person who ordered stays visible.
 * A customer not in CRM yet goes through the customer flow first. Its upsert is by the contact's alternate key,
 * so this running at the same time as the customer's own event still makes one contact.
 * Guest checkout binds an existing contact with the order's email, else leaves the customer empty (noted).
 */
export async function orderCustomer(deps: FlowDeps, order: Order): Promise<{ bind: Record<string, string>; note?: string }> {
  if (order.customerId) {
    const link = await deps.store.links.byClarity('customer', order.customerId);
    if (!link) {
      const customer = await deps.clarity.getCustomer(order.customerId);
      if (!customer) throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `order ${order.orderId}: customer ${order.customerId} does not exist in Clarity`);
      await applyCustomerToDataverse(deps, customer, `before order ${order.orderId}`);
    }
    return { bind: { 'customerid_contact@odata.bind': `/contacts(${alternateKey({ clar_clarityid: order.customerId })})` } };
  }
  const found = await deps.dataverse.query<{ contactid: string }>('contacts', { select: ['contactid'], filter: `emailaddress1 eq ${odataString(order.email)}`, top: 1 });
  const contactId = found.value[0]?.contactid;
  if (contactId) return { bind: { 'customerid_contact@odata.bind': `/contacts(${contactId})` } };
  return { bind: {}, note: `Guest checkout (${order.email}): no contact with this email; the customer is empty.` };
}
