import { STATE_STRINGS } from '../shared/strings';
import { ORDER_STATUSES } from '../shared/types';

const STATUS_LABELS = Object.fromEntries(
  ORDER_STATUSES.map((s) => [`Status_${s}`, s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())]),
) as Record<`Status_${(typeof ORDER_STATUSES)[number]}`, string>;

/** English defaults; every key also lives in strings/OrderHistory.1033.resx (a test checks). */
export const ORDER_HISTORY_STRINGS = {
  ...STATE_STRINGS,
  ...STATUS_LABELS,
  OrderHistory_Name: 'Clarity order history',
  OrderHistory_Desc: 'Orders of this customer in Clarity eCommerce, read live through the connector proxy',
  Col_Order: 'Order',
  Col_Date: 'Date',
  Col_Status: 'Status',
  Col_Items: 'Items',
  Col_Total: 'Total',
  Filter_Status: 'Status',
  Filter_AllStatuses: 'All statuses',
  Filter_From: 'From',
  Filter_To: 'To',
  Filter_Clear: 'Clear filters',
  List_Empty: 'No orders match.',
  List_LoadMore: 'Load more',
  List_Count: '{0} orders shown',
  Details_Title: 'Order {0}',
  Details_Lines: 'Items',
  Details_Shipments: 'Shipments',
  Details_Payments: 'Payments',
  Details_Returns: 'Returns',
  Details_None: 'None',
  Details_Track: 'Track {0}',
  Details_Close: 'Close',
  ReadOnly: 'Read-only',
} as const;

export type OrderHistoryStrings = Readonly<Record<keyof typeof ORDER_HISTORY_STRINGS, string>>;
