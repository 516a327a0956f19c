/**
 * A Dataverse emulator in its own process for the benchmarks. The service protection limits count each
 * request's execution time as the emulator's wall time; sharing one event loop with the client under test
 * would add the client's own work to it (and take a core from it), so the emulator gets a process of its own,
 * as the real service is a different machine. Tokens, requests and the usage totals are asked over HTTP and IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Agent, fetch as undiciFetch, type RequestInit } from 'undici';

type Question = { type: 'usage'; clientId: string } | { type: 'count'; table: string } | { type: 'cpu' } | { type: 'close' };
export type ChildQuestion = Question & { id: number };
export type ChildAnswer = { id: number; value: unknown };

export interface DataverseProcess {
  /** `http://127.0.0.1:<port>` (the org URL and token audience). */
  url: string;
  caPem: string;
  /** msal's https authority on the same port. */
  authority: string;
  /** A fetch against the service root with a bearer token for `sandbox-connector`. */
  request(pathAndQuery: string, init?: { method?: string; body?: string }): Promise<{ status: number; retryAfterSec: number }>;
  /** Requests admitted for `clientId` since the start, and their combined execution time (the emulator's own count). */
  usage(clientId?: string): Promise<{ requests: number; executionMs: number }>;
  /** Rows in a table (logical name), read in the emulator without a request. */
  count(table: string): Promise<number>;
  /** CPU time the emulator process has used so far, in ms. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

export async function startDataverseProcess(limitsFactor: number): Promise<DataverseProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'dataverse-child.ts'), [String(limitsFactor)], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 1;
  const ready = new Promise<{ url: string; caPem: string }>((resolve, reject) => {
    waiting.set(0, (v) => resolve(v as { url: string; caPem: string }));
    child.once('exit', (code) => reject(new Error(`the Dataverse emulator process exited with ${code}`)));
  });
  child.on('message', (a: ChildAnswer) => {
    waiting.get(a.id)?.(a.value);
    waiting.delete(a.id);
  });
  const ask = <T>(q: Question) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, (v) => resolve(v as T));
      child.send({ ...q, id });
    });
  const { url, caPem } = await ready;
  const agent = new Agent({ connections: 4 });
  let token: string | undefined;
  const bearer = async () => {
    if (token) return token;
    const res = await undiciFetch(`${url}/sandbox/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-connector', client_secret: 'sandbox-secret', scope: `${url}/.default` }).toString(),
      dispatcher: agent,
    });
    if (!res.ok) throw new Error(`token request failed: ${res.status}`);
    token = ((await res.json()) as { access_token: string }).access_token;
    return token;
  };
  return {
    url,
    caPem,
    authority: `https://localhost:${new URL(url).port}/sandbox`,
    async request(pathAndQuery, init = {}) {
      const options: RequestInit = {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${await bearer()}`, accept: 'application/json', 'content-type': 'application/json', 'odata-version': '4.0' },
        body: init.body,
        dispatcher: agent,
      };
      const res = await undiciFetch(`${url}/api/data/v9.2/${pathAndQuery}`, options);
      await res.arrayBuffer();
      return { status: res.status, retryAfterSec: Number(res.headers.get('retry-after') ?? 1) };
    },
    usage: (clientId = 'sandbox-connector') => ask({ type: 'usage', clientId }),
    count: (table) => ask({ type: 'count', table }),
    cpuMs: () => ask({ type: 'cpu' }),
    async close() {
      await agent.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ id: next++, type: 'close' });
      await exited;
    },
  };
}
