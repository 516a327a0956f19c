/**
 * Runs one compiled rule against a source record. Order: condition, read, default / null handling,
 * transforms, valueMap, type, lookup formatting. An absent source value is omitted (not written as null),
 * because absent usually means "not in this payload", not "cleared".
 */
import { coerce } from './coerce';
import { formatBind, lookupMissing, type CompiledRule } from './rule';
import type { FieldOutcome } from './types';

export type Evaluation =
  | { readonly write: true; readonly value: unknown; readonly outcome: FieldOutcome; readonly note?: string }
  | { readonly write: false; readonly outcome: FieldOutcome; readonly note?: string };

function finish(rule: CompiledRule, value: unknown, outcome: FieldOutcome, system: 'clarity' | 'dataverse', note?: string): Evaluation {
  let out = value === null || rule.type === undefined ? value : coerce(value, rule.type, system);
  if (rule.lookup && out !== null) out = formatBind(rule.lookup.entitySet, rule.lookup.key, out);
  return { write: true, value: out, outcome: out === null ? 'null' : outcome, note };
}

export function evaluate(rule: CompiledRule, source: unknown, current: unknown, system: 'clarity' | 'dataverse'): Evaluation {
  if (rule.when && !rule.when(source, current)) return { write: false, outcome: 'skipped', note: 'condition not met' };
  const raw = rule.read(source, current);

  if (rule.lookup && lookupMissing(raw)) {
    if (rule.default !== undefined) return finish(rule, rule.default, 'default', system);
    return rule.lookup.clearWhenEmpty ? finish(rule, null, 'null', system) : { write: false, outcome: 'omitted', note: 'lookup source is empty' };
  }
  if (raw === undefined) {
    if (rule.default !== undefined) return finish(rule, rule.default, 'default', system);
    return rule.nullWhenMissing ? finish(rule, null, 'null', system) : { write: false, outcome: 'omitted', note: 'source value is absent' };
  }
  // An explicit null means "cleared" in the source (Dataverse reads empty columns as null).
  if (raw === null) return finish(rule, rule.default ?? null, rule.default === undefined ? 'null' : 'default', system);

  let value: unknown = raw;
  for (const step of rule.steps) value = step(value);

  if (rule.valueMap) {
    const key = String(value);
    if (Object.prototype.hasOwnProperty.call(rule.valueMap, key)) {
      value = rule.valueMap[key];
    } else if (rule.default !== undefined) {
      return finish(rule, rule.default, 'default', system, `unknown value "${key}"; used the default`);
    } else {
      return { write: false, outcome: 'omitted', note: `unknown value "${key}" and no default` };
    }
  }
  return finish(rule, value, 'set', system);
}
