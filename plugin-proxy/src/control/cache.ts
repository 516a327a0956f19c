/**
 * A small in-memory TTL cache for control reads: a form that opens, a tab that is switched back to and a
 * command bar that refreshes all ask for the same data within seconds. Only successful answers go in; a
 * failure is computed again on the next call. Bounded so a scan of ids cannot grow it without limit.
 */
export interface ControlCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
}

const MAX_ENTRIES = 1000;

export function createCache(ttlMs: number, now: () => number = Date.now): ControlCache {
  const entries = new Map<string, { until: number; value: unknown }>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return compute();
      const hit = entries.get(key);
      if (hit && hit.until > now()) return hit.value as T;
      entries.delete(key);
      const value = await compute();
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(key, { until: now() + ttlMs, value });
      return value;
    },
    clear: () => entries.clear(),
  };
}
