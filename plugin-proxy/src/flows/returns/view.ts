import type { Order, Return } from '../../clients/clarity';

/** What the return-to-incident mapping reads: the return plus the text and ids the flow works out. */
export interface ReturnView extends Return {
  /** `Return RMA-1`, or the return id when Clarity gave no number. */
  returnRef: string;
  /** The order number, or the order id when the order could not be read. */
  orderRef: string;
  /** The customer's contact row id. */
  contactId: string;
  /** The case description. */
  summary: string;
}

/** The case description: why, what, how much, and the order it belongs to (the incident has no order lookup). */
export function describeReturn(ret: Return, order: Pick<Order, 'orderId' | 'orderNumber'> | undefined): string {
  const lines = [
    `Clarity return ${ret.returnNumber ? `${ret.returnNumber} (${ret.returnId})` : ret.returnId}, status ${ret.status}.`,
    `Order: ${order?.orderNumber ? `${order.orderNumber} (${ret.orderId})` : ret.orderId}`,
  ];
  if (ret.reason) lines.push(`Reason: ${ret.reason}`);
  if (ret.lineItems.length > 0) {
    lines.push('Items:');
    for (const item of ret.lineItems) lines.push(`- ${item.quantity} × ${item.sku}${item.reason ? ` (${item.reason})` : ''}`);
  }
  if (ret.refundAmount) lines.push(`Refund: ${ret.refundAmount} ${ret.currency}`);
  if (ret.notes) lines.push(`Notes: ${ret.notes}`);
  return lines.join('\n');
}

/**
 * The case resolution (`IncidentResolution` of CloseIncident) for a return that ended in Clarity: refunded is
 * the end of a return (clarity-api.md §4.5), and a case is resolved only through that action (§5.2).
 */
export function resolutionOf(ret: Return): { subject: string; description: string } {
  const ref = ret.returnNumber ? `${ret.returnNumber} (${ret.returnId})` : ret.returnId;
  const refund = ret.refundAmount ? `Refunded ${ret.refundAmount} ${ret.currency} in Clarity.` : 'Refunded in Clarity.';
  return { subject: `Clarity return ${ref} refunded`.slice(0, 200), description: `${refund} Resolved by the Clarity connector (${ret.status}, version ${ret.version}).` };
}

export function returnView(ret: Return, order: Pick<Order, 'orderId' | 'orderNumber'> | undefined, contactId: string): ReturnView {
  return {
    ...ret,
    returnRef: `Return ${ret.returnNumber ?? ret.returnId}`,
    orderRef: order?.orderNumber ?? ret.orderId,
    contactId,
    summary: describeReturn(ret, order),
  };
}
