/**
 * The Clarity `/api/v1` emulator (shared/specs/clarity-api.md §4). Builds a fastify app without
 * listening: the caller does `app.listen({ port: 0, host: '127.0.0.1' })`.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { ClarityProblem } from './domain/problem';
import { AuthRegistry } from './http/auth';
import type { Ctx } from './http/context';
import { registerErrorHandling, sendProblem } from './http/errors';
import { registerApiHooks } from './http/hooks';
import { resolveOptions, type ClarityEmulatorOptions } from './options';
import { customerRoutes } from './routes/customers';
import { eventRoutes } from './routes/events';
import { loyaltyRoutes } from './routes/loyalty';
import { oauthRoutes } from './routes/oauth';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { returnAndPromotionRoutes } from './routes/returns-promotions';
import { webhookRoutes } from './routes/webhooks';
import { ClarityState } from './state/state';
import { createFaultInjector, registerFaults, registerRequestLog, type FaultInjector, type RequestLog } from '../common';

export type { ClarityEmulatorOptions } from './options';
export { ClarityState } from './state/state';

export interface ClarityEmulator {
  app: FastifyInstance;
  state: ClarityState;
  /** Fault rules, also managed at `/_sandbox/faults`. */
  faults: FaultInjector;
  /** Recent requests (also at `/_sandbox/requests`). */
  requests: RequestLog;
  close(): Promise<void>;
}

const REQUEST_ID_RE = /^[\w.:/+=@-]{1,200}$/;

export async function buildClarityEmulator(options: ClarityEmulatorOptions = {}): Promise<ClarityEmulator> {
  const opts = resolveOptions(options);
  const app = Fastify({
    ...(typeof options.logger === 'object' ? { loggerInstance: options.logger } : { logger: options.logger ?? false }),
    bodyLimit: opts.bodyLimit,
    // Echo a sane client X-Request-Id (spec §4.1), else mint one.
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID_RE.test(h) ? h : `req_${randomBytes(8).toString('hex')}`;
    },
  });
  const state = new ClarityState(opts, app.log as FastifyBaseLogger);
  const ctx: Ctx = { state, opts, auth: new AuthRegistry(opts), nowMs: () => opts.now().getTime() };

  app.addHook('onRequest', async (req, reply) => { reply.header('X-Request-Id', String(req.id)); });
  // Faults model the network and the front door, so they run before auth and rate limits.
  const faults = createFaultInjector({ seed: options.faultSeed });
  registerFaults(app, faults, {
    contentType: 'application/problem+json',
    errorBody: (status) => ({
      type: `https://developer.clarity.example/problems/${status === 429 ? 'rate-limited' : 'service-unavailable'}`,
      title: status === 429 ? 'Too many requests' : 'Service unavailable',
      status,
      code: status === 429 ? 'rate_limited' : status === 503 ? 'service_unavailable' : 'internal_error',
      detail: 'Injected by the sandbox fault rules (/_sandbox/faults).',
    }),
  });
  const requests = registerRequestLog(app);
  registerBodyParsers(app);
  registerErrorHandling(app);

  oauthRoutes(app, ctx);
  await app.register(async (api) => {
    registerApiHooks(api, ctx);
    customerRoutes(api, ctx);
    loyaltyRoutes(api, ctx);
    orderRoutes(api, ctx);
    productRoutes(api, ctx);
    returnAndPromotionRoutes(api, ctx);
    webhookRoutes(api, ctx);
    eventRoutes(api, ctx);
    // Scoped here so unknown API paths still get the rate-limit headers and auth of the API.
    api.setNotFoundHandler((req, reply) => sendProblem(req, reply, new ClarityProblem('not_found', `No route for ${req.method} ${req.url.split('?')[0]}.`)));
  }, { prefix: '/api/v1' });

  let closed = false;
  return {
    app,
    state,
    faults,
    requests,
    async close() {
      if (closed) return;
      closed = true;
      state.dispatcher.close();
      await app.close();
    },
  };
}

/** JSON (and merge-patch) with empty bodies allowed, malformed JSON as 400, forms for /oauth/token. */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new ClarityProblem('invalid_request', 'The body is not valid JSON.'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
}
