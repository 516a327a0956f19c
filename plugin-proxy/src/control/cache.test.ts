import { createCache } from './cache';

describe('control cache', () => {
  it('serves a value until its TTL passes and never keeps a failure', async () => {
    let now = 0;
    const cache = createCache(1000, () => now);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('k', compute)).toBe(1);
    now = 999;
    expect(await cache.get('k', compute)).toBe(1);
    now = 1000;
    expect(await cache.get('k', compute)).toBe(2);
    await expect(cache.get('bad', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
    cache.clear();
    expect(await cache.get('k', compute)).toBe(3);
  });

  it('with a TTL of 0 always computes', async () => {
    const cache = createCache(0);
    let calls = 0;
    await cache.get('k', async () => ++calls);
    await cache.get('k', async () => ++calls);
    expect(calls).toBe(2);
  });
});
