import { Pacer, type Slot } from './pacer';

let clock = 0;
const now = () => clock;
/** Lets resolved acquisitions run, then advances the fake clock and fires due timers. */
async function advance(ms: number) {
  clock += ms;
  jest.advanceTimersByTime(ms);
  await Promise.resolve();
  await Promise.resolve();
}

beforeEach(() => {
  clock = 0;
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

function track(p: Pacer, n: number) {
  const slots: Slot[] = [];
  for (let i = 0; i < n; i++) void p.acquire().then((s) => slots.push(s));
  return slots;
}

it('caps concurrency: the next request starts when one finishes', async () => {
  const p = new Pacer({ maxConcurrency: 2, now });
  const slots = track(p, 3);
  await advance(0);
  expect(slots).toHaveLength(2);
  expect(p.stats()).toMatchObject({ inFlight: 2, queued: 1 });
  slots[0]!.done();
  slots[0]!.done(); // idempotent
  await advance(0);
  expect(p.stats()).toMatchObject({ inFlight: 2, queued: 0 });
});

it('keeps a sliding-window request budget (with headroom), counting from completion', async () => {
  const p = new Pacer({ maxConcurrency: 100, limits: { requestsPerWindow: 10, windowMs: 1000 }, headroom: 0.5, now });
  const slots = track(p, 7);
  await advance(0);
  expect(slots).toHaveLength(5);
  for (const s of slots) s.done();
  await advance(999);
  expect(slots).toHaveLength(5);
  await advance(1);
  expect(slots).toHaveLength(7);
});

it('keeps an execution-time budget', async () => {
  const p = new Pacer({ maxConcurrency: 100, limits: { requestsPerWindow: 1000, windowMs: 1000, executionMsPerWindow: 100 }, headroom: 1, now });
  const slots = track(p, 1);
  await advance(0);
  await advance(100);
  slots[0]!.done(); // 100 ms of execution: the budget is spent until it leaves the window
  track(p, 1);
  await advance(0);
  expect(p.stats().queued).toBe(1);
  await advance(1000);
  expect(p.stats()).toMatchObject({ queued: 0, inFlight: 1 });
});

it('pauses every request after a 429 until Retry-After has passed', async () => {
  const p = new Pacer({ maxConcurrency: 10, now });
  p.pauseFor(2000);
  const slots = track(p, 3);
  await advance(1999);
  expect(slots).toHaveLength(0);
  await advance(1);
  expect(slots).toHaveLength(3);
});

it('spaces starts at the sustained rate while the server reports its budget nearly spent', async () => {
  const p = new Pacer({ maxConcurrency: 4, now });
  p.observeRemaining(3, 50);
  const slots = track(p, 3);
  await advance(0);
  expect(slots).toHaveLength(1);
  await advance(50);
  expect(slots).toHaveLength(2);
  p.observeRemaining(500, 50);
  await advance(0);
  expect(slots).toHaveLength(3);
});
