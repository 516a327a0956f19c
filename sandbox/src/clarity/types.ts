/**
 * Resource types of the Clarity `/api/v1` contract (shared/specs/clarity-api.md §4.4).
 * Field names follow the spec verbatim. Product, Return, Promotion and WebhookSubscription are
 * only sketched in the spec (§4.3, §4.5, §4.6); their shapes here follow the spec's examples and
 * the Shopify/commercetools analogues it cites. Only add fields here; never rename.
 */

/** Decimal string with up to 4 decimals, e.g. "24.99". Never a JS number (float rounding). */
export type Money = string;
/** RFC 3339 in UTC with a `Z` suffix. */
export type Timestamp = string;

export interface Address {
  addressId?: string;
  label?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  countryCode: string;
  phone?: string;
  isDefault?: boolean;
}

export const ACCOUNT_STATUSES = ['active', 'pending', 'on_hold', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Company {
  companyId?: string;
  name: string;
  accountNumber?: string;
  taxId?: string;
}

export interface Customer {
  customerId: string;
  firstName: string;
  lastName: string;
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
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export const ORDER_STATUSES = [
  'pending', 'on_hold', 'confirmed', 'backordered', 'processing',
  'shipped', 'ready_for_pickup', 'completed', 'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_STATUSES = [
  'pending', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'voided',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const FULFILLMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

export interface TaxLine {
  title: string;
  /** Decimal string, e.g. "0.0825". */
  rate: string;
  amount: Money;
}

export interface DiscountAllocation {
  promotionId?: string;
  code?: string;
  amount: Money;
}

export interface LineItem {
  lineItemId: string;
  sku: string;
  productId?: string;
  name: string;
  quantity: number;
  quantityBackordered?: number;
  unitPrice: Money;
  totalDiscount: Money;
  discountAllocations: DiscountAllocation[];
  taxLines: TaxLine[];
  lineTotal: Money;
  fulfillmentStatus: FulfillmentStatus;
  requiresShipping?: boolean;
}

export interface ShippingLine {
  title: string;
  carrier?: string;
  service?: string;
  price: Money;
  taxLines: TaxLine[];
}

export const DISCOUNT_TYPES = ['percentage', 'fixed_amount', 'free_shipping', 'buy_x_get_y'] as const;
export type DiscountType = (typeof DISCOUNT_TYPES)[number];

export interface OrderDiscount {
  promotionId?: string;
  code?: string;
  title?: string;
  type: DiscountType;
  value: string;
  amount: Money;
}

export const PAYMENT_STATES = [
  'pending', 'authorized', 'captured', 'failed', 'voided', 'refunded', 'partially_refunded',
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const PAYMENT_METHODS = ['card', 'ach', 'paypal', 'invoice', 'store_credit', 'gift_card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Payment {
  paymentId: string;
  status: PaymentState;
  method: PaymentMethod;
  amount: Money;
  amountRefunded?: Money;
  currency: string;
  gateway?: string;
  transactionId?: string;
  cardBrand?: string;
  last4?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export const SHIPMENT_STATUSES = ['pending', 'shipped', 'in_transit', 'delivered', 'exception', 'returned'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface Shipment {
  shipmentId: string;
  status: ShipmentStatus;
  carrier?: string;
  service?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  source?: 'warehouse' | 'vendor' | 'store';
  lineItems: { lineItemId: string; quantity: number }[];
  shippedAt?: Timestamp;
  deliveredAt?: Timestamp;
}

export const ORDER_SOURCES = ['web', 'phone', 'on_site', 'api', 'marketplace'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export interface Order {
  orderId: string;
  orderNumber: string;
  customerId?: string;
  email: string;
  phone?: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  source?: OrderSource;
  currency: string;
  lineItems: LineItem[];
  shippingAddress?: Address;
  billingAddress: Address;
  shippingLines: ShippingLine[];
  discounts: OrderDiscount[];
  taxLines: TaxLine[];
  taxesIncluded: boolean;
  subtotalPrice: Money;
  totalDiscounts: Money;
  totalShipping: Money;
  totalFees?: Money;
  totalTax: Money;
  totalPrice: Money;
  totalPaid: Money;
  balanceDue: Money;
  payments: Payment[];
  shipments: Shipment[];
  purchaseOrderNumber?: string;
  notes?: string;
  metadata?: Record<string, string>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  cancelledAt?: Timestamp;
  cancelReason?: string;
  version: number;
}

export interface InventoryLevel {
  sku: string;
  productId?: string;
  locationId: string;
  onHand: number;
  allocated: number;
  available: number;
  updatedAt: Timestamp;
  version: number;
}

export const LOYALTY_REASONS = ['purchase', 'return', 'redemption', 'adjustment', 'expiry', 'promotion'] as const;
export type LoyaltyReason = (typeof LOYALTY_REASONS)[number];

export interface LoyaltyTransaction {
  transactionId: string;
  customerId: string;
  pointsChange: number;
  balanceAfter: number;
  reason: LoyaltyReason;
  description?: string;
  referenceId?: string;
  createdAt: Timestamp;
}

/** Product summary (`GET /products/{sku}`); the spec names the endpoint, not the schema. */
export interface Product {
  sku: string;
  productId: string;
  name: string;
  description?: string;
  price: Money;
  currency: string;
  active: boolean;
  /** Whether the item ships (false for digital goods / services). */
  requiresShipping?: boolean;
  /** Tax category used by the storefront; informational only in the emulator. */
  taxCode?: string;
  /** Unit of measure, mapped to Dynamics `uom` by the connector. Defaults to "each". */
  unitOfMeasure?: string;
  weight?: { value: string; unit: 'kg' | 'lb' | 'g' | 'oz' };
  category?: string;
  metadata?: Record<string, string>;
  createdAt?: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export const RETURN_STATUSES = [
  'requested', 'approved', 'in_transit', 'received', 'refunded', 'rejected', 'cancelled',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export interface ReturnLineItem {
  lineItemId: string;
  sku: string;
  quantity: number;
  reason?: string;
}

export interface Return {
  returnId: string;
  returnNumber?: string;
  orderId: string;
  customerId?: string;
  status: ReturnStatus;
  reason?: string;
  lineItems: ReturnLineItem[];
  refundAmount?: Money;
  currency: string;
  notes?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export interface Promotion {
  promotionId: string;
  code?: string;
  title: string;
  type: DiscountType;
  /** "10" for 10 percent, or an amount such as "5.00". */
  value: string;
  currency?: string;
  active: boolean;
  startsAt?: Timestamp;
  endsAt?: Timestamp;
  usageCount?: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export const WEBHOOK_EVENT_TYPES = [
  'order.created', 'order.updated', 'order.cancelled',
  'customer.created', 'customer.updated',
  'inventory.changed', 'return.created', 'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A subscription as returned by the API; `secret` appears only on create and rotate. */
export interface WebhookSubscription {
  webhookId: string;
  url: string;
  events: string[];
  description?: string;
  active: boolean;
  apiVersion: 'v1';
  createdAt: Timestamp;
  updatedAt?: Timestamp;
  /** Why the subscription was turned off (e.g. `gone_410`, `retries_exhausted`), when it was. */
  disabledReason?: string;
  secret?: string;
}

export type InventoryChangeReason = 'order' | 'cancellation' | 'return' | 'adjustment' | 'restock' | 'sync';

export interface InventoryChange {
  previousAvailable: number;
  delta: number;
  reason: InventoryChangeReason;
  referenceId?: string;
}

/** Event envelope (§4.7); identical in `GET /events` and in webhook bodies. */
export interface ClarityEvent<T = unknown> {
  id: string;
  type: string;
  createdAt: Timestamp;
  apiVersion: 'v1';
  storeId: string;
  data: {
    object: T;
    previousAttributes?: Record<string, unknown>;
    change?: InventoryChange;
  };
}

export interface Page<T> {
  data: T[];
  pagination: { limit: number; nextCursor: string | null; hasMore: boolean };
}

/** Bulk data for `ClarityState.seed`; every list optional so generators can seed in parts. */
export interface ClarityDataset {
  customers?: Customer[];
  products?: Product[];
  inventory?: InventoryLevel[];
  orders?: Order[];
  /** Ledger entries; `seed` does not recompute balances, the customer's `loyaltyPoints` is trusted. */
  loyaltyTransactions?: LoyaltyTransaction[];
  returns?: Return[];
  promotions?: Promotion[];
  /** Inventory locations; the first is the default for `PUT /inventory` without `locationId`. */
  locations?: string[];
}
