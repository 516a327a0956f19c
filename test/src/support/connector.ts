import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildClarityEmulator, type ClarityEmulator } from '../../../sandbox/src/clarity';
import type { ClarityEmulatorOptions } from '../../../sandbox/src/clarity/options';
import { startSandboxConnector } from '../../../sandbox/src/connector';
import type { DataverseEmulatorOptions } from '../../../sandbox/src/dataverse/app';
import { startDataverse, type RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import pino from 'pino';
import { DEFAULT_MAPPINGS_DIR } from '../../../plugin-proxy/src/config';
import type { FlowDeps } from '../../../plugin-proxy/src/flows/deps';
import { loadMappings } from '../../../plugin-proxy/src/mapping';
import type { RunningProxy } from '../../../plugin-proxy/src/runtime';

export interface ConnectorSandbox {
  dv: RunningDataverse;
  clarity: ClarityEmulator;
  clarityUrl: string;
  /** The in-process proxy (absent with `inProcessProxy: false`: start proxy processes from `env`). */
  proxy: RunningProxy;
  /** Environment a separate proxy process needs to join (same store, same secrets). */
  env: Record<string, string>;
  dir: string;
  /** Calls the Clarity API with the sandbox key. */
  clarityApi(method: string, pathname: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves when no job is queued, running or waiting to retry (and webhooks have been delivered). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectorSandboxOptions {
  dataverse?: DataverseEmulatorOptions;
  clarity?: ClarityEmulatorOptions;
  databaseUrl?: string;
  extraEnv?: Record<string, string>;
  /** false: only the emulators and the setup steps; `env` then starts proxies as separate processes. */
  inProcessProxy?: boolean;
}

/** Both emulators, the setup steps and the proxy in this process, on free loopback ports and a temp store. */
export async function startConnectorSandbox(options: ConnectorSandboxOptions = {}): Promise<ConnectorSandbox> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'connector-'));
  const dv = await startDataverse({ webhooks: { retryDelayMs: 50 }, ...options.dataverse });
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, dv.caPem);
  const clarity = await buildClarityEmulator({ rateLimit: false, webhookRetryScale: 0.001, ...options.clarity });
  const clarityUrl = await clarity.app.listen({ port: 0, host: '127.0.0.1' });
  const { proxy, env } = await startSandboxConnector({
    startProxy: (options.inProcessProxy ?? true) as true,
    dataverseUrl: dv.url,
    caFile,
    clarityUrl,
    sqliteFile: path.join(dir, 'connector.sqlite'),
    databaseUrl: options.databaseUrl,
    logLevel: 'error',
    extraEnv: { POLL_INTERVAL_MS: '50', JOB_LEASE_MS: '5000', ...(options.extraEnv ?? {}) },
  });
  const clarityApi: ConnectorSandbox['clarityApi'] = async (method, pathname, body, headers = {}) => {
    const res = await fetch(`${clarityUrl}/api/v1${pathname}`, {
      method,
      headers: { authorization: 'Bearer clr_test_sandbox', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const settle = async (timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    let quietRounds = 0;
    while (Date.now() < deadline) {
      await clarity.state.dispatcher.whenIdle();
      await dv.emulator.webhooks.drain();
      if (!proxy) return;
      const c = await proxy.store.jobs.counts();
      if (c.queued + c.running + c.retry === 0) {
        if (++quietRounds >= 3) return;
      } else quietRounds = 0;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`connector did not settle within ${timeoutMs} ms: ${JSON.stringify(await proxy.store.jobs.counts())}`);
  };
  return {
    dv,
    clarity,
    clarityUrl,
    proxy: proxy as RunningProxy,
    env,
    dir,
    clarityApi,
    settle,
    async close() {
      await proxy?.close();
      await clarity.close();
      await dv.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a flow needs, over the in-process proxy's store and clients: for calling flows and commands directly. */
export function flowDepsOf(sb: ConnectorSandbox): FlowDeps {
  return { store: sb.proxy.store, dataverse: sb.proxy.dataverse, clarity: sb.proxy.clarity, mappings: loadMappings(DEFAULT_MAPPINGS_DIR), now: () => new Date(), logger: pino({ level: 'silent' }) };
}
