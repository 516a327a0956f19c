import { TokenBuckets } from './rate-limit';

test('bucket drains, refuses with Retry-After >= 1, and refills over time', () => {
  const b = new TokenBuckets(3, 1);
  expect(b.take('k', 2, 0)).toMatchObject({ allowed: true, remaining: 1, resetSec: 2 });
  expect(b.take('k', 2, 0)).toMatchObject({ allowed: false, remaining: 1, retryAfterSec: 1 });
  expect(b.take('other', 1, 0)).toMatchObject({ allowed: true, remaining: 2 });
  expect(b.take('k', 1, 500)).toMatchObject({ allowed: true, remaining: 0 });
  expect(b.take('k', 1, 500)).toMatchObject({ allowed: false, retryAfterSec: 1 });
  expect(b.take('k', 3, 10_000)).toMatchObject({ allowed: true, remaining: 0, resetSec: 3 });
});
