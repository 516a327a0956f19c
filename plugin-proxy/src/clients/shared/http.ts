/** The one HTTP call both clients make: undici, a whole-request timeout, network failures as TRANSIENT. */
import { request, type Dispatcher } from 'undici';
import { ConnectorError } from '../../errors';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Sends one request and reads the whole body. Any failure before a status arrives (refused, reset, TLS, DNS,
 * timeout) becomes CONNECTOR_ERR_TRANSIENT: the request may or may not have reached the server, so only an
 * idempotent replay (keys, Idempotency-Key) makes a retry safe, and the job layer decides that.
 */
export async function send(dispatcher: Dispatcher, req: HttpRequest, timeoutMs: number, label: string): Promise<HttpResponse> {
  try {
    const res = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: flatten(res.headers), text };
  } catch (cause) {
    const timedOut = (cause as { name?: string }).name === 'TimeoutError';
    const what = timedOut ? `timed out after ${timeoutMs} ms` : `failed: ${(cause as Error).message ?? String(cause)}`;
    throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', `${label} ${req.method} ${pathOf(req.url)} ${what}`, {
      classification: 'transient',
      cause,
    });
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The URL path only: queries can carry personal data (emails in filters), which must not reach logs. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** `Retry-After` as seconds (RFC 9110 §10.2.3: delay-seconds or an HTTP-date); undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
