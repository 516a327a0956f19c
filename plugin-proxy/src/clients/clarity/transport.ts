/**
 * Every Clarity request goes through here: about 4 in flight per credential (§4.9), the bearer, an
 * `X-Request-Id` per request (§4.1), a client-wide pause on 429, one token renewal on 401 for OAuth.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { ConnectorError } from '../../errors';
import { Pacer } from '../shared/pacer';
import { parseJson, pathOf, send, type HttpRequest, type HttpResponse } from '../shared/http';
import { bearerSource, type BearerSource, type OAuthOptions } from './auth';
import { clarityError, readProblem } from './errors';

export interface ClarityClientOptions {
  /** `https://{host}/api/v1` */
  baseUrl: string;
  apiKey?: string;
  oauth?: OAuthOptions;
  maxConcurrency?: number;
  timeoutMs?: number;
}

export interface ClarityStats {
  requests: number;
  throttled: number;
  /** Requests sent again after a 401 with a renewed OAuth token. */
  retries: number;
  inFlight: number;
  queued: number;
}

export interface ClarityRequest {
  method: HttpRequest['method'];
  /** Path below the base URL, with its query (`/customers?email=…`). */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Token bucket refill by default (§4.9): used to space requests when `X-RateLimit-Remaining` runs low. */
const DEFAULT_REFILL_INTERVAL_MS = 250;

export class ClarityTransport {
  private readonly base: string;
  private readonly pacer: Pacer;
  private readonly agent: Agent;
  private readonly bearer: BearerSource;
  private readonly timeoutMs: number;
  private readonly counters = { requests: 0, throttled: 0, retries: 0 };
  private readonly renewable: boolean;

  constructor(o: ClarityClientOptions) {
    try {
      this.base = new URL(o.baseUrl).toString().replace(/\/+$/, '');
    } catch {
      throw new ConnectorError('CONNECTOR_ERR_CONFIG', 'Clarity client: baseUrl must be an absolute URL', { classification: 'validation' });
    }
    const maxConcurrency = Math.max(1, Math.floor(o.maxConcurrency ?? 4));
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.pacer = new Pacer({ maxConcurrency });
    this.agent = new Agent({ connections: maxConcurrency });
    this.bearer = bearerSource(o, this.agent, this.timeoutMs);
    this.renewable = !o.apiKey;
  }

  /** Sends one request and answers the parsed JSON body (undefined for 204). */
  async request<T>(req: ClarityRequest): Promise<T> {
    let res = await this.attempt(req, false);
    if (res.status === 401 && this.renewable) {
      this.counters.retries++;
      res = await this.attempt(req, true);
    }
    if (res.status >= 200 && res.status < 300) return parseJson(res.text) as T;
    throw clarityError(res.status, res.headers, readProblem(res.text), `${req.method} ${pathOf(this.base + req.path)}`);
  }

  stats(): ClarityStats {
    const p = this.pacer.stats();
    return { ...this.counters, inFlight: p.inFlight, queued: p.queued };
  }

  async close(): Promise<void> {
    this.pacer.close();
    await this.agent.close();
  }

  private async attempt(req: ClarityRequest, refresh: boolean): Promise<HttpResponse> {
    const token = await this.bearer(refresh);
    const slot = await this.pacer.acquire();
    let res: HttpResponse;
    try {
      this.counters.requests++;
      const isPatch = req.method === 'PATCH';
      res = await send(this.agent, {
        method: req.method,
        url: `${this.base}${req.path}`,
        headers: {
          accept: 'application/json, application/problem+json',
          authorization: `Bearer ${token}`,
          'x-request-id': `req_${randomUUID()}`,
          ...(req.body !== undefined ? { 'content-type': isPatch ? 'application/merge-patch+json' : 'application/json' } : {}),
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
      }, this.timeoutMs, 'Clarity');
    } finally {
      slot.done();
    }
    const remaining = res.headers['x-ratelimit-remaining'];
    if (remaining !== undefined && Number.isFinite(Number(remaining))) this.pacer.observeRemaining(Number(remaining), DEFAULT_REFILL_INTERVAL_MS);
    if (res.status === 429) {
      this.counters.throttled++;
      const sec = Number(res.headers['retry-after']);
      this.pacer.pauseFor((Number.isFinite(sec) && sec > 0 ? sec : 1) * 1000);
    }
    return res;
  }
}
