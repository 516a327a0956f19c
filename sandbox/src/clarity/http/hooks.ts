/**
 * Cross-cutting behaviour of `/api/v1`: rate limiting with `X-RateLimit-*` on every response
 * (§4.9), bearer auth with 401/403 (§4.2), content types (§4.1, 415), and Idempotency-Key
 * replay (§4.11).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ClarityProblem } from '../domain/problem';
import { bodyHash, IdempotencyStore } from './idempotency';
import { TokenBuckets } from './rate-limit';
import type { Ctx } from './context';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function registerApiHooks(app: FastifyInstance, ctx: Ctx): void {
  const rl = ctx.opts.rateLimit;
  const buckets = rl ? new TokenBuckets(rl.capacity, rl.refillPerSecond) : undefined;
  const idem = new IdempotencyStore();

  app.addHook('onRequest', async (req, reply) => {
    const cred = ctx.auth.resolve(req.headers.authorization, ctx.nowMs());
    if (buckets) {
      const r = buckets.take(cred ? cred.id : `anon:${req.ip}`, req.routeOptions.config?.cost ?? 1, ctx.nowMs());
      reply.header('X-RateLimit-Limit', String(r.limit)).header('X-RateLimit-Remaining', String(r.remaining)).header('X-RateLimit-Reset', String(r.resetSec));
      if (!r.allowed) {
        throw new ClarityProblem('rate_limited', `Rate limit exceeded; retry in ${r.retryAfterSec} s.`, { headers: { 'Retry-After': String(r.retryAfterSec) } });
      }
    }
    if (!cred) {
      const detail = req.headers.authorization ? 'The bearer token is invalid or expired.' : 'Send Authorization: Bearer <token>.';
      throw new ClarityProblem('unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
    }
    req.credential = cred;
  });

  app.addHook('preHandler', async (req, reply) => {
    const cfg = req.routeOptions.config ?? {};
    if (cfg.scope && !req.credential!.scopes.has(cfg.scope)) {
      throw new ClarityProblem('insufficient_scope', `This operation needs the '${cfg.scope}' scope.`, {
        headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${cfg.scope}"` } });
    }
    checkContentType(req, cfg.mergePatch ?? false);
    if (cfg.idempotency) {
      const replied = beginIdempotent(req, reply, cfg.idempotency === 'required');
      if (replied) return reply;
    }
    if (ctx.opts.mutationDelayMs > 0 && req.method !== 'GET') await sleep(ctx.opts.mutationDelayMs);
    return undefined;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.idempotencyScope && reply.getHeader('Idempotent-Replayed') === undefined) {
      const keep = ['content-type', 'location', 'etag'];
      const headers: Record<string, string> = {};
      for (const k of keep) {
        const v = reply.getHeader(k);
        if (v !== undefined) headers[k] = String(v);
      }
      idem.finish(req.idempotencyScope, { status: reply.statusCode, body: typeof payload === 'string' ? payload : '', headers });
      req.idempotencyScope = undefined;
    }
    return payload;
  });

  app.addHook('onResponse', async (req) => {
    if (req.idempotencyScope) idem.abandon(req.idempotencyScope);
  });

  function beginIdempotent(req: FastifyRequest, reply: FastifyReply, required: boolean): boolean {
    const key = req.headers['idempotency-key'];
    if (key === undefined) {
      if (required) throw new ClarityProblem('invalid_request', 'Idempotency-Key header is required on this request.');
      return false;
    }
    if (key.length < 1 || key.length > 255) throw new ClarityProblem('invalid_request', 'Idempotency-Key must be 1–255 characters.');
    const scope = `${req.credential!.id}\u0000${req.method}\u0000${req.url.split('?')[0]}\u0000${key}`;
    const r = idem.begin(scope, bodyHash(req.body), ctx.nowMs());
    if (r.kind === 'reused') throw new ClarityProblem('idempotency_key_reused', 'This Idempotency-Key was used with a different body.');
    if (r.kind === 'in_progress') throw new ClarityProblem('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.');
    if (r.kind === 'replay') {
      reply.headers(r.response.headers).header('Idempotent-Replayed', 'true').code(r.response.status).send(r.response.body);
      return true;
    }
    req.idempotencyScope = scope;
    return false;
  }
}

function checkContentType(req: FastifyRequest, mergePatch: boolean): void {
  if (req.method === 'GET' || req.method === 'DELETE' || req.body === undefined) return;
  const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct === 'application/json' || (mergePatch && ct === 'application/merge-patch+json')) return;
  throw new ClarityProblem('unsupported_media_type', `Content-Type must be application/json${mergePatch ? ' or application/merge-patch+json' : ''}.`);
}
