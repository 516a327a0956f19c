/**
 * The subset of the Clarity `/api/v1` resources the connector reads and writes (clarity-api.md §4.4).
 * Defined here rather than imported from the sandbox: the proxy codes against the contract, not the emulator.
 * Clients must ignore unknown fields and map unknown enum values gracefully (§4.1), so enums stay open.
 */

export type Money = string;
export type Timestamp = string;
/** An enum that may grow inside v1 (§4.1): known values, plus any string. */
type Open<T extends string> = T | (string & {});

export interface Address {
  addressId?: string;
  label?: string;
  firstName?: string; lastName?: string; company?: string;
  line1: string; line2?: string;
  city: string; region?: string; postalCode?: string;
  countryCode: string;
  phone?: string;
  isDefault?: boolean;
}

export type AccountStatus = Open<'active' | 'pending' | 'on_hold' | 'disabled'>;

export interface Company {
  companyId?: string;
  name: string;
  accountNumber?: string;
  taxId?: string;
}

export interface Customer {
  customerId: string;
  firstName: string; lastName: string;
  email: string;
  phone?: string;
  shippingAddresses: Address[];
  billingAddresses: Address[];
  accountStatus: AccountStatus;
  loyaltyPoints: number;
  loyaltyTier?: string;
  acceptsMarketing?: boolean;
  company?: Company;
  externalIds?: Record<string, string>;
  metadata?: Record<string, string>;
  createdAt: Timestamp; updatedAt: Timestamp;
  version: number;
}

/** POST /customers body: server-assigned and read-only fields left out (`loyaltyPoints` is ledger-only, §4.3). */
export type CustomerDraft = Omit<Customer, 'customerId' | 'loyaltyPoints' | 'loyaltyTier' | 'createdAt' | 'updatedAt' | 'version' | 'shippingAddresses' | 'billingAddresses' | 'accountStatus'>
  & Partial<Pick<Customer, 'shippingAddresses' | 'billingAddresses' | 'accountStatus'>>;

/** RFC 7396 merge patch: `null` clears a field; arrays are replaced wholesale (§4.6). */
export type CustomerPatch = { [K in keyof CustomerDraft]?: CustomerDraft[K] | null };

export type OrderStatus = Open<'pending' | 'on_hold' | 'confirmed' | 'backordered' | 'processing' | 'shipped' | 'ready_for_pickup' | 'completed' | 'cancelled'>;
export type PaymentStatus = Open<'pending' | 'authorized' | 'partially_paid' | 'paid' | 'partially_refunded' | 'refunded' | 'voided'>;
export type FulfillmentStatus = Open<'unfulfilled' | 'partial' | 'fulfilled'>;

export interface TaxLine { title: string; rate: string; amount: Money }
export interface DiscountAllocation { promotionId?: string; code?: string; amount: Money }

export interface LineItem {
  lineItemId: string;
  sku: string; productId?: string; name: string;
  quantity: number; quantityBackordered?: number;
  unitPrice: Money; totalDiscount: Money;
  discountAllocations: DiscountAllocation[];
  taxLines: TaxLine[];
  lineTotal: Money;
  fulfillmentStatus: FulfillmentStatus;
  requiresShipping?: boolean;
}

export interface ShippingLine { title: string; carrier?: string; service?: string; price: Money; taxLines: TaxLine[] }

export interface OrderDiscount {
  promotionId?: string; code?: string; title?: string;
  type: Open<'percentage' | 'fixed_amount' | 'free_shipping' | 'buy_x_get_y'>;
  value: string; amount: Money;
}

export interface Payment {
  paymentId: string; status: string; method: string;
  amount: Money; amountRefunded?: Money; currency: string;
  gateway?: string; transactionId?: string; cardBrand?: string; last4?: string;
  createdAt: Timestamp; updatedAt: Timestamp;
}

export interface Shipment {
  shipmentId: string; status: string;
  carrier?: string; service?: string; trackingNumber?: string; trackingUrl?: string;
  source?: string;
  lineItems: { lineItemId: string; quantity: number }[];
  shippedAt?: Timestamp; deliveredAt?: Timestamp;
}

