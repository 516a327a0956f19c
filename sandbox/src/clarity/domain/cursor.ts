/**
 * Opaque list cursors (spec §4.8): base64url JSON holding the filters and sort of the first
 * request plus the position (sort key and id of the last item returned), so a cursor replayed
 * with different filters can be refused with 400 `cursor_filter_mismatch`.
 */
import { ClarityProblem } from './problem';

export interface CursorPosition { t: number; id: string }
export interface CursorState { f: Record<string, string>; s: string; p: CursorPosition; x: number }

/** Cursors last at least 24 h (spec); we keep them valid for 7 days. */
const CURSOR_TTL_MS = 7 * 24 * 3600_000;

export function encodeCursor(filters: Record<string, string>, sort: string, p: CursorPosition, nowMs: number): string {
  const state: CursorState = { f: canonical(filters), s: sort, p, x: nowMs + CURSOR_TTL_MS };
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor(cursor: string, nowMs: number): CursorState {
  let state: CursorState;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
  } catch {
    throw new ClarityProblem('invalid_request', 'The cursor is not valid.');
  }
  if (!state || typeof state !== 'object' || typeof state.s !== 'string' || typeof state.f !== 'object' || !state.f
      || typeof state.p?.t !== 'number' || typeof state.p?.id !== 'string' || typeof state.x !== 'number') {
    throw new ClarityProblem('invalid_request', 'The cursor is not valid.');
  }
  if (state.x < nowMs) throw new ClarityProblem('invalid_request', 'The cursor has expired; start again without it.');
  return state;
}

/**
 * A cursor request MAY repeat the original filters (they must then be identical) or omit them,
 * as the spec's `Link` example (`?limit=50&cursor=…`) does.
 */
export function resolveCursorFilters(
  state: CursorState, filters: Record<string, string>, sort: string | undefined,
): { filters: Record<string, string>; sort: string } {
  const given = Object.keys(filters).length > 0 || sort !== undefined;
  if (given && (JSON.stringify(canonical(filters)) !== JSON.stringify(state.f) || (sort ?? 'updatedAt') !== state.s)) {
    throw new ClarityProblem('cursor_filter_mismatch', 'The cursor was issued for different filters or sort; repeat them exactly or omit them.');
  }
  return { filters: state.f, sort: state.s };
}

function canonical(f: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(f).sort().map((k) => [k, f[k]!]));
}
