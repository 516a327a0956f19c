/** The `POST /orders` example of spec §4.6, as printed (used by unit and integration tests). */
export const SPEC_ORDER_EXAMPLE = {
  orderId: 'ord_10045',
  orderNumber: 'SO-10045',
  customerId: 'cus_2001',
  email: 'maria.lopez@example.com',
  phone: '+15125550142',
  status: 'confirmed',
  paymentStatus: 'paid',
  fulfillmentStatus: 'unfulfilled',
  source: 'web',
  currency: 'USD',
  lineItems: [
    {
      lineItemId: 'li_1', sku: 'WID-100-BLU', productId: 'prd_5512', name: 'Widget 100 - Blue',
      quantity: 2, unitPrice: '24.99', totalDiscount: '5.00',
      discountAllocations: [{ promotionId: 'prm_77', code: 'SAVE5', amount: '5.00' }],
      taxLines: [{ title: 'TX State + Local', rate: '0.0825', amount: '3.71' }],
      lineTotal: '44.98', fulfillmentStatus: 'unfulfilled', requiresShipping: true,
    },
    {
      lineItemId: 'li_2', sku: 'GAD-200', productId: 'prd_6120', name: 'Gadget 200',
      quantity: 1, unitPrice: '39.95', totalDiscount: '0.00', discountAllocations: [],
      taxLines: [{ title: 'TX State + Local', rate: '0.0825', amount: '3.30' }],
      lineTotal: '39.95', fulfillmentStatus: 'unfulfilled', requiresShipping: true,
    },
  ],
  shippingAddress: {
    firstName: 'Maria', lastName: 'Lopez', line1: '500 Congress Ave', line2: 'Suite 210',
    city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US', phone: '+15125550142',
  },
  billingAddress: {
    firstName: 'Maria', lastName: 'Lopez', company: 'Lopez Design LLC', line1: '1200 Barton Springs Rd',
    city: 'Austin', region: 'TX', postalCode: '78704', countryCode: 'US',
  },
  shippingLines: [{ title: 'UPS Ground', carrier: 'UPS', service: 'Ground', price: '9.95', taxLines: [] }],
  discounts: [{ promotionId: 'prm_77', code: 'SAVE5', title: '$5 off', type: 'fixed_amount', value: '5.00', amount: '5.00' }],
  taxLines: [{ title: 'TX State + Local', rate: '0.0825', amount: '7.01' }],
  taxesIncluded: false,
  subtotalPrice: '89.93',
  totalDiscounts: '5.00',
  totalShipping: '9.95',
  totalFees: '0.00',
  totalTax: '7.01',
  totalPrice: '101.89',
  totalPaid: '101.89',
  balanceDue: '0.00',
  payments: [{
    paymentId: 'pay_9001', status: 'captured', method: 'card', amount: '101.89', currency: 'USD',
    gateway: 'authorize_net', transactionId: '60212345678', cardBrand: 'visa', last4: '4242',
    createdAt: '2025-01-15T14:29:58Z', updatedAt: '2025-01-15T14:29:59Z',
  }],
  shipments: [],
  purchaseOrderNumber: 'PO-7781',
  createdAt: '2025-01-15T14:30:00Z',
  updatedAt: '2025-01-15T14:30:00Z',
  version: 1,
} as const;

/** The same order as a client would send it: server-assigned fields removed. */
export function specOrderRequest(): Record<string, unknown> {
  const o = JSON.parse(JSON.stringify(SPEC_ORDER_EXAMPLE)) as Record<string, unknown>;
  for (const k of ['orderId', 'orderNumber', 'paymentStatus', 'fulfillmentStatus', 'shipments', 'createdAt', 'updatedAt', 'version']) delete o[k];
  for (const li of o.lineItems as Record<string, unknown>[]) {
    delete li.lineItemId;
    delete li.fulfillmentStatus;
  }
  return o;
}
