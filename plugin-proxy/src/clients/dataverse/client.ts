/** A small typed Dataverse Web API client (dataverse-webapi.md §1–3); all transport concerns live in transport.ts. */
import { ConnectorError } from '../../errors';
import { parseJson } from '../shared/http';
import { parseBatchResponse, serializeBatch, type BatchItem, type BatchOperation, type BatchResult } from './batch';
import { ChangeSetCoalescer } from './coalesce';
import { dataverseError, readErrorBody } from './errors';
import { idFromEntityUrl, logicalNameOf, recordPath } from './keys';
import type { DataverseClientOptions } from './options';
import { DataverseTransport, type DataverseStats } from './transport';
import type { TokenSource } from './token';

export type Row = Record<string, unknown>;

export interface WhoAmI {
  UserId: string;
  BusinessUnitId: string;
  OrganizationId: string;
}

export interface QueryOptions {
  select?: readonly string[];
  filter?: string;
  orderby?: string;
  top?: number;
  expand?: string;
  /** `Prefer: odata.maxpagesize` (≤ 5000, §1.5); resent on every nextLink as the service requires. */
  maxPageSize?: number;
}

export interface QueryPage<T> {
  value: T[];
  nextLink?: string;
}

export interface WriteResult<T> {
  /** The record id when the response tells it (representation, or a GUID-form OData-EntityId). */
  id?: string;
  etag?: string;
  /** Only with `returnRepresentation`. */
  row?: T;
  /** Upsert with representation only: 201 = created, 200 = updated (§2.3). */
  created?: boolean;
}

export interface DataverseClient {
  whoAmI(): Promise<WhoAmI>;
  /** `key`: a GUID or an alternate key such as `clar_clarityid='x'` (see `alternateKey`). 404 → undefined. */
  retrieve<T extends Row = Row>(set: string, key: string, select?: readonly string[]): Promise<T | undefined>;
  query<T extends Row = Row>(set: string, options?: QueryOptions): Promise<QueryPage<T>>;
  /** Every row, following `@odata.nextLink` until the service stops returning one. */
  queryAll<T extends Row = Row>(set: string, options?: QueryOptions): AsyncIterable<T>;
  /**
   * Change tracking (§8): without `deltaLink`, every row of `set` (`Prefer: odata.track-changes`); with it, the rows
   * changed since, deletions as `{ id, reason: 'deleted' }`. Pages are followed; the new delta link comes back.
   */
  changes<T extends Row = Row>(set: string, options: { select?: readonly string[]; deltaLink?: string }): Promise<{ value: T[]; deltaLink: string }>;
  create<T extends Row = Row>(set: string, body: Row, options?: { returnRepresentation?: boolean }): Promise<WriteResult<T>>;
  /** PATCH to the key URL: creates or updates (§2.3). `ifMatch: '*'` = update only, `ifNoneMatch: '*'` = create only. */
  upsert<T extends Row = Row>(set: string, key: string, body: Row, options?: { ifMatch?: string; ifNoneMatch?: string; returnRepresentation?: boolean }): Promise<WriteResult<T>>;
  /** PATCH that never creates: `ifMatch` is `'*'` or an ETag for optimistic concurrency (§2.5). */
  update<T extends Row = Row>(set: string, key: string, body: Row, options: { ifMatch: string; returnRepresentation?: boolean }): Promise<WriteResult<T>>;
  /** Returns false when the record was already gone (404), so a replayed delete succeeds. */
  delete(set: string, key: string, options?: { ifMatch?: string }): Promise<boolean>;
  batch(items: readonly BatchItem[], options?: { continueOnError?: boolean }): Promise<BatchResult[]>;
  /**
   * One change set (all or nothing), sent in one `$batch` together with the change sets other callers submit at
   * about the same time (coalesce.ts). Resolves with its results — the failing operation's `error` when it was
   * rolled back — and rejects only when the whole request failed.
   */
  changeSet(ops: readonly BatchOperation[]): Promise<BatchResult[]>;
  /** One transaction; targets address rows by `@odata.id`, primary key or a full alternate key. */
  upsertMultiple(set: string, targets: readonly Row[], options?: { logicalName?: string }): Promise<void>;
  createMultiple(set: string, targets: readonly Row[], options?: { logicalName?: string }): Promise<string[]>;
  /** An unbound action (`POST <name>`, e.g. `CloseIncident`); its response body, or undefined for a 204. */
  action<T = unknown>(name: string, parameters: Row): Promise<T | undefined>;
  stats(): DataverseStats;
  close(): Promise<void>;
}

