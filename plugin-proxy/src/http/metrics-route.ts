/** Prometheus scrape endpoint (text exposition format) for this app instance's registry. */
import type { FastifyInstance } from 'fastify';
import type { ProxyMetrics } from '../metrics';

export function metricsRoute(app: FastifyInstance, deps: { metrics: ProxyMetrics }): void {
  app.get('/metrics', async (_req, reply) => {
    const text = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(text);
  });
}
