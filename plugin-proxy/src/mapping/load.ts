/**
 * Start-up loading: every *.json in the mappings folder is parsed and validated; any problem in any
 * file stops the start with one error that lists them all, each naming its file, mapping and field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorError } from '../errors';
import { checkMapping } from './compile';
import type { CompiledMapping } from './types';

export interface MappingSet {
  readonly names: readonly string[];
  /** The mapping with this name; throws CONNECTOR_ERR_MAPPING when it is not configured. */
  get(name: string): CompiledMapping;
  has(name: string): boolean;
  /** The mapping between two endpoints, e.g. find("clarity.customer", "dataverse.contact"). */
  find(from: string, to: string): CompiledMapping | undefined;
}

export function createMappingSet(mappings: readonly CompiledMapping[]): MappingSet {
  const byName = new Map(mappings.map((m) => [m.name, m]));
  return Object.freeze({
    names: Object.freeze([...byName.keys()].sort()),
    has: (name: string) => byName.has(name),
    get(name: string): CompiledMapping {
      const m = byName.get(name);
      if (!m) throw new ConnectorError('CONNECTOR_ERR_MAPPING', `mapping ${name} is not defined (known: ${[...byName.keys()].join(', ') || 'none'})`);
      return m;
    },
    find: (from: string, to: string) => mappings.find((m) => m.from === from && m.to === to),
  });
}

export function loadMappings(dir: string): MappingSet {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    throw new ConnectorError('CONNECTOR_ERR_MAPPING', `cannot read the mappings folder ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const problems: string[] = [];
  const mappings: CompiledMapping[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let def: unknown;
    try {
      def = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON: ${(e as Error).message}`);
      continue;
    }
    const result = checkMapping(def);
    problems.push(...result.problems.map((p) => `${file}: ${p}`));
    if (result.name !== undefined) {
      const other = seen.get(result.name);
      if (other) problems.push(`${file}: mapping ${result.name} is also defined in ${other}`);
      else seen.set(result.name, file);
    }
    if (result.mapping) mappings.push(result.mapping);
  }
  if (files.length === 0) problems.push(`no *.json mapping files in ${dir}`);
  if (problems.length > 0) {
    throw new ConnectorError('CONNECTOR_ERR_MAPPING', `invalid mappings in ${dir}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return createMappingSet(mappings);
}
