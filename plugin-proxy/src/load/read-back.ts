/**
 * Rows by the values of one column, many values at once: `or` filters as GET parts of one `$batch` (one request
 * against the service protection count, §3/§4.4, and no long URL). Used to read back the ids of rows just
 * upserted (UpsertMultiple answers 204 with no ids, dataverse-webapi.md §2.3) and to find the CRM rows a load
 * adopts instead of duplicating.
 */
import type { BatchOperation, Row } from '../clients/dataverse';
import type { FlowDeps } from '../flows/deps';

const FILTER_CHUNK = 50;
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface ColumnLookup {
  set: string;
  select: readonly string[];
  /** The column the values are compared with (`eq`, case-insensitive for strings as Dataverse compares). */
  column: string;
  values: readonly string[];
  /** ANDed to every part, e.g. `clar_clarityid eq null`. */
  where?: string;
}

/** Several lookups in one `$batch`; the rows of each, in the order asked. */
export async function rowsWhere(deps: FlowDeps, lookups: readonly ColumnLookup[]): Promise<Row[][]> {
  const ops: BatchOperation[] = [];
  const owner: number[] = [];
  lookups.forEach((l, i) => {
    const unique = [...new Set(l.values)];
    for (let at = 0; at < unique.length; at += FILTER_CHUNK) {
      const any = unique.slice(at, at + FILTER_CHUNK).map((v) => `${l.column} eq ${quoted(v)}`).join(' or ');
      const filter = l.where ? `(${any}) and ${l.where}` : any;
      ops.push({ method: 'GET', url: `${l.set}?$select=${l.select.join(',')}&$filter=${encodeURIComponent(filter)}` });
      owner.push(i);
    }
  });
  const out: Row[][] = lookups.map(() => []);
  if (ops.length === 0) return out;
  const results = await deps.dataverse.batch(ops);
  results.forEach((r, k) => {
    if (r.error) throw r.error;
    out[owner[k] as number]!.push(...((r.body as { value?: Row[] }).value ?? []));
  });
  return out;
}

export async function idsByColumn(deps: FlowDeps, set: string, idColumn: string, keyColumn: string, values: readonly string[]): Promise<Map<string, string>> {
  const [rows = []] = await rowsWhere(deps, [{ set, select: [idColumn, keyColumn], column: keyColumn, values }]);
  return new Map(rows.map((row) => [String(row[keyColumn]), String(row[idColumn]).toLowerCase()]));
}
