/**
 * The control API under /api/control: what the PCF controls (OrderHistory, LoyaltyCard) and the "Resync with
 * Clarity" command call from a Dynamics form. An encapsulated plugin with its own CORS (only the configured
 * Dynamics origins), Entra bearer auth and error rendering; one route per file.
 */
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { toConnectorError, errorBody } from '../http/error-handler';
import { accountOrdersRoute } from './account-orders';
import { accountResyncRoute } from './account-resync';
import { createVerifier, type Verifier } from './auth';
import { createCache } from './cache';
import { contactLoyaltyRoute } from './contact-loyalty';
import { contactOrdersRoute } from './contact-orders';
import { contactResyncRoute } from './contact-resync';
import type { ControlDeps, RouteDeps } from './deps';
import { orderShowRoute } from './order-show';

export type { ControlDeps } from './deps';

const CHALLENGE = 'Bearer error="invalid_token"';

async function controlScope(app: FastifyInstance, deps: ControlDeps): Promise<void> {
  const { config } = deps;
  const origins = new Set(config.CORS_ORIGINS);
  // Registered first so even a 401 carries the CORS headers the browser needs to read it.
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && origins.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['WWW-Authenticate', 'X-Request-Id'],
    maxAge: 600,
  });

  app.setErrorHandler((err, req, reply) => {
    const { error, status } = toConnectorError(err);
    if (status >= 500 && error.code !== 'CONNECTOR_ERR_TRANSIENT') req.log.error({ err }, error.message);
    else req.log.info({ code: error.code, status }, error.message);
    if (status === 401) void reply.header('WWW-Authenticate', CHALLENGE);
    if (error.code === 'CONNECTOR_ERR_TRANSIENT') void reply.header('Retry-After', '5');
    return reply.status(status).send(errorBody(error.code, error.message));
  });

  const verify: Verifier | undefined =
    config.CONTROL_JWKS_URL && config.CONTROL_ISSUER && config.CONTROL_AUDIENCE
      ? createVerifier({
          jwksUrl: config.CONTROL_JWKS_URL,
          issuer: config.CONTROL_ISSUER,
          audience: config.CONTROL_AUDIENCE,
          tenantId: config.CONTROL_TENANT_ID,
          resyncRole: config.CONTROL_RESYNC_ROLE,
        })
      : undefined;

  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'OPTIONS') return; // CORS preflight carries no token
    if (!verify) {
      return reply
        .status(503)
        .send(errorBody('CONNECTOR_ERR_CONFIG', 'The control API is disabled: set CONTROL_JWKS_URL, CONTROL_ISSUER and CONTROL_AUDIENCE to enable it'));
    }
    req.controlClaims = await verify(req.headers.authorization);
  });

  const routeDeps: RouteDeps = { ...deps, cache: createCache(config.CONTROL_CACHE_TTL_MS), timeoutMs: config.CONTROL_CLARITY_TIMEOUT_MS };
  contactOrdersRoute(app, routeDeps);
  accountOrdersRoute(app, routeDeps);
  orderShowRoute(app, routeDeps);
  contactLoyaltyRoute(app, routeDeps);
  contactResyncRoute(app, routeDeps);
  accountResyncRoute(app, routeDeps);
}

/** The plugin runtime.ts passes in `extraRoutes`. */
export function controlRoutes(deps: ControlDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(async (scope) => controlScope(scope, deps), { prefix: '/api/control' });
  };
}
