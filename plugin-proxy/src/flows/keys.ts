/**
 * Job kinds and per-record ordering keys, in one place. Events about the same customer from either side share
 * one key (`customer:<clarityId>` once the link is known), so a Clarity update and a CRM edit of the same person
 * never run at the same time or out of order.
 */
export const JOB_KINDS = {
  clarityCustomer: 'clarity.customer',
  clarityOrder: 'clarity.order',
  clarityInventory: 'clarity.inventory',
  clarityProduct: 'clarity.product',
  clarityReturn: 'clarity.return',
  dataverseContact: 'dataverse.contact',
  dataverseAccount: 'dataverse.account',
  dataverseProduct: 'dataverse.product',
  resyncContact: 'resync.contact',
  resyncAccount: 'resync.account',
  /** The full catalog sync (scheduled, or `npm run catalog-sync -- --enqueue`). */
  catalogSync: 'catalog.sync',
} as const;

export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

/** Clarity event type (`customer.updated`) → job kind, or undefined for events the connector ignores. */
export function kindForClarityEvent(type: string): JobKind | undefined {
  const resource = type.split('.')[0];
  switch (resource) {
    case 'customer':
      return JOB_KINDS.clarityCustomer;
    case 'order':
      return JOB_KINDS.clarityOrder;
    case 'inventory':
      return JOB_KINDS.clarityInventory;
    case 'product':
      return JOB_KINDS.clarityProduct;
    case 'return':
      return JOB_KINDS.clarityReturn;
    default:
      return undefined;
  }
}

export const recordKeys = {
  customer: (clarityId: string) => `customer:${clarityId}`,
  company: (companyId: string) => `company:${companyId}`,
  order: (orderId: string) => `order:${orderId}`,
  sku: (sku: string) => `sku:${sku}`,
  return: (returnId: string) => `return:${returnId}`,
  /** A contact or account not linked yet: keyed by its Dataverse id until the link exists. */
  dataverse: (table: string, id: string) => `${table}:${id.toLowerCase()}`,
};
