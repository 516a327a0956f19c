import { z } from 'zod';

/** One fault rule; the same shape is accepted by POST /_sandbox/faults. */
export const faultRuleSchema = z
  .object({
    id: z.string().min(1).max(100).optional(),
    /** A path prefix (`/api/data/v9.2/contacts`), or a regex source when it starts with `^`; matched against path + query. */
    path: z.string().min(1),
    method: z.string().min(1).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    errorStatus: z.number().int().min(500).max(599).optional(),
    throttleRate: z.number().min(0).max(1).optional(),
    retryAfterSec: z.number().int().min(0).max(3600).optional(),
    dropRate: z.number().min(0).max(1).optional(),
    /** Apply to the next N matching requests only, then remove the rule. */
    remaining: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((r) => !r.path.startsWith('^') || isRegex(r.path), { message: 'path starting with ^ must be a valid regular expression', path: ['path'] });

export type FaultRule = z.infer<typeof faultRuleSchema>;

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export function ruleMatches(rule: FaultRule, method: string, url: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return rule.path.startsWith('^') ? new RegExp(rule.path).test(url) : url.startsWith(rule.path);
}

/** What the injector decided for one request. Latency applies before the outcome. */
export interface FaultDecision {
  latencyMs: number;
  outcome: 'pass' | 'drop' | 'throttle' | 'error';
  status?: number;
  retryAfterSec?: number;
  ruleIds: string[];
}

/**
 * Combines the rules that match one request: latencies add up; the first rule that draws a fault decides
 * the outcome. Each rate draws once from the PRNG, in the order drop, throttle, error, so a seed gives a
 * reproducible sequence.
 */
export function decide(rules: readonly FaultRule[], random: () => number): FaultDecision {
  const decision: FaultDecision = { latencyMs: 0, outcome: 'pass', ruleIds: [] };
  for (const rule of rules) {
    decision.ruleIds.push(rule.id ?? rule.path);
    decision.latencyMs += rule.latencyMs ?? 0;
    if (decision.outcome !== 'pass') continue;
    if (rule.dropRate && random() < rule.dropRate) {
      decision.outcome = 'drop';
    } else if (rule.throttleRate && random() < rule.throttleRate) {
      Object.assign(decision, { outcome: 'throttle', status: 429, retryAfterSec: rule.retryAfterSec ?? 1 });
    } else if (rule.errorRate && random() < rule.errorRate) {
      Object.assign(decision, { outcome: 'error', status: rule.errorStatus ?? 503 });
    }
  }
  return decision;
}
