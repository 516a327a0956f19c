import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { createClarityClient } from '../../plugin-proxy/src/clients/clarity';
import { createDataverseClient } from '../../plugin-proxy/src/clients/dataverse';
import { DEFAULT_MAPPINGS_DIR, loadConfig, type Config } from '../../plugin-proxy/src/config';
import { loadMappings } from '../../plugin-proxy/src/mapping';
import { startProxy, type RunningProxy } from '../../plugin-proxy/src/runtime';
import { runSetup, type SetupReport } from '../../plugin-proxy/src/setup/run-setup';
import { SANDBOX_API, SANDBOX_RESYNC_ROLE } from './dataverse/identity/sandbox-clients';

/** The webhook key the sandbox configures on its Dataverse service endpoint (a real org uses a secret one). */
export const SANDBOX_WEBHOOK_KEY = 'sandbox-dataverse-webhook-key';

export interface SandboxConnectorOptions {
  dataverseUrl: string;
  /** CA file of the emulator's HTTPS (sign-in goes over https). */
  caFile: string;
  clarityUrl: string;
  port?: number;
  host?: string;
  sqliteFile: string;
  databaseUrl?: string;
  logger?: Logger;
  logLevel?: Config['LOG_LEVEL'];
  extraEnv?: Record<string, string>;
  /** false: run the setup steps and return the environment, for a proxy started as a separate process. */
  startProxy?: boolean;
  /** More route plugins on the proxy's server (the control preview). */
  extraRoutes?: FastifyPluginAsync[];
}

/** The sandbox's identity platform as the control API's token issuer (its keys, issuer and tenant). */
export interface SandboxControlAuth {
  /** The emulator's tenant id (a GUID, the tokens' `tid`). */
  tenantId: string;
  /** Origin the emulator names in its tokens' `iss` (`https://localhost:<port>`). */
  issuerOrigin: string;
  /** Browser origins allowed to call the control API. */
  corsOrigins: readonly string[];
}

/** CONTROL_* settings that make the proxy accept the sandbox's tokens on its control API. */
export function sandboxControlEnv(dataverseUrl: string, auth: SandboxControlAuth): Record<string, string> {
  return {
    CONTROL_JWKS_URL: `${dataverseUrl}/sandbox/discovery/v2.0/keys`,
    CONTROL_ISSUER: `${auth.issuerOrigin}/${auth.tenantId}/v2.0`,
    CONTROL_AUDIENCE: SANDBOX_API,
    CONTROL_TENANT_ID: auth.tenantId,
    CONTROL_RESYNC_ROLE: SANDBOX_RESYNC_ROLE,
    CORS_ORIGINS: auth.corsOrigins.join(','),
  };
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Environment for a proxy wired to the sandbox (also what a separate proxy process gets). */
export function sandboxProxyEnv(o: SandboxConnectorOptions & { port: number; webhookSecret: string }): Record<string, string> {
  const dv = new URL(o.dataverseUrl);
  return {
    PORT: String(o.port),
    HOST: o.host ?? '127.0.0.1',
    SQLITE_FILE: o.sqliteFile,
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    DATAVERSE_URL: o.dataverseUrl,
    DATAVERSE_TENANT_ID: 'sandbox',
    // msal-node needs an https authority: the emulator serves sign-in over TLS on the same port.
    DATAVERSE_AUTHORITY: `https://localhost:${dv.port}/sandbox`,
    DATAVERSE_CLIENT_ID: 'sandbox-connector',
    DATAVERSE_CLIENT_SECRET: 'sandbox-secret',
    DATAVERSE_CA_FILE: o.caFile,
    DATAVERSE_WEBHOOK_KEY: SANDBOX_WEBHOOK_KEY,
    CLARITY_API_URL: `${o.clarityUrl}/api/v1`,
    CLARITY_API_KEY: 'clr_test_sandbox',
    CLARITY_WEBHOOK_SECRETS: o.webhookSecret,
    ADMIN_API_KEY: 'sandbox-admin-key-0001',
    PUBLIC_URL: `http://${o.host ?? '127.0.0.1'}:${o.port}`,
    LOG_LEVEL: o.logLevel ?? 'warn',
    ...(o.extraEnv ?? {}),
  };
}

/**
 * Runs the setup command's steps against the sandbox (webhook endpoint and steps in Dataverse, a webhook
 * subscription in Clarity), then starts the proxy in this process with the Clarity secret it got.
 */
export async function startSandboxConnector(options: SandboxConnectorOptions & { startProxy?: true }): Promise<{ proxy: RunningProxy; setup: SetupReport; env: Record<string, string> }>;
export async function startSandboxConnector(options: SandboxConnectorOptions & { startProxy: false }): Promise<{ proxy?: undefined; setup: SetupReport; env: Record<string, string> }>;
export async function startSandboxConnector(options: SandboxConnectorOptions): Promise<{ proxy?: RunningProxy; setup: SetupReport; env: Record<string, string> }> {
  const port = options.port ?? (await freePort(options.host));
  const base = sandboxProxyEnv({ ...options, port, webhookSecret: 'whsec_cGVuZGluZw==' });
  const setupConfig = loadConfig(base);
  const dataverse = createDataverseClient({
    url: setupConfig.DATAVERSE_URL,
    authority: setupConfig.DATAVERSE_AUTHORITY,
    clientId: setupConfig.DATAVERSE_CLIENT_ID,
    clientSecret: setupConfig.DATAVERSE_CLIENT_SECRET,
    ca: readFileSync(options.caFile, 'utf8'),
  });
  const clarity = createClarityClient({ baseUrl: setupConfig.CLARITY_API_URL, apiKey: setupConfig.CLARITY_API_KEY });
  let setup: SetupReport;
  try {
    setup = await runSetup({
      dataverse,
      clarity,
      mappings: loadMappings(DEFAULT_MAPPINGS_DIR),
      publicUrl: base.PUBLIC_URL as string,
      dataverseWebhookKey: SANDBOX_WEBHOOK_KEY,
      // Each start gets a fresh secret: the sandbox keeps none between runs.
      rotateClaritySecret: true,
      inventoryDirection: setupConfig.INVENTORY_DIRECTION,
    });
  } finally {
    await Promise.allSettled([dataverse.close(), clarity.close()]);
  }
  if (!setup.clarity.secret) throw new Error('Clarity did not return a webhook secret');
  const env = { ...base, CLARITY_WEBHOOK_SECRETS: setup.clarity.secret };
  if (options.startProxy === false) return { setup, env };
  const proxy = await startProxy(loadConfig(env), { ...(options.logger ? { logger: options.logger } : {}), ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}) });
  return { proxy, setup, env };
}
