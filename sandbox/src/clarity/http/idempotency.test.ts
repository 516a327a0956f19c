import { bodyHash, IdempotencyStore } from './idempotency';

test('new, in progress, replay, reuse, and expiry after 24 h', () => {
  const s = new IdempotencyStore();
  const h = bodyHash({ b: 1, a: [1, 2] });
  expect(bodyHash({ a: [1, 2], b: 1 })).toBe(h); // key order does not matter
  expect(s.begin('k', h, 0)).toEqual({ kind: 'new' });
  expect(s.begin('k', h, 1)).toEqual({ kind: 'in_progress' });
  const response = { status: 201, body: '{}', headers: {} };
  s.finish('k', response);
  expect(s.begin('k', h, 2)).toEqual({ kind: 'replay', response });
  expect(s.begin('k', bodyHash({ b: 2 }), 3)).toEqual({ kind: 'reused' });
  expect(s.begin('k', bodyHash({ b: 2 }), 24 * 3600_000 + 1)).toEqual({ kind: 'new' });
});

test('a 5xx is not stored, so the key can be retried', () => {
  const s = new IdempotencyStore();
  s.begin('k', 'h', 0);
  s.finish('k', { status: 500, body: '', headers: {} });
  expect(s.begin('k', 'h', 1)).toEqual({ kind: 'new' });
});
