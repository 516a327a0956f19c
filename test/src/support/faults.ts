import type { FaultRule } from '../../../sandbox/src/common/faults';
import { signStandardWebhook } from '../../../sandbox/src/clarity/webhooks/sign';
import type { ConnectorSandbox } from './connector';

/** Adds fault rules to an emulator through its `/_sandbox/faults` admin route (never faulted itself). */
export async function addFaults(baseUrl: string, rules: FaultRule[], seed?: number): Promise<void> {
  const res = await fetch(`${baseUrl}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(seed === undefined ? rules : { seed, rules }),
  });
  if (res.status !== 201) throw new Error(`adding fault rules failed: ${res.status} ${await res.text()}`);
}

export interface FaultStats {
  matched: number;
  throttled: number;
  errors: number;
}

export async function faultStats(baseUrl: string): Promise<FaultStats> {
  const res = await fetch(`${baseUrl}/_sandbox/faults`);
  return ((await res.json()) as { stats: FaultStats }).stats;
}

/** Removes every fault rule from both emulators. */
export async function clearFaults(sb: ConnectorSandbox): Promise<void> {
  await Promise.all([sb.dv.url, sb.clarityUrl].map((u) => fetch(`${u}/_sandbox/faults`, { method: 'DELETE' })));
}

/**
 * The test's own calls (a shopper creating an account, a sales rep saving a form) go through the same faults as
 * the connector's; like any well-behaved client they try again on 429 (after Retry-After) and 5xx. Faults are
 * injected before the emulators handle a request, so trying again never applies a change twice.
 */
export async function persist<T extends { status: number }>(call: () => Promise<T>, retryAfterSec: (r: T) => number = () => 1): Promise<T> {
  for (let i = 0; ; i++) {
    const res = await call();
    if ((res.status !== 429 && res.status < 500) || i >= 30) return res;
    await new Promise((r) => setTimeout(r, res.status === 429 ? retryAfterSec(res) * 1000 : 20));
  }
}

/** One counter's value (summed over the label sets that match `labels`) from a Prometheus text exposition. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

export const ADMIN_KEY = 'sandbox-admin-key-0001';

/** Calls the proxy's admin API with the sandbox admin key. */
export async function admin(sb: ConnectorSandbox, method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${sb.proxy.url}/admin${pathname}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Delivers a Clarity event to the proxy the way Clarity does: signed with the subscription's secret (Standard Webhooks). */
export async function deliverClarityEvent(sb: ConnectorSandbox, event: { id: string } & Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(event);
  const ts = Math.floor(Date.now() / 1000);
  const secret = sb.env.CLARITY_WEBHOOK_SECRETS!.split(',')[0]!;
  return fetch(`${sb.proxy.url}/webhooks/clarity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': event.id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(secret, event.id, ts, body) },
    body,
  });
}
