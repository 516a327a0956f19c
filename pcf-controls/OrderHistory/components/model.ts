/** Pure helpers of the order history view: query building, client-side sort, status badge colours. */
import type { DateSort, OrderSummary, OrdersQuery } from '../../shared/types';

export type SortKey = 'createdAt' | 'total';
export interface SortState {
  key: SortKey;
  descending: boolean;
}
export interface Filters {
  status: string;
  /** yyyy-mm-dd, inclusive, or '' */
  from: string;
  /** yyyy-mm-dd, inclusive as the user sees it, or '' */
  to: string;
}

export const DEFAULT_SORT: SortState = { key: 'createdAt', descending: true };
export const NO_FILTERS: Filters = { status: '', from: '', to: '' };

/** The day after an inclusive end date: the proxy's `to` is exclusive. */
export function exclusiveEnd(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A from after the to is a user slip: swap rather than show an empty list. */
export function normaliseRange(f: Filters): Filters {
  return f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f;
}

/**
 * The proxy sorts by date only; a sort by total keeps the server's newest-first paging and sorts the loaded rows.
 */
export function buildQuery(filters: Filters, sort: SortState, limit: number, cursor?: string): OrdersQuery {
  const f = normaliseRange(filters);
  const dateSort: DateSort = sort.key === 'createdAt' && !sort.descending ? 'createdAt' : '-createdAt';
  const q: OrdersQuery = { sort: dateSort, limit };
  if (f.status) q.status = f.status;
  if (f.from) q.from = f.from;
  if (f.to) q.to = exclusiveEnd(f.to) || undefined;
  if (cursor) q.cursor = cursor;
  return q;
}

export function sortRows(rows: readonly OrderSummary[], sort: SortState): OrderSummary[] {
  if (sort.key !== 'total') return [...rows];
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => dir * (Number(a.total) - Number(b.total)) || b.createdAt.localeCompare(a.createdAt));
}

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function statusTone(status: string): BadgeTone {
  switch (status) {
    case 'completed':
    case 'shipped':
    case 'ready_for_pickup':
      return 'success';
    case 'confirmed':
    case 'processing':
      return 'info';
    case 'pending':
    case 'on_hold':
    case 'backordered':
      return 'warning';
    case 'cancelled':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** `ready_for_pickup` → `Ready for pickup` when the resx has no label for a status. */
export function humanise(code: string): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
