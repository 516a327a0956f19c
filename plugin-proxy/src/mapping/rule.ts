/**
 * One field rule, compiled: paths parsed, transforms resolved and their arguments checked, so that
 * apply() cannot meet a configuration mistake at run time, only bad data.
 */
import { coerce } from './coerce';
import { compileCondition, compileReader, exists, type Predicate } from './conditions';
import { parsePath, type Path } from './path';
import type { FieldRule, TransformSpec } from './schema';
import { describe, TRANSFORMS, TransformError } from './transforms';
import type { Direction, FieldType, SourceOfTruth } from './types';

type Reader = (source: unknown, current: unknown) => unknown;
type Step = (value: unknown) => unknown;

export interface CompiledRule {
  readonly target: string;
  /** Key in the output: the target, or `<target>@odata.bind` for a lookup. */
  readonly outKey: string;
  readonly targetPath?: Path;
  readonly source?: string | readonly string[];
  readonly sourceOfTruth: SourceOfTruth;
  readonly direction: Direction;
  readonly when?: Predicate;
  readonly hasWhen: boolean;
  readonly read: Reader;
  readonly steps: readonly Step[];
  readonly valueMap?: Readonly<Record<string, unknown>>;
  readonly default?: unknown;
  readonly type?: FieldType;
  readonly nullWhenMissing: boolean;
  readonly lookup?: { readonly entitySet: string; readonly key?: string; readonly clearWhenEmpty: boolean };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `@odata.bind` value; OData string literals escape a single quote by doubling it. */
export function formatBind(entitySet: string, key: string | undefined, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new TransformError(`lookup key must be text, got ${describe(value)}`);
  const text = String(value);
  if (key === undefined) {
    if (!GUID.test(text)) throw new TransformError(`lookup without "key" needs a GUID, got ${describe(value)}`);
    return `/${entitySet}(${text})`;
  }
  return `/${entitySet}(${key}='${text.replace(/'/g, "''")}')`;
}

function compileTransform(spec: TransformSpec, problems: string[]): Step | undefined {
  const { name, ...rawArgs } = typeof spec === 'string' ? { name: spec } : spec;
  const def = TRANSFORMS[name];
  if (!def) {
    problems.push(`unknown transform "${name}"`);
    return undefined;
  }
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`transform "${name}": ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
    return undefined;
  }
  return (value) => def.run(value, parsed.data);
}

function defaultSourceOfTruth(direction: Direction): SourceOfTruth {
  return direction === 'clarity-to-dataverse' ? 'clarity' : direction === 'dataverse-to-clarity' ? 'dataverse' : 'both';
}

/** Compiles one rule; configuration mistakes go to `problems` (message without the mapping/field prefix). */
export function compileRule(rule: FieldRule, targetSystem: 'clarity' | 'dataverse', problems: string[]): CompiledRule | undefined {
  const before = problems.length;
  const guard = <T>(what: () => T): T | undefined => {
    try {
      return what();
    } catch (e) {
      problems.push((e as Error).message);
      return undefined;
    }
  };
  const hasConst = rule.const !== undefined;
  const kinds = [rule.source !== undefined, hasConst, rule.lookup !== undefined].filter(Boolean).length;
  if (kinds !== 1) problems.push('needs exactly one of "source", "const" or "lookup"');

  if (rule.lookup) {
    if (targetSystem !== 'dataverse') problems.push('"lookup" only applies to Dataverse targets');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(rule.target)) problems.push('a lookup target must be a navigation property name such as "parentcustomerid_account"');
  }
  const targetPath = rule.lookup ? undefined : guard(() => parsePath(rule.target));

  const sourceText = rule.lookup?.source ?? rule.source;
  let read: Reader = () => rule.const;
  if (Array.isArray(sourceText)) {
    const readers = sourceText.map((s) => guard(() => compileReader(s)));
    read = (s, c) => {
      const parts = readers.map((r) => r?.(s, c));
      return parts.every((p) => p === undefined) ? undefined : parts;
    };
  } else if (typeof sourceText === 'string') {
    read = guard(() => compileReader(sourceText)) ?? read;
  }

  const specs = rule.transform === undefined ? [] : Array.isArray(rule.transform) ? rule.transform : [rule.transform];
  const steps = specs.map((s) => compileTransform(s, problems));
  const when = rule.when ? guard(() => compileCondition(rule.when as NonNullable<FieldRule['when']>)) : undefined;

  const direction = rule.direction ?? 'both';
  const sourceOfTruth = rule.sourceOfTruth ?? defaultSourceOfTruth(direction);
  if (direction !== 'both' && sourceOfTruth !== defaultSourceOfTruth(direction)) {
    problems.push(`sourceOfTruth "${sourceOfTruth}" contradicts direction "${direction}"`);
  }
  if (rule.default !== undefined && rule.default !== null && rule.type) {
    guard(() => coerce(rule.default, rule.type as FieldType, targetSystem));
  }
  if (problems.length > before) return undefined;

  return {
    target: rule.target,
    outKey: rule.lookup ? `${rule.target}@odata.bind` : rule.target,
    targetPath,
    source: sourceText,
    sourceOfTruth,
    direction,
    when,
    hasWhen: rule.when !== undefined,
    read,
    steps: steps as Step[],
    valueMap: rule.valueMap,
    default: rule.default,
    type: rule.type,
    nullWhenMissing: rule.nullWhenMissing ?? false,
    lookup: rule.lookup && { entitySet: rule.lookup.entitySet, key: rule.lookup.key, clearWhenEmpty: rule.lookup.clearWhenEmpty ?? false },
  };
}

/** Used by apply: a lookup key counts as missing when blank, since "/accounts(key='')" is never meant. */
export const lookupMissing = (v: unknown): boolean => !exists(v);
