/**
 * Ids of rows just upserted, by the column they were keyed on. UpsertMultiple answers 204 with no ids
 * (dataverse-webapi.md §2.3), so the ids are read back: many `or` filters as GET parts of one `$batch` (one
 * request against the service protection count, §3/§4.4, and no long URL).
 */
import type { BatchOperation } from '../clients/dataverse';
import type { FlowDeps } from '../flows/deps';

const FILTER_CHUNK = 50;
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function idsByColumn(deps: FlowDeps, set: string, idColumn: string, keyColumn: string, values: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(values)];
  const ops: BatchOperation[] = [];
  for (let i = 0; i < unique.length; i += FILTER_CHUNK) {
    const filter = unique.slice(i, i + FILTER_CHUNK).map((v) => `${keyColumn} eq ${quoted(v)}`).join(' or ');
    ops.push({ method: 'GET', url: `${set}?$select=${idColumn},${keyColumn}&$filter=${encodeURIComponent(filter)}` });
  }
  const out = new Map<string, string>();
  if (ops.length === 0) return out;
  for (const r of await deps.dataverse.batch(ops)) {
    if (r.error) throw r.error;
    for (const row of (r.body as { value?: Record<string, unknown>[] }).value ?? []) out.set(String(row[keyColumn]), String(row[idColumn]).toLowerCase());
  }
  return out;
}