export interface Order {
  orderId: string; orderNumber: string;
  customerId?: string;
  email: string; phone?: string;
  status: OrderStatus; paymentStatus: PaymentStatus; fulfillmentStatus: FulfillmentStatus;
  source?: string;
  currency: string;
  lineItems: LineItem[];
  shippingAddress?: Address; billingAddress: Address;
  shippingLines: ShippingLine[];
  discounts: OrderDiscount[];
  taxLines: TaxLine[];
  taxesIncluded: boolean;
  subtotalPrice: Money; totalDiscounts: Money; totalShipping: Money; totalFees?: Money;
  totalTax: Money; totalPrice: Money; totalPaid: Money; balanceDue: Money;
  payments: Payment[]; shipments: Shipment[];
  purchaseOrderNumber?: string; notes?: string;
  metadata?: Record<string, string>;
  createdAt: Timestamp; updatedAt: Timestamp; cancelledAt?: Timestamp; cancelReason?: string;
  version: number;
}

/** `GET /products/{sku}` summary (§4.3). */
export interface Product {
  sku: string; productId: string; name: string; description?: string;
  price: Money; currency: string; active: boolean;
  requiresShipping?: boolean; unitOfMeasure?: string;
  createdAt?: Timestamp; updatedAt: Timestamp; version: number;
}

export interface InventoryLevel {
  sku: string; productId?: string; locationId: string;
  onHand: number; allocated: number; available: number;
  updatedAt: Timestamp; version: number;
}

export interface ProductInventory { sku: string; levels: InventoryLevel[] }

/** PUT /products/{sku}/inventory: an absolute set (§4.6); `locationId` may be omitted with one location. */
export interface InventorySet { locationId?: string; onHand: number }

export interface LoyaltyTransaction {
  transactionId: string; customerId: string;
  pointsChange: number; balanceAfter: number;
  reason: Open<'purchase' | 'return' | 'redemption' | 'adjustment' | 'expiry' | 'promotion'>;
  description?: string; referenceId?: string;
  createdAt: Timestamp;
}

export type ReturnStatus = Open<'requested' | 'approved' | 'in_transit' | 'received' | 'refunded' | 'rejected' | 'cancelled'>;

export interface Return {
  returnId: string; returnNumber?: string;
  orderId: string; customerId?: string;
  status: ReturnStatus; reason?: string;
  lineItems: { lineItemId: string; sku: string; quantity: number; reason?: string }[];
  refundAmount?: Money; currency: string; notes?: string;
  createdAt: Timestamp; updatedAt: Timestamp; version: number;
}

export interface Webhook {
  webhookId: string; url: string; events: string[];
  description?: string; active: boolean; apiVersion: string;
  createdAt: Timestamp; updatedAt?: Timestamp; disabledReason?: string;
  /** Only in the create response (§4.3): shown once. */
  secret?: string;
}

export interface WebhookDraft { url: string; events: string[]; description?: string }

export interface Page<T> { data: T[]; pagination: { limit: number; nextCursor: string | null; hasMore: boolean } }

/** §4.8 list parameters shared by every list. */
export interface ListParams { limit?: number; sort?: 'updatedAt' | '-createdAt'; updatedAtMin?: string; updatedAtMax?: string }
export interface CustomerFilters extends ListParams { email?: string; phone?: string; accountStatus?: AccountStatus }
export interface OrderFilters extends ListParams {
  status?: OrderStatus; paymentStatus?: PaymentStatus; customerId?: string; email?: string; createdAtMin?: string; createdAtMax?: string;
}
export interface ProductFilters extends ListParams { active?: boolean }
export interface ReturnFilters extends ListParams { status?: ReturnStatus; orderId?: string; customerId?: string }

/** RFC 9457 problem details (§4.10). */
export interface Problem {
  type?: string; title?: string; status?: number; detail?: string; instance?: string;
  code?: string; requestId?: string;
  errors?: { field: string; code: string; message: string }[];
}
