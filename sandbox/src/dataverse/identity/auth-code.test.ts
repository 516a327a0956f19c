import { createHash, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { matchSpaRedirectUri } from './directory';
import { createIdentityProvider } from './provider';
import { REDIRECT_PATH, SANDBOX_API, sandboxApis, sandboxClients, sandboxUsers } from './sandbox-clients';

/**
 * The authorization code flow with PKCE for the sandbox SPA, through fastify.inject: what MSAL.js does from a
 * browser (the browser test in test/src/browser runs the real library against the same endpoints).
 */
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
const idp = createIdentityProvider({ tenant: 'sandbox', clients: sandboxClients(), users: sandboxUsers(), apis: sandboxApis(), now: () => clock });
const user = sandboxUsers()[0]!;
const PAGE = 'https://localhost:4443';
const REDIRECT = `${PAGE}${REDIRECT_PATH}`;
const SCOPE = `${SANDBOX_API}/user_impersonation openid profile offline_access`;
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await app.register(idp.routes);
});
afterAll(() => app.close());

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

async function authorize(params: Record<string, string>, cookie?: string) {
  const query = new URLSearchParams({ client_id: 'sandbox-spa', response_type: 'code', redirect_uri: REDIRECT, scope: SCOPE, response_mode: 'fragment', state: 'st-1', nonce: 'n-1', client_info: '1', ...params });
  const res = await app.inject({ method: 'GET', url: `/sandbox/oauth2/v2.0/authorize?${query}`, headers: { host: 'login.sandbox.test', ...(cookie ? { cookie } : {}) } });
  const location = res.headers.location ? new URL(String(res.headers.location)) : undefined;
  const answer = location ? Object.fromEntries(new URLSearchParams(location.hash.slice(1) || location.search.slice(1))) : {};
  const setCookie = String(res.headers['set-cookie'] ?? '');
  return { res, location, answer, cookie: setCookie ? setCookie.split(';')[0] : cookie };
}

