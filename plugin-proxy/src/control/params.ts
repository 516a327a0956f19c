/** Request parameters of the control routes, validated before anything reaches Dataverse or Clarity. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConnectorError } from '../errors';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Dataverse record id; anything else never reaches an OData filter. */
export const recordParams = z.object({ id: z.string().regex(GUID_RE, 'must be a GUID').transform((s) => s.toLowerCase()) });
export const orderParams = z.object({ orderId: z.string().regex(/^[\w.-]{1,100}$/, 'must be a Clarity order id') });

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time')
  .transform((s) => new Date(s).toISOString());

export const MAX_PAGE = 100;

export const ordersQuery = z.object({
  status: z.string().regex(/^[a-z_]{1,40}$/, 'must be an order status').optional(),
  /** Inclusive lower bound of createdAt. */
  from: isoDate.optional(),
  /** Exclusive upper bound of createdAt (a date alone means its midnight UTC). */
  to: isoDate.optional(),
  sort: z.enum(['-createdAt', 'createdAt']).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(25),
  cursor: z.string().max(500).optional(),
});
export type OrdersQuery = z.infer<typeof ordersQuery>;

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data as z.infer<S>;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || what} ${i.message}`).join('; ');
  throw new ConnectorError('CONNECTOR_ERR_MALFORMED', `Invalid ${what}: ${problems}`);
}

/**
 * Our cursor: the offset into the merged, sorted list plus a fingerprint of the filters it belongs to, so a
 * cursor replayed with other filters is refused instead of silently skipping orders.
 */
export function filterFingerprint(scope: string, q: OrdersQuery): string {
  return createHash('sha256').update(JSON.stringify([scope, q.status ?? null, q.from ?? null, q.to ?? null, q.sort])).digest('base64url').slice(0, 12);
}

export function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, fingerprint: string): number {
  if (cursor === undefined) return 0;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const v = value as { o?: unknown; f?: unknown } | undefined;
  if (!v || typeof v.o !== 'number' || !Number.isInteger(v.o) || v.o < 0 || typeof v.f !== 'string') {
    throw new ConnectorError('CONNECTOR_ERR_MALFORMED', 'Invalid cursor: pass nextCursor from the previous page unchanged');
  }
  if (v.f !== fingerprint) throw new ConnectorError('CONNECTOR_ERR_MALFORMED', 'Invalid cursor: it belongs to other filters or another record');
  return v.o;
}
