import { decide, ruleMatches } from './fault-rules';
import { createFaultInjector } from './faults';
import { createPrng } from './prng';

describe('createPrng', () => {
  it('replays the same sequence for the same seed, in [0, 1)', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createPrng(43)()).not.toBe(xs[0]);
  });
});

describe('fault rules', () => {
  it('matches prefixes, ^regex sources and methods', () => {
    expect(ruleMatches({ path: '/api/data/v9.2/contacts' }, 'GET', '/api/data/v9.2/contacts(1)')).toBe(true);
    expect(ruleMatches({ path: '/api/data/v9.2/contacts' }, 'GET', '/api/data/v9.2/accounts')).toBe(false);
    expect(ruleMatches({ path: '^/api/v1/orders/\\d+$' }, 'GET', '/api/v1/orders/12')).toBe(true);
    expect(ruleMatches({ path: '/x', method: 'post' }, 'GET', '/x')).toBe(false);
    expect(ruleMatches({ path: '/x', method: 'post' }, 'POST', '/x')).toBe(true);
  });

  it('adds latencies and lets the first drawn fault decide', () => {
    const always = () => 0;
    expect(decide([{ path: '/', latencyMs: 5 }, { path: '/', latencyMs: 7, errorRate: 1, errorStatus: 502 }], always)).toMatchObject({
      latencyMs: 12,
      outcome: 'error',
      status: 502,
    });
    expect(decide([{ path: '/', throttleRate: 1, retryAfterSec: 9 }, { path: '/', dropRate: 1 }], always)).toMatchObject({ outcome: 'throttle', status: 429, retryAfterSec: 9 });
    expect(decide([{ path: '/', errorRate: 0.5 }], () => 0.9).outcome).toBe('pass');
  });

  it('applies a rule with `remaining` to the next N matching requests only', () => {
    const inj = createFaultInjector({ rules: [{ id: 'r', path: '/a', errorRate: 1, remaining: 2 }] });
    const outcomes = ['/b', '/a', '/a', '/a'].map((u) => inj.decide('GET', u).outcome);
    expect(outcomes).toEqual(['pass', 'error', 'error', 'pass']);
    expect(inj.list()).toEqual([]);
  });

  it('gives the same decisions for the same seed', () => {
    const run = (seed: number) => {
      const inj = createFaultInjector({ seed, rules: [{ path: '/', errorRate: 0.3 }] });
      return Array.from({ length: 50 }, () => inj.decide('GET', '/x').outcome);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('rejects invalid rules', () => {
    const inj = createFaultInjector();
    expect(() => inj.add({ path: '/x', errorRate: 2 })).toThrow();
    expect(() => inj.add({ path: '^(' })).toThrow();
  });
});
