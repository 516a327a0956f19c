/**
 * Proxy processes for crash and scale-out scenarios: each proxy runs `plugin-proxy/src/main.ts` in its own Node
 * process (tsx compiles it), in its own process group so a test can SIGKILL it and everything it started, and
 * a tiny loopback forwarder can spread webhooks over several instances the way a load balancer would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { Client } from 'pg';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface ProxyProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<string>;
  /** The last few KB the process printed (for failure messages). */
  output(): string;
  /** Signals the whole process group; resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<string>;
}

const OUTPUT_KEEP = 16 * 1024;

/** Resolves when `check` returns a truthy value, polling every `intervalMs`; throws with `describe()` at the deadline. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, options: { timeoutMs: number; intervalMs?: number; what: string; describe?: () => Promise<string> | string }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const detail = options.describe ? `: ${await options.describe()}` : '';
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Starts `plugin-proxy/src/main.ts` with exactly `env` on top of this process's environment, and waits until
 * its `/readyz` answers 200 (or the process exits, which fails with its output).
 */
export async function startProxyProcess(name: string, env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<ProxyProcess> {
  // `node --import tsx` keeps the proxy in one process (npx would add a parent that a kill could miss).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('plugin-proxy', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-OUTPUT_KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${String(code)}`));
    child.once('error', (err) => resolve(`spawn error: ${err.message}`));
  });
  const url = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT}`;
  const proc: ProxyProcess = {
    name,
    pid: child.pid ?? -1,
    url,
    exited,
    output: () => out,
    async kill(signal = 'SIGKILL') {
      signalGroup(child, signal);
      return exited;
    },
  };
  live.add(proc);
  void exited.then(() => live.delete(proc));
  let gone: string | undefined;
  void exited.then((how) => (gone = how));
  try {
    await waitFor(
      async () => {
        if (gone !== undefined) throw new Error(`proxy ${name} exited (${gone}) before it was ready:\n${out}`);
        const res = await fetch(`${url}/readyz`).catch(() => undefined);
        return res?.status === 200;
      },
      { timeoutMs: options.readyTimeoutMs ?? 30_000, intervalMs: 100, what: `proxy ${name} /readyz`, describe: () => out },
    );
  } catch (err) {
    await proc.kill('SIGKILL');
    throw err;
  }
  return proc;
}

const live = new Set<ProxyProcess>();
// Should Jest itself stop before afterAll, no proxy outlives it.
process.once('exit', () => {
  for (const p of live) {
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** SIGKILLs every proxy process group still running (afterAll, also after a failed test). */
export async function killAllProxies(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill('SIGKILL')));
}

export interface Forwarder {
  readonly port: number;
  /** Requests answered by each target, by target URL. */
  readonly served: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A round-robin HTTP forwarder on a loopback port (what a load balancer does in front of several proxies). A
 * target that refuses the connection is skipped for the next; when every target fails the sender gets 502 and
 * retries, as it would behind a real balancer.
 */
export function startForwarder(port: number, targets: readonly string[]): Promise<Forwarder> {
  let next = 0;
  const served = new Map<string, number>();
  const forwardOnce = (target: string, req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers = { ...req.headers, host: new URL(target).host };
      const out = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const start = next++;
        for (let i = 0; i < targets.length; i++) {
          const target = targets[(start + i) % targets.length] as string;
          try {
            const r = await forwardOnce(target, req, body);
            served.set(target, (served.get(target) ?? 0) + 1);
            const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...headers } = r.headers;
            res.writeHead(r.status, headers).end(r.body);
            return;
          } catch (err) {
            // Only a refused connection is safe to send elsewhere here; anything later is the sender's retry.
            if ((err as NodeJS.ErrnoException).code !== 'ECONNREFUSED') break;
          }
        }
        res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"no proxy instance answered"}');
      })();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port,
        served,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}

export interface ThrowawayDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL database on the server of `baseUrl` (the proxy has no schema setting: it always uses its
 * default schema, so isolation is per database). `drop()` disconnects whoever is left and removes it.
 */
export async function createThrowawayDatabase(baseUrl: string, prefix = 'connector_test'): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin(async (c) => {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      }),
  };
}
