/**
 * One HTTP delivery of a webhook body plus the single retry policy (specs/dataverse-webapi.md §6.3):
 * only the status code matters, 60 s timeout, non-2xx fails except 502/503/504 which get one more attempt.
 * Our addition for async steps [proposal]: network errors and timeouts are retried a few times with exponential
 * delay, since a background job has nobody waiting on it.
 */

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type AttemptOutcome =
  | { readonly kind: 'ok'; readonly status: number }
  | { readonly kind: 'http'; readonly status: number; readonly statusText: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'closed' };

export interface RetryPolicy {
  /** Extra attempts after 502/503/504: 1 in the real service. */
  readonly gatewayRetries: number;
  /** Extra attempts after a network error or timeout (0 for sync steps). */
  readonly networkRetries: number;
  readonly delayMs: number;
}

export interface DeliveryResult {
  readonly ok: boolean;
  readonly attempts: number;
  readonly outcome: AttemptOutcome;
}

const GATEWAY = new Set([502, 503, 504]);

export async function postOnce(fetchFn: typeof fetch, request: WebhookRequest, timeoutMs: number, closed: AbortSignal): Promise<AttemptOutcome> {
  if (closed.aborted) return { kind: 'closed' };
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutMs);
  try {
    const res = await fetchFn(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.any([timer.signal, closed]),
    });
    // Body ignored by the service; drain it so the connection is released.
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? { kind: 'ok', status: res.status } : { kind: 'http', status: res.status, statusText: res.statusText };
  } catch (err) {
    if (closed.aborted) return { kind: 'closed' };
    if (timer.signal.aborted) return { kind: 'timeout' };
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'network', message: cause?.code ?? cause?.message ?? (err as Error).message };
  } finally {
    clearTimeout(handle);
  }
}

/** Delay before the next attempt, or undefined to stop. `used` counts retries already spent per class. */
export function nextDelay(outcome: AttemptOutcome, used: { gateway: number; network: number }, policy: RetryPolicy): number | undefined {
  if (outcome.kind === 'http' && GATEWAY.has(outcome.status) && used.gateway < policy.gatewayRetries) {
    used.gateway += 1;
    return policy.delayMs;
  }
  if ((outcome.kind === 'network' || outcome.kind === 'timeout') && used.network < policy.networkRetries) {
    used.network += 1;
    return policy.delayMs * 2 ** (used.network - 1);
  }
  return undefined;
}

export async function deliver(
  fetchFn: typeof fetch,
  request: WebhookRequest,
  options: { timeoutMs: number; policy: RetryPolicy; closed: AbortSignal },
): Promise<DeliveryResult> {
  const used = { gateway: 0, network: 0 };
  for (let attempts = 1; ; attempts += 1) {
    const outcome = await postOnce(fetchFn, request, options.timeoutMs, options.closed);
    if (outcome.kind === 'ok') return { ok: true, attempts, outcome };
    const delay = nextDelay(outcome, used, options.policy);
    if (delay === undefined || options.closed.aborted) return { ok: false, attempts, outcome };
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export function describeOutcome(outcome: AttemptOutcome, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'ok':
      return `HTTP ${outcome.status}`;
    case 'http':
      return `the remote server returned an error: (${outcome.status}) ${outcome.statusText}`.trim();
    case 'timeout':
      return `the request timed out after ${timeoutMs} ms`;
    case 'network':
      return `the endpoint could not be reached (${outcome.message})`;
    case 'closed':
      return 'the emulator was closed before delivery';
  }
}
