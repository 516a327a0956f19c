/**
 * The webhook intake plugin: raw-body parsing for signature checks, per-source counting of every delivery and
 * every rejection (including fastify's own 413s, which never reach a handler), one route per source.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProxyAppDeps } from '../app';
import { sendError, toConnectorError } from '../http/error-handler';
import { useRawBody } from '../http/raw-body';
import { recordWebhookReceived, recordWebhookRejected, type WebhookSource } from '../metrics';
import { clarityWebhookRoute } from './clarity-webhook';
import { dataverseWebhookRoute } from './dataverse-webhook';
import { rejectionReason } from './reject';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on intake routes so hooks and the error handler can count per source. */
    webhookSource?: WebhookSource;
  }
}

export function webhookSource(req: FastifyRequest): WebhookSource | undefined {
  return req.routeOptions.config?.webhookSource;
}

// Fallback reasons by code, for rejections the route did not label (fastify's 413, store failures).
const REASONS: Record<string, string> = {
  CONNECTOR_ERR_BAD_SIGNATURE: 'unauthenticated',
  CONNECTOR_ERR_MALFORMED: 'malformed',
  CONNECTOR_ERR_TOO_LARGE: 'too_large',
  CONNECTOR_ERR_STORE: 'store_unavailable',
};

export async function intakeRoutes(app: FastifyInstance, deps: ProxyAppDeps): Promise<void> {
  useRawBody(app);
  app.addHook('onRequest', async (req) => {
    const source = webhookSource(req);
    if (source) recordWebhookReceived(deps.metrics, source);
  });
  app.setErrorHandler((err, req, reply) => {
    const source = webhookSource(req);
    if (source) recordWebhookRejected(deps.metrics, source, rejectionReason(req) ?? REASONS[toConnectorError(err).error.code] ?? 'internal');
    return sendError(req, reply, err);
  });
  clarityWebhookRoute(app, deps);
  dataverseWebhookRoute(app, deps);
}
