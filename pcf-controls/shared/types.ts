/** Shapes of the connector proxy's control API (plugin-proxy/src/control/views.ts). Money is a decimal string. */

export type EntityName = 'contact' | 'account';

/** Clarity order lifecycle statuses (specs/clarity-api.md, "Order status"). */
export const ORDER_STATUSES = [
  'pending',
  'on_hold',
  'confirmed',
  'backordered',
  'processing',
  'shipped',
  'ready_for_pickup',
  'completed',
  'cancelled',
] as const;

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

export interface OrdersPage {
  linked: boolean;
  orders: OrderSummary[];
  nextCursor: string | null;
}

/** The proxy sorts by date only (`-createdAt` | `createdAt`); sorting by total is done on the loaded rows. */
export type DateSort = '-createdAt' | 'createdAt';

export interface OrdersQuery {
  status?: string;
  /** ISO date (yyyy-mm-dd), inclusive. */
  from?: string;
  /** ISO date (yyyy-mm-dd), exclusive. */
  to?: string;
  sort?: DateSort;
  limit?: number;
  cursor?: string;
}

export interface OrderLine {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
}

export interface Shipment {
  shipmentId?: string;
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
}

export interface Payment {
  paymentId?: string;
  method: string;
  amount: string;
  status: string;
  currency?: string;
}

export interface OrderReturn {
  returnId: string;
  returnNumber: string | null;
  status: string;
  reason: string | null;
  refundAmount: string | null;
  currency: string;
  createdAt: string;
}

export interface OrderDetails extends OrderSummary {
  lines: OrderLine[];
  shipments: Shipment[];
  payments: Payment[];
  returns: OrderReturn[];
}

export interface LoyaltyTransaction {
  transactionId: string;
  pointsChange: number;
  balanceAfter: number;
  reason: string;
  description: string | null;
  createdAt: string;
}

export interface LoyaltySummary {
  linked: boolean;
  balance: number | null;
  tier: string | null;
  nextTier: string | null;
  pointsToNextTier: number | null;
  /** 0–1 towards the next tier; 1 at the top tier. */
  progress: number | null;
  recent: LoyaltyTransaction[];
}
