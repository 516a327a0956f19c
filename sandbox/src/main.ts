import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAPPINGS_DIR } from '../../plugin-proxy/src/config';
import { runInitialLoad } from '../../plugin-proxy/src/load/initial-load';
import { formatProgress } from '../../plugin-proxy/src/load/progress';
import { loadMappings } from '../../plugin-proxy/src/mapping';
import type { RunningProxy } from '../../plugin-proxy/src/runtime';
import { parseSandboxConfig } from './config';
import { sandboxControlEnv, startSandboxConnector } from './connector';
import { startSandbox } from './launch';
import { ensurePreviewBuilds, sandboxPreview } from './preview/launch';
import { seedEnvironmentVariables } from './preview/seed';

/**
 * `npm start` / `npm run sandbox`: both emulators with demo data on the configured ports. The only place in
 * the sandbox that listens on fixed ports and reads the process environment (through config.ts).
 */
async function main(): Promise<void> {
  const config = parseSandboxConfig(process.env, process.argv.slice(2));
  const started = Date.now();
  const sandbox = await startSandbox(config, (line) => console.log(line));
  const dv = sandbox.dataverseUrl;
  let proxyLine = '  Connector proxy     not started (npm run sandbox); npm start runs it';
  let stopProxy: () => Promise<void> = async () => undefined;
  let loaded: Promise<void> | undefined;
  if (config.demo) {
    // The emulators start empty of connector state, so the proxy's store does too.
    const dataDir = path.resolve(config.SANDBOX_DATA_DIR);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    ensurePreviewBuilds((line) => console.log(line));
    const dvPort = new URL(dv).port;
    const issuerOrigin = `https://localhost:${dvPort}`;
    const tenantId = sandbox.dataverse.identity.tenantId;
    const pages = [`http://localhost:${config.PORT}`, `http://127.0.0.1:${config.PORT}`];
    const { proxy } = await startSandboxConnector({
      dataverseUrl: dv,
      caFile: sandbox.caFile,
      clarityUrl: sandbox.clarityUrl,
      port: config.PORT,
      host: config.SANDBOX_HOST,
      sqliteFile: path.join(dataDir, 'connector.sqlite'),
      databaseUrl: config.DATABASE_URL,
      logLevel: config.SANDBOX_LOG_LEVEL === 'silent' ? 'silent' : 'warn',
      extraEnv: sandboxControlEnv(dv, { tenantId, issuerOrigin, corsOrigins: pages }),
      extraRoutes: [sandboxPreview(sandbox.dataverse, dv, issuerOrigin)],
    });
    // What an admin does after importing the solution: point its environment variables at the proxy.
    seedEnvironmentVariables(sandbox.dataverse, { clar_ProxyBaseUrl: `http://localhost:${config.PORT}`, clar_TenantId: tenantId });
    proxyLine = [
      `  Control preview     http://localhost:${config.PORT}/preview/   (Clarity 360 contact and account forms with the PCF controls)`,
      `  Connector proxy     ${proxy.url}   (store: ${proxy.store.kind}; /healthz /readyz /metrics)`,
      `  Dead-letter queue   ${proxy.url}/admin/jobs?state=dead   (Authorization: Bearer sandbox-admin-key-0001)`,
    ].join('\n');
    stopProxy = () => proxy.close();
    loaded = initialLoad(proxy);
  }
  console.log(
    [
      '',
      `Clarity ⇄ Dynamics 365 sandbox is running (${Date.now() - started} ms)`,
      '',
      `  Dataverse Web API   ${dv}/api/data/v9.2/   (also ${sandbox.dataverseHttpsUrl}, CA: ${sandbox.caFile})`,
      `  Sign-in (tenant)    ${sandbox.dataverseHttpsUrl}/sandbox/v2.0/.well-known/openid-configuration`,
      `                      client sandbox-connector / sandbox-secret (the connector), sandbox-crm-user / sandbox-secret (a sales rep)`,
      `  Clarity API         ${sandbox.clarityUrl}/api/v1/   (API key: clr_test_sandbox)`,
      `  Fault injection     ${dv}/_sandbox/faults  and  ${sandbox.clarityUrl}/_sandbox/faults`,
      proxyLine,
      '',
      'Try it:',
      `  curl -s -H 'Authorization: Bearer clr_test_sandbox' '${sandbox.clarityUrl}/api/v1/customers?limit=2'`,
      `  TOKEN=$(curl -s ${dv}/sandbox/oauth2/v2.0/token -d grant_type=client_credentials -d client_id=sandbox-connector -d client_secret=sandbox-secret -d scope=${dv}/.default | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
      `  curl -s -H "Authorization: Bearer $TOKEN" '${dv}/api/data/v9.2/contacts?$select=fullname,emailaddress1&$top=3'`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  await loaded;
  const stop = async () => {
    await stopProxy();
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/**
 * The demo's first sync: the connector's initial load brings the store's customers, products and orders into the
 * Dataverse emulator (as `npm run load` would), so the preview has linked contacts with orders to show.
 */
async function initialLoad(proxy: RunningProxy): Promise<void> {
  const started = Date.now();
  try {
    const summary = await runInitialLoad({
      store: proxy.store,
      dataverse: proxy.dataverse,
      clarity: proxy.clarity,
      mappings: loadMappings(DEFAULT_MAPPINGS_DIR),
      logger: proxy.logger,
      now: () => new Date(),
    });
    const parts = Object.values(summary.entities).map((p) => formatProgress(p).replace(/\s+/g, ' '));
    console.log(`\nInitial load done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${parts.join('; ')}`);
    for (const f of summary.failed.slice(0, 10)) console.log(`  failed ${f.entity} ${f.id}: ${f.error}`);
  } catch (err) {
    console.error(`\nInitial load failed: ${err instanceof Error ? err.message : String(err)} (npm run load resumes it)`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
