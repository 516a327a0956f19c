/**
 * `/healthz` says the process is up (restart it if not); `/readyz` says it can take traffic: the store answers
 * a ping in time. A load balancer stops sending webhooks to an instance that is not ready, so the senders retry
 * elsewhere instead of getting 503s from us.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';

const PING_TIMEOUT_MS = 2000;

export function healthRoutes(app: FastifyInstance, deps: { store: Pick<Store, 'ping' | 'kind'> }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (req, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([deps.store.ping(), timeout]);
      return { ready: true, store: deps.store.kind };
    } catch (err) {
      const reason = `store (${deps.store.kind}) unavailable: ${err instanceof Error ? err.message : String(err)}`;
      req.log.warn({ err }, 'not ready');
      return reply.status(503).send({ ready: false, reason });
    } finally {
      clearTimeout(timer);
    }
  });
}
