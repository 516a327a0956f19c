import { DataverseError, errors } from '../../errors';
import type { BatchContext, SubRequest, SubResponse } from '../types';

/**
 * Test double for the *record routes* (not for the store or a queue): just enough of the Web API to run the
 * documented batch samples. The real routes are wired to the batch engine by the emulator's own tests.
 * It records every dispatched request so tests can see what the engine resolved.
 */

export const SERVICE_ORIGIN = 'http://127.0.0.1:5555';
export const SERVICE_ROOT = `${SERVICE_ORIGIN}/api/data/v9.2/`;
export const SEED_ACCOUNT = '00000000-0000-0000-0000-000000000001';

type Row = Record<string, unknown>;

const PRIMARY: Record<string, string> = { tasks: 'activityid', accounts: 'accountid', contacts: 'contactid', leads: 'leadid' };
const LOGICAL: Record<string, string> = { tasks: 'task', accounts: 'account', contacts: 'contact', leads: 'lead' };
const ROW_URL = /(\w+)\(([0-9a-f-]{36})\)$/;

export class FakeWebApi {
  tables = new Map<string, Map<string, Row>>(Object.keys(PRIMARY).map((set) => [set, new Map<string, Row>()]));
  readonly log: SubRequest[] = [];
  transactions = { started: 0, rolledBack: 0 };
  private seq = 0;
  private version = 77180900;

  constructor() {
    this.table('accounts').set(SEED_ACCOUNT, { accountid: SEED_ACCOUNT, name: 'Seed' });
  }

  rows(set: string): Row[] {
    return [...this.table(set).values()];
  }

  context(): BatchContext {
    let guids = 0;
    return {
      dispatch: (req) => this.dispatch(req),
      transaction: (fn) => this.transaction(fn),
      serviceRoot: SERVICE_ROOT,
      newGuid: () => `ffffffff-0000-4000-8000-${String(++guids).padStart(12, '0')}`,
    };
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    this.transactions.started += 1;
    const snapshot = structuredClone(this.tables);
    try {
      return await fn();
    } catch (error) {
      this.tables = snapshot;
      this.transactions.rolledBack += 1;
      throw error;
    }
  }

  async dispatch(req: SubRequest): Promise<SubResponse> {
    this.log.push(req);
    try {
      return this.route(req);
    } catch (error) {
      if (!(error instanceof DataverseError)) throw error;
      return json(error.status, error.toBody());
    }
  }

  private table(set: string): Map<string, Row> {
    const table = this.tables.get(set);
    if (!table) throw errors.resourceNotFoundForSegment(set);
    return table;
  }

  private route(req: SubRequest): SubResponse {
    const prefix = '/api/data/v9.2/';
    if (!req.url.startsWith(prefix)) throw errors.noHttpResource(req.url);
    const [path = '', query = ''] = req.url.slice(prefix.length).split('?');
    if (path === 'explode') throw errors.badRequest('thrown by the route');
    const m = /^(\w+)(?:\(([0-9a-f-]{36})\))?(?:\/(\w+))?(\/\$ref)?$/.exec(path);
    if (!m) throw errors.noHttpResource(req.url);
    const [, set = '', id, nav, ref] = m;
    const table = this.table(set);
    if (req.method === 'POST' && !id) return this.create(set, table, parseBody(req));
    if (!id) throw errors.methodNotAllowed();
    const row = table.get(id);
    if (!row) throw errors.recordNotFound(LOGICAL[set]!, id);
    if (req.method === 'GET' && nav === 'Account_Tasks') return this.accountTasks(id, query);
    if (req.method === 'GET' && !nav) return json(200, row);
    if (req.method === 'PATCH' && !nav) {
      Object.assign(row, this.columns(parseBody(req)));
      return noContent(set, id);
    }
    if (req.method === 'PUT' && nav && !ref) {
      row[nav] = parseBody(req)['value'];
      return noContent(set, id);
    }
    if (req.method === 'POST' && nav && ref) {
      const target = this.lookup(String(parseBody(req)['@odata.id']));
      row[nav] = [...((row[nav] as string[] | undefined) ?? []), target.id];
      return { status: 204, headers: { 'odata-version': '4.0' }, body: '' };
    }
    throw errors.methodNotAllowed();
  }

  private create(set: string, table: Map<string, Row>, body: Row): SubResponse {
    const subject = body['subject'];
    if (typeof subject === 'string' && subject.length > 200) throw errors.maxLength('subject', LOGICAL[set]!, 200);
    const id = `00000000-0000-4000-8000-${String(++this.seq).padStart(12, '0')}`;
    table.set(id, { ...this.columns(body), [PRIMARY[set]!]: id, versionnumber: (this.version += 3) });
    return noContent(set, id);
  }

  /** Bind values must be real row URLs by now: a `$n` reaching a route means the engine did not resolve it. */
  private columns(body: Row): Row {
    const out: Row = {};
    for (const [key, value] of Object.entries(body)) {
      if (!key.endsWith('@odata.bind')) out[key] = value;
      else out[`_${key.slice(0, -'@odata.bind'.length)}_value`] = this.lookup(String(value)).id;
    }
    return out;
  }

  private lookup(url: string): { set: string; id: string } {
    const m = ROW_URL.exec(url);
    if (!m) throw errors.badRequest(`Unresolvable row URL '${url}'.`);
    const [, set = '', id = ''] = m;
    if (!this.table(set).has(id)) throw errors.recordNotFound(LOGICAL[set] ?? set, id);
    return { set, id };
  }

  /** Shape of the GET part in samples 01/02. */
  private accountTasks(accountId: string, query: string): SubResponse {
    if (query !== '$select=subject') throw errors.badRequest(`unexpected query ${query}`);
    const value = this.rows('tasks')
      .filter((t) => t['_regardingobjectid_account_task_value'] === accountId)
      .map((t) => ({ '@odata.etag': `W/"${String(t['versionnumber'])}"`, subject: t['subject'], activityid: t['activityid'] }));
    return {
      status: 200,
      headers: { 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true', 'odata-version': '4.0' },
      // Indented like the documented response, which is a wire fixture once converted to CRLF.
      body: JSON.stringify({ '@odata.context': `${SERVICE_ROOT}$metadata#tasks(subject)`, value }, null, 2).replace(/\n/g, '\r\n'),
    };
  }
}

function parseBody(req: SubRequest): Row {
  try {
    return JSON.parse(req.body ?? '{}') as Row;
  } catch {
    throw errors.badRequest('Malformed JSON');
  }
}

/** Like fastify.inject: lower-case names and transport headers the engine must drop. */
function transport(body = ''): Record<string, string> {
  return { date: 'Mon, 01 Jan 2024 00:00:00 GMT', connection: 'keep-alive', 'content-length': String(Buffer.byteLength(body)) };
}

function noContent(set: string, id: string): SubResponse {
  const url = `${SERVICE_ROOT}${set}(${id})`;
  return { status: 204, headers: { 'odata-version': '4.0', location: url, 'odata-entityid': url, ...transport() }, body: '' };
}

function json(status: number, value: unknown): SubResponse {
  const body = JSON.stringify(value);
  return {
    status,
    headers: { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0', ...transport(body) },
    body,
  };
}
