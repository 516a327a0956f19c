import { formatProgress } from '../../plugin-proxy/src/load/progress';
import { parseSandboxConfig } from './config';
import { startDemoStack, type DemoStack } from './demo-stack';
import { startSandbox, type RunningSandbox } from './launch';

/**
 * `npm start` (`--demo`: emulators, proxy, preview, initial load) / `npm run sandbox` (the emulators only). The
 * only place in the sandbox that listens on fixed ports and reads the process environment (through config.ts).
 */
async function main(): Promise<void> {
  const config = parseSandboxConfig(process.env, process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => console.log(line);
  let stack: DemoStack | undefined;
  let sandbox: RunningSandbox;
  if (config.demo) {
    stack = await startDemoStack(config, { log });
    sandbox = stack.sandbox;
  } else sandbox = await startSandbox(config, log);
  const dv = sandbox.dataverseUrl;
  const proxy = stack?.proxy;
  const proxyLines = proxy
    ? [
        `  Control preview     ${stack?.previewUrl}   (Clarity 360 contact and account forms with the PCF controls)`,
        `  Connector proxy     ${proxy.url}   (store: ${proxy.store.kind}; /healthz /readyz /metrics)`,
        `  Dead-letter queue   ${proxy.url}/admin/jobs?state=dead   (Authorization: Bearer sandbox-admin-key-0001)`,
      ]
    : ['  Connector proxy     not started (npm run sandbox); npm start runs it'];
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
      ...proxyLines,
      '',
      'Try it:',
      `  curl -s -H 'Authorization: Bearer clr_test_sandbox' '${sandbox.clarityUrl}/api/v1/customers?limit=2'`,
      `  TOKEN=$(curl -s ${dv}/sandbox/oauth2/v2.0/token -d grant_type=client_credentials -d client_id=sandbox-connector -d client_secret=sandbox-secret -d scope=${dv}/.default | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
      `  curl -s -H "Authorization: Bearer $TOKEN" '${dv}/api/data/v9.2/contacts?$select=fullname,emailaddress1&$top=3'`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  const stop = async () => {
    await (stack ? stack.close() : sandbox.close());
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (stack) {
    // The demo's first sync, as `npm run load` would do it: the preview then has linked contacts with orders.
    try {
      const summary = await stack.loaded;
      const parts = Object.values(summary.entities).map((p) => formatProgress(p).replace(/\s+/g, ' '));
      console.log(`\nInitial load done ${((Date.now() - started) / 1000).toFixed(1)} s after start: ${parts.join('; ')}`);
      for (const f of summary.failed.slice(0, 10)) console.log(`  failed ${f.entity} ${f.id}: ${f.error}`);
    } catch (err) {
      console.error(`\nInitial load failed: ${err instanceof Error ? err.message : String(err)} (npm run load resumes it)`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
