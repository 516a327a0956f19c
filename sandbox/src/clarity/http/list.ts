/**
 * Shared list handling (spec §4.8): `limit` 1–250 (default 50), opaque `cursor`, `sort`
 * (`updatedAt` ascending with id ties, or `-createdAt`), per-endpoint filters, and the `Link`
 * header that repeats the next URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeCursor, encodeCursor, resolveCursorFilters } from '../domain/cursor';
import { ClarityProblem } from '../domain/problem';
import type { Entry, SortedIndex } from '../domain/sorted-index';
import type { Page } from '../types';

export type Sort = 'updatedAt' | '-createdAt';
export interface ListQuery { limit: number; sort: Sort; filters: Record<string, string>; after?: Entry }

const TIME_FILTERS = new Set(['updatedAtMin', 'updatedAtMax', 'createdAtMin', 'createdAtMax']);

export function parseListQuery(req: FastifyRequest, allowed: readonly string[], nowMs: number, sorts: readonly Sort[] = ['updatedAt', '-createdAt']): ListQuery {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const filters: Record<string, string> = {};
  let limit = 50;
  let sort: string | undefined;
  let cursor: string | undefined;
  for (const [k, raw] of Object.entries(q)) {
    if (typeof raw !== 'string') throw new ClarityProblem('invalid_request', `Query parameter '${k}' must appear once.`);
    if (k === 'limit') {
      if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 250) throw new ClarityProblem('invalid_request', 'limit must be an integer from 1 to 250.');
      limit = Number(raw);
    } else if (k === 'cursor') cursor = raw;
    else if (k === 'sort') {
      if (!(sorts as readonly string[]).includes(raw)) throw new ClarityProblem('invalid_request', `sort must be one of ${sorts.join(', ')}.`);
      sort = raw;
    } else if (allowed.includes(k)) {
      if (TIME_FILTERS.has(k) && Number.isNaN(Date.parse(raw))) throw new ClarityProblem('invalid_request', `${k} must be an RFC 3339 timestamp.`);
      filters[k] = raw;
    } else {
      // Honest emulator: a misspelt filter would otherwise silently return everything.
      throw new ClarityProblem('invalid_request', `Unknown query parameter '${k}'. Allowed: limit, cursor, sort, ${allowed.join(', ')}.`);
    }
  }
  if (cursor === undefined) return { limit, sort: (sort ?? sorts[0]!) as Sort, filters };
  const state = decodeCursor(cursor, nowMs);
  const r = resolveCursorFilters(state, filters, sort);
  return { limit, sort: r.sort as Sort, filters: r.filters, after: state.p };
}

export interface Walk<T> {
  index: SortedIndex;
  desc: boolean;
  /** Returns the item when it passes the filters, else undefined. */
  pick(id: string): T | undefined;
  /** Seek start (ascending walks only) and stop bound, both in epoch ms. */
  fromT?: number;
  stopAtT?: number;
}

export function collectPage<T>(w: Walk<T>, q: ListQuery): { items: T[]; last?: Entry; hasMore: boolean } {
  const items: T[] = [];
  let last: Entry | undefined;
  for (const e of w.index.walk(w.desc, q.after, w.fromT)) {
    if (!w.desc && w.stopAtT !== undefined && e.t >= w.stopAtT) break;
    const item = w.pick(e.id);
    if (item === undefined) continue;
    if (items.length === q.limit) return { items, last, hasMore: true };
    items.push(item);
    last = e;
  }
  return { items, last, hasMore: false };
}

export function sendPage<T>(req: FastifyRequest, reply: FastifyReply, q: ListQuery, r: { items: T[]; last?: Entry; hasMore: boolean }, nowMs: number): Page<T> {
  const nextCursor = r.hasMore && r.last ? encodeCursor(q.filters, q.sort, r.last, nowMs) : null;
  if (nextCursor) {
    const path = req.url.split('?')[0]!;
    const host = req.headers.host ?? 'localhost';
    reply.header('Link', `<${req.protocol}://${host}${path}?limit=${q.limit}&cursor=${nextCursor}>; rel="next"`);
  }
  return { data: r.items, pagination: { limit: q.limit, nextCursor, hasMore: r.hasMore } };
}

export const ms = (iso: string): number => Date.parse(iso);
