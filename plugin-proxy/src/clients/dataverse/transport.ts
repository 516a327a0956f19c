/**
 * Every Dataverse request goes through here: pacing (§4.4), the bearer token (§7), the standard OData
 * headers (§1.2), one token refresh on 401 (§4.5), a client-wide pause on 429, error mapping, counters.
 */
import { Agent } from 'undici';
import { ConnectorError } from '../../errors';
import { Pacer } from '../shared/pacer';
import { pathOf, send, type HttpRequest, type HttpResponse } from '../shared/http';
import { dataverseError, readErrorBody } from './errors';
import { createTokenSource, type TokenSource } from './token';
import { resolveOptions, type DataverseClientOptions, type ResolvedOptions } from './options';

export interface DataverseStats {
  requests: number;
  /** Requests that change data: all but GETs and `$batch`es of GETs only (a subset of `requests`). */
  writes: number;
  throttled: number;
  /** Requests sent again after a 401 with a fresh token (the client retries nothing else). */
  retries: number;
  inFlight: number;
  queued: number;
}

export interface DvRequest {
  method: HttpRequest['method'];
  /** Relative to the service root (`contacts(…)`), or an absolute URL (`@odata.nextLink`). */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Error statuses the caller reads itself (a `$batch` 400 carries per-part results). */
  allow?: readonly number[];
  /** A POST that only reads (a `$batch` of GETs), for the `writes` counter. */
  readOnly?: boolean;
}

const RATE_HEADER = 'x-ms-ratelimit-burst-remaining-xrm-requests';

export class DataverseTransport {
  readonly options: ResolvedOptions;
  readonly serviceRoot: string;
  private readonly pacer: Pacer;
  private readonly agent: Agent;
  private readonly token: TokenSource;
  private readonly counters = { requests: 0, writes: 0, throttled: 0, retries: 0 };

  constructor(input: DataverseClientOptions, token?: TokenSource) {
    this.options = resolveOptions(input);
    const o = this.options;
    this.serviceRoot = `${o.url}/api/data/v${o.apiVersion}/`;
    this.pacer = new Pacer({ maxConcurrency: o.maxConcurrency, limits: o.limits });
    this.agent = new Agent({ connections: o.maxConcurrency, ...(o.ca ? { connect: { ca: o.ca } } : {}) });
    this.token = token ?? createTokenSource(o);
  }

  /** Sends one request; non-2xx (and non-304) answers become ConnectorErrors. */
  async request(req: DvRequest): Promise<HttpResponse> {
    const res = await this.attempt(req, false);
    if (res.status !== 401) return this.check(req, res);
    // An expired or revoked token (§4.5): one fresh token, then AUTH if it still fails.
    this.counters.retries++;
    return this.check(req, await this.attempt(req, true));
  }

  /** Milliseconds until the pacer would let a request start (0: now; Infinity: after a completion). */
  readyIn(): number {
    return this.pacer.readyIn();
  }

  stats(): DataverseStats {
    const p = this.pacer.stats();
    return { ...this.counters, inFlight: p.inFlight, queued: p.queued };
  }

  async close(): Promise<void> {
    this.pacer.close();
    await this.agent.close();
  }

  private async attempt(req: DvRequest, refresh: boolean): Promise<HttpResponse> {
    // The slot first, then the token: a request may wait out a long pause, and msal hands out a cached token
    // only while it has more than five minutes left, so reading it late means it is fresh when sent.
    const slot = await this.pacer.acquire();
    let res: HttpResponse;
    try {
      const token = await this.token(refresh);
      this.counters.requests++;
      if (req.method !== 'GET' && !req.readOnly) this.counters.writes++;
      res = await send(this.agent, this.build(req, token), this.options.timeoutMs, 'Dataverse');
    } finally {
      slot.done();
    }
    const remaining = Number(res.headers[RATE_HEADER]);
    if (Number.isFinite(remaining) && res.headers[RATE_HEADER] !== undefined) {
      const { windowMs, requestsPerWindow } = this.options.limits;
      this.pacer.observeRemaining(remaining, windowMs / requestsPerWindow);
    }
    if (res.status === 429) {
      this.counters.throttled++;
      // Every request of this client waits out Retry-After: more requests now only extend the block (§4.4).
      const sec = Number(res.headers['retry-after']);
      this.pacer.pauseFor((Number.isFinite(sec) && sec > 0 ? sec : 1) * 1000);
    }
    return res;
  }

  private resolve(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.serviceRoot}${path}`;
  }

  private build(req: DvRequest, token: string): HttpRequest {
    const url = this.resolve(req.path);
    if (!url.startsWith(this.serviceRoot)) {
      // A nextLink pointing elsewhere would receive our bearer token.
      throw new ConnectorError('CONNECTOR_ERR_INTERNAL', `Refusing to send a Dataverse token outside ${this.serviceRoot}`, { classification: 'internal' });
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      'odata-maxversion': '4.0',
      'odata-version': '4.0',
      authorization: `Bearer ${token}`,
      ...(req.body !== undefined && !req.headers?.['content-type'] ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...req.headers,
    };
    return { method: req.method, url, headers, body: req.body };
  }

  private check(req: DvRequest, res: HttpResponse): HttpResponse {
    if ((res.status >= 200 && res.status < 300) || res.status === 304 || req.allow?.includes(res.status)) return res;
    throw dataverseError(res.status, res.headers, readErrorBody(res.text), `${req.method} ${pathOf(this.resolve(req.path))}`);
  }
}
