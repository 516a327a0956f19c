import { decodeCursor, encodeCursor, resolveCursorFilters } from './cursor';
import { ClarityProblem } from './problem';

const codeOf = (f: () => unknown) => { try { f(); } catch (e) { return (e as ClarityProblem).code; } return undefined; };

test('round-trips filters, sort and position; filter order does not matter', () => {
  const c = encodeCursor({ status: 'paid', email: 'a@b.c' }, 'updatedAt', { t: 5, id: 'ord_1' }, 0);
  expect(c).toMatch(/^[\w-]+$/); // base64url, safe in a query string
  const s = decodeCursor(c, 1);
  expect(s.p).toEqual({ t: 5, id: 'ord_1' });
  expect(resolveCursorFilters(s, {}, undefined)).toEqual({ filters: { email: 'a@b.c', status: 'paid' }, sort: 'updatedAt' });
  expect(resolveCursorFilters(s, { email: 'a@b.c', status: 'paid' }, 'updatedAt').sort).toBe('updatedAt');
});

test('different filters or sort are cursor_filter_mismatch; junk and expired cursors are invalid_request', () => {
  const s = decodeCursor(encodeCursor({ status: 'paid' }, 'updatedAt', { t: 1, id: 'x' }, 0), 0);
  expect(codeOf(() => resolveCursorFilters(s, { status: 'pending' }, undefined))).toBe('cursor_filter_mismatch');
  expect(codeOf(() => resolveCursorFilters(s, { status: 'paid' }, '-createdAt'))).toBe('cursor_filter_mismatch');
  expect(codeOf(() => decodeCursor('not-a-cursor', 0))).toBe('invalid_request');
  expect(codeOf(() => decodeCursor(encodeCursor({}, 'updatedAt', { t: 1, id: 'x' }, 0), 8 * 24 * 3600_000))).toBe('invalid_request');
});
