import { isLookupValue } from './types';

/**
 * Value used for index and key comparisons. Dataverse compares strings case-insensitively (SQL Server's
 * default collation, specs/dataverse-webapi.md §1.4), and lookups by the id they point at.
 */
export function indexValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (isLookupValue(value)) return value.id.toLowerCase();
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function compositeKey(values: readonly unknown[]): string | undefined {
  const parts: string[] = [];
  for (const v of values) {
    const part = indexValue(v);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.join('\u0000');
}
