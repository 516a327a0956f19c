import { randomUUID } from 'node:crypto';
import { decide, faultRuleSchema, ruleMatches, type FaultDecision, type FaultRule } from './fault-rules';
import { createPrng } from './prng';

export type { FaultDecision, FaultRule } from './fault-rules';
export { faultRuleSchema } from './fault-rules';

export interface FaultStats {
  matched: number;
  delayed: number;
  dropped: number;
  throttled: number;
  errors: number;
}

export interface FaultInjector {
  add(rule: FaultRule): Required<Pick<FaultRule, 'id'>> & FaultRule;
  list(): FaultRule[];
  /** Removes one rule, or all when no id is given. Returns how many were removed. */
  clear(id?: string): number;
  /** Restarts the PRNG: the same seed replays the same decisions. */
  reseed(seed: number): void;
  /** Decides for one request and consumes `remaining` on the rules that matched. */
  decide(method: string, url: string): FaultDecision;
  stats(): FaultStats;
  readonly seed: number;
}

export interface FaultInjectorOptions {
  seed?: number;
  rules?: FaultRule[];
}

export function createFaultInjector(options: FaultInjectorOptions = {}): FaultInjector {
  let seed = options.seed ?? 1;
  let random = createPrng(seed);
  let rules: (FaultRule & { id: string })[] = [];
  const stats: FaultStats = { matched: 0, delayed: 0, dropped: 0, throttled: 0, errors: 0 };

  const injector: FaultInjector = {
    get seed() {
      return seed;
    },
    add(rule) {
      const parsed = faultRuleSchema.parse(rule);
      const withId = { ...parsed, id: parsed.id ?? randomUUID() };
      rules = [...rules.filter((r) => r.id !== withId.id), withId];
      return withId;
    },
    list: () => rules.map((r) => ({ ...r })),
    clear(id) {
      const before = rules.length;
      rules = id === undefined ? [] : rules.filter((r) => r.id !== id);
      return before - rules.length;
    },
    reseed(next) {
      seed = next;
      random = createPrng(next);
    },
    decide(method, url) {
      const matching = rules.filter((r) => ruleMatches(r, method, url));
      if (matching.length === 0) return { latencyMs: 0, outcome: 'pass', ruleIds: [] };
      for (const r of matching) if (r.remaining !== undefined) r.remaining--;
      rules = rules.filter((r) => r.remaining === undefined || r.remaining > 0);
      const decision = decide(matching, random);
      stats.matched++;
      if (decision.latencyMs > 0) stats.delayed++;
      if (decision.outcome === 'drop') stats.dropped++;
      if (decision.outcome === 'throttle') stats.throttled++;
      if (decision.outcome === 'error') stats.errors++;
      return decision;
    },
    stats: () => ({ ...stats }),
  };
  for (const rule of options.rules ?? []) injector.add(rule);
  return injector;
}
