/**
 * compileMapping: validates a definition (shape with zod, then meaning: paths, transforms, conflicting
 * rules) and returns a mapping whose apply() is a pure function of the source and the target's current
 * state. Every problem is collected, so a consultant fixes a file in one pass.
 */
import { ConnectorError } from '../errors';
import { evaluate } from './evaluate';
import { writePath } from './path';
import { compileRule, type CompiledRule } from './rule';
import { FieldRuleSchema, formatIssues, MappingHeaderSchema } from './schema';
import { TransformError } from './transforms';
import type { ApplyContext, ApplyResult, CompiledMapping, FieldMeta, FieldPolicy } from './types';

export interface CheckResult {
  readonly name?: string;
  readonly mapping?: CompiledMapping;
  readonly problems: readonly string[];
}

const fieldLabel = (raw: unknown, index: number): string => {
  const target = typeof raw === 'object' && raw !== null ? (raw as { target?: unknown }).target : undefined;
  return typeof target === 'string' && target !== '' ? `field "${target}"` : `field #${index + 1}`;
};

/** Validates without throwing; loadMappings gathers these across files. */
export function checkMapping(def: unknown): CheckResult {
  const header = MappingHeaderSchema.safeParse(def);
  const rawName = typeof def === 'object' && def !== null ? (def as { name?: unknown }).name : undefined;
  const label = `mapping ${typeof rawName === 'string' && rawName ? rawName : '(unnamed)'}`;
  if (!header.success) return { problems: formatIssues(header.error).map((p) => `${label}: ${p}`) };
  const { name, from, to, fields } = header.data;
  const problems: string[] = [];
  const fromSystem = from.split('.')[0] as 'clarity' | 'dataverse';
  const toSystem = to.split('.')[0] as 'clarity' | 'dataverse';
  if (fromSystem === toSystem) problems.push(`${label}: "from" and "to" must be different systems (clarity ⇄ dataverse)`);

  const rules: CompiledRule[] = [];
  const unconditional = new Set<string>();
  fields.forEach((raw, i) => {
    const prefix = `${label}, ${fieldLabel(raw, i)}`;
    const parsed = FieldRuleSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...formatIssues(parsed.error).map((p) => `${prefix}: ${p}`));
      return;
    }
    const own: string[] = [];
    const rule = compileRule(parsed.data, toSystem, own);
    problems.push(...own.map((p) => `${prefix}: ${p}`));
    if (!rule) return;
    const earlier = rules.find((r) => r.outKey === rule.outKey);
    if (unconditional.has(rule.outKey)) problems.push(`${prefix}: never used, an earlier rule for the same target has no "when"`);
    else if (earlier && (earlier.sourceOfTruth !== rule.sourceOfTruth || earlier.direction !== rule.direction)) {
      problems.push(`${prefix}: sourceOfTruth/direction differ from an earlier rule for the same target`);
    }
    if (!rule.hasWhen) unconditional.add(rule.outKey);
    rules.push(rule);
  });
  if (problems.length > 0) return { name, problems };
  return { name, problems, mapping: build(name, from, to, toSystem, rules) };
}

function build(name: string, from: string, to: string, system: 'clarity' | 'dataverse', rules: readonly CompiledRule[]): CompiledMapping {
  const policies: Record<string, FieldPolicy> = {};
  for (const r of rules) policies[r.outKey] ??= Object.freeze({ sourceOfTruth: r.sourceOfTruth, direction: r.direction });
  Object.freeze(policies);

  const apply = (source: unknown, ctx: ApplyContext = {}): ApplyResult => {
    const values: Record<string, unknown> = {};
    const fields: Record<string, FieldMeta> = {};
    const errors: string[] = [];
    const written = new Set<string>();
    for (const rule of rules) {
      // Rules for one target are alternatives: the first that writes wins.
      if (written.has(rule.outKey)) continue;
      try {
        const ev = evaluate(rule, source, ctx.current, system);
        if (ev.write) {
          written.add(rule.outKey);
          if (rule.targetPath) writePath(values, ctx.current, rule.targetPath, ev.value);
          else values[rule.outKey] = ev.value;
        }
        fields[rule.outKey] = meta(rule, ev.outcome, ev.note);
      } catch (e) {
        if (!(e instanceof TransformError)) throw e;
        errors.push(`mapping ${name}, field "${rule.target}": ${e.message}`);
      }
    }
    if (errors.length > 0) throw new ConnectorError('CONNECTOR_ERR_VALIDATION', errors.join('; '), { classification: 'validation' });
    return { values, fields };
  };
  return Object.freeze({ name, from, to, policies, apply });
}

function meta(rule: CompiledRule, outcome: FieldMeta['outcome'], note?: string): FieldMeta {
  const m: FieldMeta = { target: rule.outKey, source: rule.source, sourceOfTruth: rule.sourceOfTruth, direction: rule.direction, outcome };
  return note === undefined ? m : { ...m, note };
}

/** Compiles one definition or throws CONNECTOR_ERR_MAPPING listing every problem. */
export function compileMapping(def: unknown): CompiledMapping {
  const result = checkMapping(def);
  if (!result.mapping) throw new ConnectorError('CONNECTOR_ERR_MAPPING', result.problems.join('\n'));
  return result.mapping;
}
