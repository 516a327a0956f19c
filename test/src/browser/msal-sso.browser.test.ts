import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import Fastify, { type FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { loadConfig } from '../../../plugin-proxy/src/config';
import { startProxy, type RunningProxy } from '../../../plugin-proxy/src/runtime';
import { listenDual, type DualListener } from '../../../sandbox/src/common/listen-dual';
import { REDIRECT_PATH, SANDBOX_API, SANDBOX_SPA_CLIENT_ID, sandboxUsers } from '../../../sandbox/src/dataverse/identity/sandbox-clients';
import { artifactPath, describeWithBrowser, launchChromium, launchChromiumProfile } from '../support/browser';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';
import type { Outcome, PageConfig } from './fixtures/sso-page';

const REPO = path.resolve(__dirname, '../../..');
const USER = sandboxUsers()[0]!;
const SCOPE = `${SANDBOX_API}/user_impersonation`;

/** The page's script: the controls' runtime and MSAL provider, bundled for the browser from node_modules. */
function pageBundle(): string {
  const out = buildSync({ entryPoints: [path.join(__dirname, 'fixtures/sso-page.ts')], bundle: true, format: 'iife', globalName: 'ClaritySso', platform: 'browser', target: 'es2020', write: false, logLevel: 'error' });
  return out.outputFiles[0]!.text;
}

/** The solution's redirect page exactly as `npm run build -w webresources` makes it. */
function redirectPage(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webresources-'));
  try {
    const r = spawnSync(process.execPath, [path.join(REPO, 'webresources/scripts/build.mjs'), '--outdir', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`webresources build failed: ${r.stderr}`);
    return readFileSync(path.join(dir, 'clar_/auth/redirect.html'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pageHtml = (config: PageConfig) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clarity sign-in test</title></head>
<body style="font-family: sans-serif">
<h1>Clarity single sign-on</h1>
<button id="sign-in">Sign in to Clarity</button>
<pre id="status">ready</pre>
<script src="/sso.js"></script>
<script>
  window.sso = ClaritySso.start(${JSON.stringify(config)});
  const status = document.getElementById('status');
  window.report = (label, value) => { status.textContent += '\\n' + label + ': ' + JSON.stringify(value); return value; };
  document.getElementById('sign-in').addEventListener('click', () => {
    window.signedIn = window.sso.signIn().then((r) => window.report('sign-in', r));
  });
</script>
</body></html>`;

/**
 * Real single sign-on in headless Chromium: the controls' MSAL provider (@azure/msal-browser, bundled) against
 * the Dataverse emulator's identity platform over loopback HTTPS, the solution's redirect page, and the proxy's
 * control API checking the delegated token. The page (https://localhost) and the sign-in service
 * (https://127.0.0.1) are different sites, as a Dynamics org and login.microsoftonline.com are.
 */
describeWithBrowser('MSAL single sign-on in Chromium (controls → emulator → proxy)', () => {
  let sb: ConnectorSandbox;
  let proxy: RunningProxy;
  let pages: FastifyInstance;
  let pagesListener: DualListener;
  let browser: Awaited<ReturnType<typeof launchChromiumProfile>>;
  let context: BrowserContext;
  let pageOrigin: string;
  let contactId: string;
  const authorizeRequests: URL[] = [];
  const proxyCalls: { url: string; authorization?: string }[] = [];

  beforeAll(async () => {
    sb = await startConnectorSandbox({ inProcessProxy: false });
    const emulatorHost = `https://127.0.0.1:${new URL(sb.dv.httpsUrl).port}`;
    const tenantId = sb.dv.emulator.identity.tenantId;

    pages = Fastify();
    const bundle = pageBundle();
    const redirect = redirectPage();
    // The page's configuration names the proxy, which starts only once the page's origin is known (CORS).
    const served: { config?: PageConfig } = {};
    pages.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(pageHtml(served.config!)));
    pages.get('/sso.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(bundle));
    pages.get(REDIRECT_PATH, async (_req, reply) => reply.type('text/html; charset=utf-8').send(redirect));
    pagesListener = await listenDual(pages, { port: 0, host: '127.0.0.1' });
    pageOrigin = `https://localhost:${pagesListener.port}`;

    proxy = await startProxy(
      loadConfig({
        ...sb.env,
        LOG_LEVEL: 'silent',
        CONTROL_JWKS_URL: `${sb.dv.url}/sandbox/discovery/v2.0/keys`,
        // The issuer names the host MSAL called the token endpoint on.
        CONTROL_ISSUER: `${emulatorHost}/${tenantId}/v2.0`,
        CONTROL_AUDIENCE: SANDBOX_API,
        CONTROL_TENANT_ID: tenantId,
        CORS_ORIGINS: pageOrigin,
        CONTROL_CACHE_TTL_MS: '0',
      }),
    );
    served.config = {
      env: { clar_ProxyBaseUrl: proxy.url, clar_ProxyClientId: SANDBOX_SPA_CLIENT_ID, clar_ProxyScope: SCOPE, clar_TenantId: tenantId },
      domainname: USER.userPrincipalName,
      authorityHost: emulatorHost,
    };

    // A Clarity customer the connector links to a Dataverse contact: the record the form shows.
    const created = await sb.clarityApi('POST', '/customers', { firstName: 'Sam', lastName: 'Signon', email: `sam.signon.${Date.now()}@example.com` }, { 'idempotency-key': `sso-${Date.now()}` });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 20_000;
    while (!(await proxy.store.links.byClarity('customer', created.body.customerId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    contactId = (await proxy.store.links.byClarity('customer', created.body.customerId))!.dataverseId;

    // --ignore-certificate-errors only for the emulators' self-signed loopback certificates (MSAL needs https).
    // A normal profile (third-party cookies allowed, Chrome's default): the silent iframe sees the session.
    browser = await launchChromiumProfile(['--ignore-certificate-errors']);
    context = browser.context;
    context.on('request', record);
  }, 120_000);

  const record = (req: Request) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('/oauth2/v2.0/authorize')) authorizeRequests.push(url);
    if (req.url().startsWith(proxy.url)) proxyCalls.push({ url: req.url(), authorization: req.headers()['authorization'] });
  };

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await pages?.close();
    await pagesListener?.close();
    await sb?.close();
  });

  const open = async (ctx: BrowserContext = context): Promise<Page> => {
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && console.warn(`[browser] ${m.text()}`));
    await page.goto(`${pageOrigin}/`);
    return page;
  };
  const loyalty = (page: Page) => page.evaluate((id) => (globalThis as unknown as { sso: { loyalty(id: string): Promise<Outcome> } }).sso.loyalty(id), contactId);

  test('no Entra session: prompt=none answers login_required and the controls get the signInRequired kind (no proxy call)', async () => {
    const page = await open();
    const result = await loyalty(page);
    expect(result).toMatchObject({ ok: false, kind: 'signInRequired', code: 'login_required' });
    const silent = authorizeRequests.at(-1)!;
    expect(Object.fromEntries(silent.searchParams)).toMatchObject({ prompt: 'none', login_hint: USER.userPrincipalName, client_id: SANDBOX_SPA_CLIENT_ID, code_challenge_method: 'S256', response_mode: 'fragment' });
    expect(proxyCalls).toHaveLength(0);
    await page.close();
  });

  test('"Sign in to Clarity" (a click): the pop-up signs in and the control API answers with the delegated token', async () => {
    const page = await open();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#sign-in')]);
    await popup.waitForEvent('close', { timeout: 15_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { signedIn: Promise<Outcome> }).signedIn)).toEqual({ ok: true });
    const result = await loyalty(page);
    expect(result).toMatchObject({ ok: true, value: { linked: true } });
    await page.evaluate((r) => (globalThis as unknown as { report(l: string, v: unknown): void }).report('loyalty', r), result);
    const bearer = proxyCalls.at(-1)!.authorization!.replace(/^Bearer /, '');
    expect(decodeJwt(bearer)).toMatchObject({ aud: SANDBOX_API, azp: SANDBOX_SPA_CLIENT_ID, scp: 'user_impersonation', oid: USER.objectId, roles: ['Connector.Resync'] });
    await page.close();
  });

  test('a new tab with the Entra session: ssoSilent gets a token in a hidden iframe, no pop-up, and calls the proxy', async () => {
    const before = { authorize: authorizeRequests.length, proxy: proxyCalls.length };
    const page = await open();
    let popups = 0;
    page.on('popup', () => (popups += 1));
    const result = await loyalty(page);
    expect(result).toMatchObject({ ok: true, value: { linked: true, balance: expect.any(Number) } });
    const silent = authorizeRequests.slice(before.authorize);
    expect(silent).toHaveLength(1);
    expect(silent[0]!.searchParams.get('prompt')).toBe('none');
    expect(popups).toBe(0);
    expect(proxyCalls.slice(before.proxy).map((c) => new URL(c.url).pathname)).toEqual([`/api/control/contacts/${contactId}/loyalty`]);
    // The second call is served from MSAL's cache: no further sign-in traffic.
    expect(await loyalty(page)).toMatchObject({ ok: true });
    expect(authorizeRequests.length).toBe(before.authorize + 1);
    await page.evaluate((r) => (globalThis as unknown as { report(l: string, v: unknown): void }).report('silent loyalty', r), result);
    await page.screenshot({ path: artifactPath('msal-sso.png'), fullPage: true });
    await page.close();
  });
  test('where third-party cookies are blocked (an incognito profile, like Safari), silent SSO cannot see the session: signInRequired, the button still works', async () => {
    const incognito = await launchChromium(['--ignore-certificate-errors']);
    try {
      const ctx = await incognito.newContext();
      const first = await open(ctx);
      const [popup] = await Promise.all([first.waitForEvent('popup'), first.click('#sign-in')]);
      await popup.waitForEvent('close', { timeout: 15_000 });
      expect(await first.evaluate(() => (globalThis as unknown as { signedIn: Promise<Outcome> }).signedIn)).toEqual({ ok: true });
      expect(await loyalty(first)).toMatchObject({ ok: true }); // the pop-up's tokens, from MSAL's cache
      // A new tab has an empty MSAL cache; the hidden iframe to the other site gets no session cookie.
      expect(await loyalty(await open(ctx))).toMatchObject({ ok: false, kind: 'signInRequired', code: 'login_required' });
    } finally {
      await incognito.close();
    }
  });
});