async function token(form: Record<string, string>, headers: Record<string, string> = { origin: PAGE }) {
  const res = await app.inject({
    method: 'POST',
    url: '/sandbox/oauth2/v2.0/token',
    headers: { host: 'login.sandbox.test', 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', ...headers },
    payload: new URLSearchParams({ client_id: 'sandbox-spa', ...form }).toString(),
  });
  return { status: res.statusCode, headers: res.headers, body: res.json() as Record<string, unknown> };
}

async function signIn() {
  const { verifier, challenge } = pkce();
  const a = await authorize({ code_challenge: challenge, code_challenge_method: 'S256' });
  return { ...a, verifier };
}

describe('authorize', () => {
  it('prompt=none without a session: login_required AADSTS50058 in the fragment, state echoed, no code', async () => {
    const { res, location, answer } = await authorize({ prompt: 'none', login_hint: user.userPrincipalName, ...{ code_challenge: pkce().challenge, code_challenge_method: 'S256' } });
    expect(res.statusCode).toBe(302);
    expect(`${location!.origin}${location!.pathname}`).toBe(REDIRECT);
    expect(answer).toMatchObject({ error: 'login_required', state: 'st-1' });
    expect(answer.error_description).toMatch(/^AADSTS50058: A silent sign-in request was sent but no user is signed in\./);
    expect(answer.code).toBeUndefined();
  });

  it('an interactive request signs the configured user in (session cookie) and redirects with code, client_info and state', async () => {
    const { res, answer, cookie } = await signIn();
    expect(res.statusCode).toBe(302);
    expect(String(res.headers['set-cookie'])).toMatch(/^ESTSAUTH=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/); // inject is plain http
    expect(answer).toMatchObject({ state: 'st-1' });
    expect(answer.code).toMatch(/^[\w-]{40,}$/);
    expect(JSON.parse(Buffer.from(answer.client_info!, 'base64url').toString())).toEqual({ uid: user.objectId, utid: idp.tenantId });
    // The session then answers prompt=none silently, with or without the matching hint.
    expect((await authorize({ prompt: 'none', code_challenge: pkce().challenge, code_challenge_method: 'S256' }, cookie)).answer.code).toBeTruthy();
    expect((await authorize({ prompt: 'none', login_hint: 'someone@else.test' }, cookie)).answer.error).toBe('login_required');
  });

  it('never redirects to an unregistered URI (AADSTS50011 page) but ignores the port of loopback URIs', async () => {
    const bad = await authorize({ redirect_uri: 'https://evil.example/WebResources/clar_/auth/redirect.html' });
    expect(bad.res.statusCode).toBe(400);
    expect(bad.res.headers.location).toBeUndefined();
    expect(bad.res.body).toContain('AADSTS50011');
    const client = sandboxClients().find((c) => c.clientId === 'sandbox-spa')!;
    expect(matchSpaRedirectUri(client, `https://127.0.0.1:9${REDIRECT_PATH}`)).toBe(`https://127.0.0.1${REDIRECT_PATH}`);
    expect(matchSpaRedirectUri(client, `https://localhost:1/WebResources/clar_/auth/REDIRECT.html`)).toBeUndefined();
    expect(matchSpaRedirectUri(client, `https://org.crm.dynamics.com${REDIRECT_PATH}`)).toBeUndefined();
  });

  it('answers bad requests at the redirect URI as Entra does', async () => {
    expect((await authorize({ scope: `${SANDBOX_API}/nope openid` })).answer).toMatchObject({ error: 'invalid_scope', state: 'st-1' });
    expect((await authorize({ scope: 'api://unknown/x' })).answer.error_description).toMatch(/^AADSTS500011/);
    expect((await authorize({ response_type: 'token' })).answer.error).toBe('unsupported_response_type');
    expect((await authorize({ prompt: 'sometimes' })).answer.error).toBe('invalid_request');
    const unknown = await authorize({ client_id: 'ghost' });
    expect(unknown.res.statusCode).toBe(400);
    expect(unknown.res.body).toContain('AADSTS700016');
  });
});

describe('token endpoint: code redemption and refresh', () => {
  it('redeems a code with its PKCE verifier for a delegated access token, an ID token and a 24 h SPA refresh token', async () => {
    const { answer, verifier } = await signIn();
    const res = await token({ grant_type: 'authorization_code', code: answer.code!, redirect_uri: REDIRECT, code_verifier: verifier, scope: SCOPE });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: `${SANDBOX_API}/user_impersonation`, expires_in: 3599, refresh_token_expires_in: 86400 });
    const { payload } = await jwtVerify(String(res.body.access_token), createLocalJWKSet(idp.jwks()), { audience: SANDBOX_API, currentDate: new Date(clock) });
    expect(payload).toMatchObject({
      iss: `http://login.sandbox.test/${idp.tenantId}/v2.0`,
      tid: idp.tenantId,
      oid: user.objectId,
      azp: 'sandbox-spa',
      scp: 'user_impersonation',
      roles: ['Connector.Resync'],
      preferred_username: user.userPrincipalName,
      ver: '2.0',
    });
    expect(payload.idtyp).toBeUndefined();
    const id = decodeJwt(String(res.body.id_token));
    expect(id).toMatchObject({ aud: 'sandbox-spa', nonce: 'n-1', oid: user.objectId, tid: idp.tenantId });
    expect(id.sub).not.toBe(payload.sub); // pairwise per app
    // The proxy's validation path: the emulator's own validator accepts it for the API audience.
    expect((await idp.validateBearer(`Bearer ${res.body.access_token}`, [SANDBOX_API])).roles).toEqual(['Connector.Resync']);
  });

  it('refuses a second redemption, a wrong verifier, a missing Origin and a client secret', async () => {
    const a = await signIn();
    const form = { grant_type: 'authorization_code', code: a.answer.code!, redirect_uri: REDIRECT, code_verifier: a.verifier };
    expect((await token({ ...form, code_verifier: pkce().verifier })).body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect((await token(form, {})).body).toMatchObject({ error: 'invalid_request', error_codes: [9002327] });
    const secret = await token({ ...form, client_secret: 'x' });
    expect(secret.status).toBe(401);
    expect(secret.body).toMatchObject({ error: 'invalid_client', error_codes: [700025] });
    expect((await token(form)).status).toBe(200);
    expect((await token(form)).body).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('a code without PKCE is not redeemable cross-origin; an expired code is refused', async () => {
    const plain = await authorize({});
    expect((await token({ grant_type: 'authorization_code', code: plain.answer.code!, redirect_uri: REDIRECT })).body).toMatchObject({ error_codes: [9002325] });
    const a = await signIn();
    clock += 10 * 60_000;
    expect((await token({ grant_type: 'authorization_code', code: a.answer.code!, redirect_uri: REDIRECT, code_verifier: a.verifier })).body).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
  });

  it('refreshes with the refresh token (cross-origin only) until its fixed 24 h lifetime ends', async () => {
    const a = await signIn();
    const first = await token({ grant_type: 'authorization_code', code: a.answer.code!, redirect_uri: REDIRECT, code_verifier: a.verifier });
    clock += 3_600_000;
    const refresh = { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token), scope: SCOPE };
    expect((await token(refresh, {})).body).toMatchObject({ error_codes: [9002327] });
    const second = await token(refresh);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token_expires_in).toBe(86400 - 3600);
    expect(decodeJwt(String(second.body.access_token))).toMatchObject({ scp: 'user_impersonation', oid: user.objectId });
    clock += 23 * 3_600_000;
    expect((await token({ ...refresh, refresh_token: String(second.body.refresh_token) })).body).toMatchObject({ error: 'invalid_grant', error_codes: [700084] });
  });

  it('answers the CORS preflight MSAL.js sends before its token POST', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/sandbox/oauth2/v2.0/token',
      headers: { origin: PAGE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-anchormailbox' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type,x-anchormailbox' });
  });
});
