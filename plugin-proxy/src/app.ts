/**
 * The proxy's HTTP app. Builds and returns a fastify instance with no side effects: it does not listen, open
 * the store or start workers (main.ts does, style.md practice 8). One route per file under http/, intake/ and
 * admin/; the intake and admin groups are encapsulated plugins with their own body parsing and auth.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyPluginCallback } from 'fastify';
import { adminRoutes } from './admin';
import type { Config } from './config';
import { registerErrorHandling } from './http/error-handler';
import { healthRoutes } from './http/health';
import { metricsRoute } from './http/metrics-route';
import { intakeRoutes } from './intake';
import type { Logger } from './logger';
import type { ProxyMetrics } from './metrics';
import type { Store } from './store/types';

export interface ProxyAppDeps {
  config: Readonly<Config>;
  store: Store;
  logger: Logger;
  metrics: ProxyMetrics;
  /** The connector's Dataverse systemuserid (WhoAmI at start); undefined until known. */
  ownUserId: () => string | undefined;
  /** More route plugins (control API, operations pages), registered at the root after the built-in ones. */
  extraRoutes?: ReadonlyArray<FastifyPluginAsync | FastifyPluginCallback>;
  /** Clock for webhook timestamp checks; tests pin it. */
  now?: () => Date;
}

const REQUEST_ID_RE = /^[\w.:/+=@-]{1,128}$/;

export function buildProxyApp(deps: ProxyAppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.config.MAX_BODY_BYTES,
    // Keep a caller's request id (a support ticket can quote it), else mint one.
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID_RE.test(h) ? h : randomUUID();
    },
  }) as unknown as FastifyInstance;

  deps.metrics.trackQueue(deps.store.jobs);
  registerErrorHandling(app);
  healthRoutes(app, deps);
  metricsRoute(app, deps);
  void app.register(async (scope) => intakeRoutes(scope, deps));
  void app.register(async (scope) => adminRoutes(scope, deps), { prefix: '/admin' });
  for (const plugin of deps.extraRoutes ?? []) void app.register(plugin);
  return app;
}
