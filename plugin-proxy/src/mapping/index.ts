/** The mapping engine: declarative JSON mappings (../../mappings) compiled once at start-up, applied purely. */
export { compileMapping, checkMapping, type CheckResult } from './compile';
export { loadMappings, createMappingSet, type MappingSet } from './load';
export { canonicalHash, canonicalEqual, canonicalJson } from './hash';
export { threeWayMerge, type MergeInput, type MergeResult, type MergeConflict } from './merge';
export { TRANSFORMS } from './transforms';
export type { MappingDefinition, FieldRule, Condition } from './schema';
export type {
  ApplyContext,
  ApplyResult,
  CompiledMapping,
  Direction,
  FieldMeta,
  FieldOutcome,
  FieldPolicy,
  FieldType,
  SourceOfTruth,
} from './types';