const json = (body: unknown) => JSON.stringify(body);
const REPRESENTATION = { prefer: 'return=representation' };

function queryString(o: QueryOptions): string {
  const params: string[] = [];
  if (o.select?.length) params.push(`$select=${o.select.join(',')}`);
  if (o.filter) params.push(`$filter=${encodeURIComponent(o.filter)}`);
  if (o.orderby) params.push(`$orderby=${encodeURIComponent(o.orderby)}`);
  if (o.top !== undefined) params.push(`$top=${o.top}`);
  if (o.expand) params.push(`$expand=${encodeURIComponent(o.expand)}`);
  return params.length ? `?${params.join('&')}` : '';
}

function withTypes(set: string, targets: readonly Row[], logicalName = logicalNameOf(set)): Row[] {
  const type = `Microsoft.Dynamics.CRM.${logicalName}`;
  return targets.map((t) => ({ '@odata.type': type, ...t }));
}

export function createDataverseClient(options: DataverseClientOptions, token?: TokenSource): DataverseClient {
  const t = new DataverseTransport(options, token);

  const writeResult = <T>(res: { status: number; headers: Record<string, string>; text: string }): WriteResult<T> => {
    const row = parseJson(res.text) as T | undefined;
    const etag = res.headers.etag ?? (row as Row | undefined)?.['@odata.etag'];
    const id = idFromEntityUrl(res.headers['odata-entityid']);
    return { ...(id ? { id } : {}), ...(typeof etag === 'string' ? { etag } : {}), ...(row !== undefined ? { row } : {}) };
  };

  const page = async <T>(path: string, maxPageSize?: number): Promise<QueryPage<T>> => {
    const headers = maxPageSize ? { prefer: `odata.maxpagesize=${maxPageSize}` } : undefined;
    const res = await t.request({ method: 'GET', path, headers });
    const body = parseJson(res.text) as { value?: T[]; '@odata.nextLink'?: string } | undefined;
    if (!Array.isArray(body?.value)) throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', `Dataverse GET ${path.split('?')[0]}: no value array`, { classification: 'transient' });
    return { value: body.value, ...(body['@odata.nextLink'] ? { nextLink: body['@odata.nextLink'] } : {}) };
  };

  const upsert: DataverseClient['upsert'] = async <T extends Row>(set: string, key: string, body: Row, o: { ifMatch?: string; ifNoneMatch?: string; returnRepresentation?: boolean } = {}) => {
    const headers: Record<string, string> = {
      ...(o.returnRepresentation ? REPRESENTATION : {}),
      ...(o.ifMatch ? { 'if-match': o.ifMatch } : {}),
      ...(o.ifNoneMatch ? { 'if-none-match': o.ifNoneMatch } : {}),
    };
    const res = await t.request({ method: 'PATCH', path: recordPath(set, key), body: json(body), headers });
    const result = writeResult<T>(res);
    return o.returnRepresentation ? { ...result, created: res.status === 201 } : result;
  };

  const batch: DataverseClient['batch'] = async (items, o = {}) => {
    const { boundary, body } = serializeBatch(items, t.serviceRoot);
    const headers: Record<string, string> = { 'content-type': `multipart/mixed; boundary=${boundary}` };
    if (o.continueOnError) headers.prefer = 'odata.continue-on-error';
    const readOnly = items.every((item) => !('changeSet' in item) && item.method === 'GET');
    // Without continue-on-error a failing operation makes the outer status 400 with a multipart body holding
    // only the failed part (§3): answer the parts so the caller sees which operation failed and why.
    const res = await t.request({ method: 'POST', path: '$batch', body, headers, allow: [400], readOnly });
    if (res.status === 400 && !/^multipart\/mixed/i.test(res.headers['content-type'] ?? '')) {
      throw dataverseError(400, res.headers, readErrorBody(res.text), 'POST $batch');
    }
    return parseBatchResponse(res.headers['content-type'], res.text);
  };
  const coalescer = new ChangeSetCoalescer((items) => batch(items, { continueOnError: true }), { ...t.options.changeSets, readyIn: () => t.readyIn() });

  return {
    async whoAmI() {
      return parseJson((await t.request({ method: 'GET', path: 'WhoAmI' })).text) as WhoAmI;
    },

    async retrieve<T extends Row>(set: string, key: string, select?: readonly string[]) {
      try {
        const res = await t.request({ method: 'GET', path: recordPath(set, key) + queryString({ select }) });
        return parseJson(res.text) as T;
      } catch (e) {
        if (e instanceof ConnectorError && e.code === 'CONNECTOR_ERR_NOT_FOUND') return undefined;
        throw e;
      }
    },

    query: <T extends Row>(set: string, o: QueryOptions = {}) => page<T>(set + queryString(o), o.maxPageSize),

    async *queryAll<T extends Row>(set: string, o: QueryOptions = {}) {
      let next: string | undefined = set + queryString(o);
      while (next) {
        const p: QueryPage<T> = await page<T>(next, o.maxPageSize);
        yield* p.value;
        // The link is opaque: used exactly as given (§1.5).
        next = p.nextLink;
      }
    },

    async changes<T extends Row>(set: string, o: { select?: readonly string[]; deltaLink?: string }) {
      const value: T[] = [];
      let next: string | undefined = o.deltaLink ?? set + queryString({ select: o.select });
      for (;;) {
        const res = await t.request({ method: 'GET', path: next, headers: { prefer: 'odata.track-changes,odata.maxpagesize=5000' } });
        const body = parseJson(res.text) as { value?: T[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string } | undefined;
        if (!Array.isArray(body?.value)) throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', `Dataverse GET ${set} (changes): no value array`, { classification: 'transient' });
        value.push(...body.value);
        if (body['@odata.deltaLink']) return { value, deltaLink: body['@odata.deltaLink'] };
        next = body['@odata.nextLink'];
        if (!next) throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', `Dataverse GET ${set} (changes): neither a next nor a delta link`, { classification: 'transient' });
      }
    },

    async create<T extends Row>(set: string, body: Row, o: { returnRepresentation?: boolean } = {}) {
      const res = await t.request({ method: 'POST', path: set, body: json(body), headers: o.returnRepresentation ? REPRESENTATION : undefined });
      return writeResult<T>(res);
    },

    upsert,

    update(set, key, body, o) {
      return upsert(set, key, body, { ifMatch: o.ifMatch, returnRepresentation: o.returnRepresentation });
    },

    async delete(set, key, o = {}) {
      try {
        await t.request({ method: 'DELETE', path: recordPath(set, key), headers: o.ifMatch ? { 'if-match': o.ifMatch } : undefined });
        return true;
      } catch (e) {
        if (e instanceof ConnectorError && e.code === 'CONNECTOR_ERR_NOT_FOUND') return false;
        throw e;
      }
    },

    batch,
    changeSet: (ops) => coalescer.submit(ops),

    async upsertMultiple(set, targets, o = {}) {
      await t.request({ method: 'POST', path: `${set}/Microsoft.Dynamics.CRM.UpsertMultiple`, body: json({ Targets: withTypes(set, targets, o.logicalName) }) });
    },

    async createMultiple(set, targets, o = {}) {
      const res = await t.request({ method: 'POST', path: `${set}/Microsoft.Dynamics.CRM.CreateMultiple`, body: json({ Targets: withTypes(set, targets, o.logicalName) }) });
      return ((parseJson(res.text) as { Ids?: string[] } | undefined)?.Ids ?? []).map((id) => id.toLowerCase());
    },

    async action<T>(name: string, parameters: Row) {
      const res = await t.request({ method: 'POST', path: name, body: json(parameters) });
      return parseJson(res.text) as T | undefined;
    },

    stats: () => t.stats(),
    close: () => {
      coalescer.close();
      return t.close();
    },
  };
}
