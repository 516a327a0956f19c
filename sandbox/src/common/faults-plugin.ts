import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { faultRuleSchema, type FaultInjector } from './faults';

export interface RegisterFaultsOptions {
  /** The body each emulator answers a fault with: Dataverse `{"error":…}`, Clarity problem+json. */
  errorBody: (status: number) => unknown;
  /** Content type of that body; defaults to application/json. */
  contentType?: string | ((status: number) => string);
  /** Where the admin routes live; requests under it are never faulted. */
  adminPath?: string;
  /** Injected in tests to observe latency without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

const postBody = z.union([
  faultRuleSchema,
  z.array(faultRuleSchema),
  z.object({ seed: z.number().int().optional(), rules: z.array(faultRuleSchema).optional() }).strict(),
]);

/**
 * Adds fault injection to an emulator: an onRequest hook that delays, fails, throttles or drops matching
 * requests, and admin routes GET/POST/DELETE `/_sandbox/faults`. Register it first, so faults hit before
 * auth and limits, as a gateway failure would.
 */
export function registerFaults(app: FastifyInstance, injector: FaultInjector, options: RegisterFaultsOptions): void {
  const adminPath = options.adminPath ?? '/_sandbox/faults';
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const contentType = (status: number) =>
    typeof options.contentType === 'function' ? options.contentType(status) : (options.contentType ?? 'application/json');

  app.addHook('onRequest', async (req, reply) => {
    if (req.url === adminPath || req.url.startsWith(`${adminPath}/`) || req.url.startsWith(`${adminPath}?`)) return;
    const decision = injector.decide(req.method, req.url);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    switch (decision.outcome) {
      case 'pass':
        return;
      case 'drop':
        // No response at all: the client sees a reset/closed socket, like a dropped gateway connection.
        reply.hijack();
        req.raw.socket.destroy();
        return;
      case 'throttle':
      case 'error': {
        const status = decision.status ?? 503;
        if (decision.outcome === 'throttle') reply.header('retry-after', String(decision.retryAfterSec ?? 1));
        return reply.code(status).header('content-type', contentType(status)).send(Buffer.from(JSON.stringify(options.errorBody(status))));
      }
    }
  });

  app.get(adminPath, async () => ({ seed: injector.seed, rules: injector.list(), stats: injector.stats() }));

  app.post(adminPath, async (req, reply) => {
    const parsed = postBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid fault rule', issues: parsed.error.issues });
    const body = parsed.data;
    let rules = Array.isArray(body) ? body : 'path' in body ? [body] : (body.rules ?? []);
    if (!Array.isArray(body) && !('path' in body) && body.seed !== undefined) injector.reseed(body.seed);
    rules = rules.map((r) => injector.add(r));
    return reply.code(201).send({ seed: injector.seed, rules });
  });

  app.delete(adminPath, async () => ({ removed: injector.clear() }));

  app.delete<{ Params: { id: string } }>(`${adminPath}/:id`, async (req, reply) => {
    const removed = injector.clear(req.params.id);
    return removed > 0 ? { removed } : reply.code(404).send({ error: `no fault rule '${req.params.id}'` });
  });
}
