/** One HTTP POST attempt with the spec's timeouts (3 s connect, 10 s total); never throws. */
import http from 'node:http';
import https from 'node:https';

export interface AttemptResult { status?: number; retryAfterSec?: number; error?: string }

const CONNECT_TIMEOUT_MS = 3000;

export function postOnce(url: string, headers: Record<string, string>, body: Buffer, timeoutMs: number, signal: AbortSignal): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    let done = false;
    const finish = (r: AttemptResult) => {
      if (done) return;
      done = true;
      clearTimeout(total);
      resolve(r);
    };
    const req = mod.request(u, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) }, signal, agent: false }, (res) => {
      res.resume(); // the body is not used; drain it so the socket closes
      res.on('end', () => finish({ status: res.statusCode, retryAfterSec: parseRetryAfter(res.headers['retry-after']) }));
      res.on('error', (e) => finish({ error: e.message }));
    });
    const total = setTimeout(() => { req.destroy(new Error(`timed out after ${timeoutMs} ms`)); }, timeoutMs);
    req.on('socket', (s) => {
      if (s.connecting) {
        const t = setTimeout(() => req.destroy(new Error('connect timeout')), CONNECT_TIMEOUT_MS);
        s.once('connect', () => clearTimeout(t));
        s.once('close', () => clearTimeout(t));
      }
    });
    req.on('error', (e) => finish({ error: e.message }));
    req.end(body);
  });
}

function parseRetryAfter(v: string | undefined): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
