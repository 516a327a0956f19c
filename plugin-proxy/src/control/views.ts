/** Pure mappers from Clarity resources to what the controls render (clarity-api.md §4.4). */
import type { LoyaltyTransaction, Order, Return } from '../clients/clarity';

export interface OrderSummary {
  orderId: string;
  orderNumber: string;
  createdAt: string;
  status: string;
  paymentStatus: string;
  fulfillmentStatus: string;
  itemCount: number;
  total: string;
  currency: string;
}

export function orderSummary(o: Order): OrderSummary {
  return {
    orderId: o.orderId,
    orderNumber: o.orderNumber,
    createdAt: o.createdAt,
    status: o.status,
    paymentStatus: o.paymentStatus,
    fulfillmentStatus: o.fulfillmentStatus,
    itemCount: o.lineItems.reduce((n, l) => n + l.quantity, 0),
    total: o.totalPrice,
    currency: o.currency,
  };
}

export function orderDetails(o: Order, returns: readonly Return[]) {
  return {
    ...orderSummary(o),
    customerId: o.customerId ?? null,
    email: o.email,
    updatedAt: o.updatedAt,
    purchaseOrderNumber: o.purchaseOrderNumber ?? null,
    totals: {
      subtotal: o.subtotalPrice,
      discounts: o.totalDiscounts,
      shipping: o.totalShipping,
      tax: o.totalTax,
      total: o.totalPrice,
      paid: o.totalPaid,
      balanceDue: o.balanceDue,
    },
    lines: o.lineItems.map((l) => ({
      lineItemId: l.lineItemId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      totalDiscount: l.totalDiscount,
      lineTotal: l.lineTotal,
      fulfillmentStatus: l.fulfillmentStatus,
    })),
    shipments: o.shipments.map((s) => ({
      shipmentId: s.shipmentId,
      status: s.status,
      carrier: s.carrier ?? null,
      service: s.service ?? null,
      trackingNumber: s.trackingNumber ?? null,
      trackingUrl: safeLink(s.trackingUrl),
      shippedAt: s.shippedAt ?? null,
      deliveredAt: s.deliveredAt ?? null,
      lines: s.lineItems.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })),
    })),
    payments: o.payments.map((p) => ({
      paymentId: p.paymentId,
      status: p.status,
      method: p.method,
      amount: p.amount,
      amountRefunded: p.amountRefunded ?? null,
      currency: p.currency,
      cardBrand: p.cardBrand ?? null,
      last4: p.last4 ?? null,
      createdAt: p.createdAt,
    })),
    returns: returns.map((r) => ({
      returnId: r.returnId,
      returnNumber: r.returnNumber ?? null,
      status: r.status,
      reason: r.reason ?? null,
      refundAmount: r.refundAmount ?? null,
      currency: r.currency,
      createdAt: r.createdAt,
      lines: r.lineItems.map((l) => ({ lineItemId: l.lineItemId, sku: l.sku, quantity: l.quantity, reason: l.reason ?? null })),
    })),
  };
}

export type OrderDetails = ReturnType<typeof orderDetails>;

/** The control renders tracking URLs as links: only http(s) ones, never `javascript:` or the like. */
export function safeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function ledgerEntry(t: LoyaltyTransaction) {
  return {
    transactionId: t.transactionId,
    pointsChange: t.pointsChange,
    balanceAfter: t.balanceAfter,
    reason: t.reason,
    description: t.description ?? null,
    referenceId: t.referenceId ?? null,
    createdAt: t.createdAt,
  };
}
