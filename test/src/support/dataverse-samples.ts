import { CONNECTOR_SCHEMA } from '../../../sandbox/src/dataverse/metadata/connector-schema';
import { startDataverse, type RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { SAMPLE_EXTENSIONS, SAMPLE_TABLES } from '../../../sandbox/src/dataverse/test-support/sample-tables';
import type { HttpMessage } from './http-samples';

export const SAMPLES = ['reference', 'dataverse-samples'];

/** An emulator that also knows the documentation samples' tables (`task`, `lead`, `example_record`). */
export function startSampleDataverse(): Promise<RunningDataverse> {
  return startDataverse({ extraTables: SAMPLE_TABLES, extensions: [...CONNECTOR_SCHEMA, ...SAMPLE_EXTENSIONS] });
}

const PLACEHOLDER = /\[Organization U[Rr][Ii]\]/g;

/** Sends a documented request unchanged except for the org URL placeholder and our bearer token. */
export async function sendSample(dv: RunningDataverse, request: HttpMessage, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const url = String(request.url).replace(PLACEHOLDER, dv.url);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) if (k !== 'content-length' && k !== 'host') headers[k] = v.replace(PLACEHOLDER, dv.url);
  return dv.request(url, { method: request.method, headers: { ...headers, ...extraHeaders }, body: request.body ? request.body.replace(PLACEHOLDER, dv.url) : undefined });
}

/** Structure of a JSON value: objects by key (order kept), arrays by their first element, scalars by type. */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return value === null ? 'null' : typeof value;
}

/** Keys of a documented JSON object, for comparisons that ignore values (ids, etags, timestamps). */
export function sortedKeys(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

export function expectDocumentedHeaders(res: Response, documented: Record<string, string>, names: string[]): void {
  for (const name of names) {
    expect({ name, present: res.headers.has(name) }).toEqual({ name, present: name in documented });
  }
}
