/**
 * Shared shapes of the mapping engine. A mapping definition (JSON, see ../../mappings/README.md) compiles
 * into a CompiledMapping; applying it yields target values plus per-field metadata the flows and the
 * three-way merge need (who owns the field, which way it may flow).
 */

export type SourceOfTruth = 'clarity' | 'dataverse' | 'both';

/** Which way a field may flow in the two-way sync; `both` unless the rule says otherwise. */
export type Direction = 'both' | 'clarity-to-dataverse' | 'dataverse-to-clarity';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'money';

/** What happened to one target field in one apply() call. */
export type FieldOutcome = 'set' | 'default' | 'null' | 'omitted' | 'skipped';

/** The per-field policy threeWayMerge reads; FieldMeta satisfies it. */
export interface FieldPolicy {
  readonly sourceOfTruth: SourceOfTruth;
  readonly direction: Direction;
}

export interface FieldMeta extends FieldPolicy {
  /** The output key: the rule's target, or `<target>@odata.bind` for lookups. */
  readonly target: string;
  readonly source?: string | readonly string[];
  readonly outcome: FieldOutcome;
  /** Why a value was not written as mapped (unknown enum value, failed condition…), for logs. */
  readonly note?: string;
}

export interface ApplyContext {
  /** The target record as it is now; array targets (`addresses[isDefault=true].x`) merge into it. */
  readonly current?: unknown;
}

export interface ApplyResult {
  readonly values: Record<string, unknown>;
  readonly fields: Record<string, FieldMeta>;
}

export interface CompiledMapping {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** Canonical per-field policy keyed by output key, known before any apply (for threeWayMerge). */
  readonly policies: Readonly<Record<string, FieldPolicy>>;
  apply(source: unknown, ctx?: ApplyContext): ApplyResult;
}
