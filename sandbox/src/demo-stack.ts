import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAPPINGS_DIR } from '../../plugin-proxy/src/config';
import { runInitialLoad, type InitialLoadSummary } from '../../plugin-proxy/src/load/initial-load';
import { loadMappings } from '../../plugin-proxy/src/mapping';
import type { RunningProxy } from '../../plugin-proxy/src/runtime';
import type { SandboxConfig } from './config';
import { freePort, sandboxControlEnv, startSandboxConnector } from './connector';
import { SANDBOX_API, SANDBOX_SPA_CLIENT_ID } from './dataverse/identity/sandbox-clients';
import { startSandbox, type RunningSandbox } from './launch';
import { ensurePreviewBuilds, sandboxPreview } from './preview/launch';
import { seedEnvironmentVariables } from './preview/seed';

export interface DemoStack {
  sandbox: RunningSandbox;
  proxy: RunningProxy;
  /** `http://localhost:<port>/preview/` */
  previewUrl: string;
  /** The demo's initial load (customers, products, orders into the Dataverse emulator). */
  loaded: Promise<InitialLoadSummary>;
  close(): Promise<void>;
}

export interface DemoStackOptions {
  log?: (line: string) => void;
  /** Build the controls when their outputs are missing (npm start does; a test expects them built). */
  buildIfMissing?: boolean;
  /** More proxy settings (tests shorten the control API's cache). */
  extraEnv?: Record<string, string>;
}

/**
 * What `npm start` runs: both emulators with demo data, the proxy wired to them (setup run, control API trusting
 * the sandbox's identity platform), the control preview on the proxy's port, the solution's environment
 * variables filled in, and the initial load started. Port 0 anywhere means "any free port" (tests).
 */
export async function startDemoStack(config: SandboxConfig, options: DemoStackOptions = {}): Promise<DemoStack> {
  const log = options.log ?? (() => undefined);
  if (options.buildIfMissing !== false) ensurePreviewBuilds(log);
  const sandbox = await startSandbox(config, log);
  try {
    // The emulators start empty of connector state, so the proxy's store does too.
    const dataDir = path.resolve(config.SANDBOX_DATA_DIR);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const dv = sandbox.dataverseUrl;
    const port = config.PORT || (await freePort(config.SANDBOX_HOST));
    const issuerOrigin = `https://localhost:${new URL(dv).port}`;
    const tenantId = sandbox.dataverse.identity.tenantId;
    const pages = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
    const { proxy } = await startSandboxConnector({
      dataverseUrl: dv,
      caFile: sandbox.caFile,
      clarityUrl: sandbox.clarityUrl,
      port,
      host: config.SANDBOX_HOST,
      sqliteFile: path.join(dataDir, 'connector.sqlite'),
      databaseUrl: config.DATABASE_URL,
      logLevel: config.SANDBOX_LOG_LEVEL === 'silent' ? 'silent' : 'warn',
      extraEnv: { ...sandboxControlEnv(dv, { tenantId, issuerOrigin, corsOrigins: pages }), ...(options.extraEnv ?? {}) },
      extraRoutes: [sandboxPreview(sandbox.dataverse, dv, issuerOrigin)],
    });
    // What an admin does after importing the solution: point its environment variables at the proxy.
    // The preview's controls get tokens from /preview/token; these are what MSAL single sign-on would use.
    seedEnvironmentVariables(sandbox.dataverse, {
      clar_ProxyBaseUrl: `http://localhost:${port}`,
      clar_ProxyClientId: SANDBOX_SPA_CLIENT_ID,
      clar_ProxyScope: `${SANDBOX_API}/user_impersonation`,
      clar_TenantId: tenantId,
    });
    const loaded = runInitialLoad({
      store: proxy.store,
      dataverse: proxy.dataverse,
      clarity: proxy.clarity,
      mappings: loadMappings(DEFAULT_MAPPINGS_DIR),
      logger: proxy.logger,
      now: () => new Date(),
    });
    loaded.catch(() => undefined); // reported by whoever awaits it
    return {
      sandbox,
      proxy,
      previewUrl: `http://localhost:${port}/preview/`,
      loaded,
      async close() {
        await loaded.catch(() => undefined);
        await proxy.close();
        await sandbox.close();
      },
    };
  } catch (err) {
    await sandbox.close();
    throw err;
  }
}
