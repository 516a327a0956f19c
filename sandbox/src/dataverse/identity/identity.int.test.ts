import Fastify, { type FastifyInstance } from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Agent as HttpsAgent } from 'node:https';
import { Agent, request } from 'undici';
import { listenDual, type DualListener } from '../../common/listen-dual';
import { dataverseAuthHook } from './auth-hook';
import { createIdentityProvider } from './provider';
import { sandboxClients } from './sandbox-clients';

const ORG = 'https://sandbox.crm.dynamics.com';
let clock = Date.now();
const idp = createIdentityProvider({ tenant: 'sandbox', clients: sandboxClients(), now: () => clock });
let app: FastifyInstance;
let server: DualListener;
let agent: Agent;

beforeAll(async () => {
  app = Fastify();
  await app.register(idp.routes);
  app.addHook('onRequest', dataverseAuthHook(idp, { audiences: () => [ORG] }));
  app.get('/api/data/v9.2/WhoAmI', async (req) => ({ UserId: req.principal?.objectId, clientId: req.principal?.clientId }));
  server = await listenDual(app, { port: 0, host: '127.0.0.1' });
  agent = new Agent({ connect: { ca: server.caPem } });
});
afterAll(async () => {
  await agent.close();
  await app.close();
});

async function token(form: Record<string, string>, base = server.httpUrl, tenant = 'sandbox') {
  const res = await request(`${base}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    dispatcher: agent,
  });
  return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as Record<string, unknown> };
}
const creds = { grant_type: 'client_credentials', client_id: 'sandbox-connector', client_secret: 'sandbox-secret', scope: `${ORG}/.default` };

describe('token endpoint', () => {
  it('issues an RS256 v2 access token that verifies against the served JWKS (jose, over https)', async () => {
    const res = await token(creds, server.httpsUrl);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store, no-cache');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });

    const config = await (await request(`${server.httpsUrl}/sandbox/v2.0/.well-known/openid-configuration`, { dispatcher: agent })).body.json() as Record<string, string>;
    expect(config['issuer']).toBe(`${server.httpsUrl}/${idp.tenantId}/v2.0`);
    expect(config['token_endpoint']).toBe(`${server.httpsUrl}/${idp.tenantId}/oauth2/v2.0/token`);
    const jwks = createRemoteJWKSet(new URL(config['jwks_uri'] ?? ''), { agent: new HttpsAgent({ ca: server.caPem }) });
    const { payload, protectedHeader } = await jwtVerify(String(res.body['access_token']), jwks, {
      issuer: config['issuer'],
      audience: ORG,
      algorithms: ['RS256'],
      currentDate: new Date(clock),
    });
    expect(protectedHeader.kid).toBe(idp.jwks().keys[0]?.kid);
    expect(payload).toMatchObject({ tid: idp.tenantId, azp: 'sandbox-connector', appid: 'sandbox-connector', ver: '2.0', oid: sandboxClients()[0]?.objectId });
    expect(payload.exp).toBe((payload.iat ?? 0) + 3599);
  });

  it('answers a wrong secret with invalid_client AADSTS7000215 in the AAD JSON shape', async () => {
    const res = await token({ ...creds, client_secret: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    for (const k of ['error_description', 'timestamp', 'trace_id', 'correlation_id']) expect(typeof res.body[k]).toBe('string');
  });

  it('answers unknown clients, bad scopes and unknown tenants as Entra does', async () => {
    expect((await token({ ...creds, client_id: 'ghost' })).body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    expect((await token({ ...creds, scope: `${ORG}/user_impersonation` })).body).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
    const tenant = await token(creds, server.httpUrl, 'contoso');
    expect(tenant.status).toBe(400);
    expect(tenant.body).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('accepts the tenant id in place of the tenant name', async () => {
    expect((await token(creds, server.httpUrl, idp.tenantId)).status).toBe(200);
  });

  it('serves instance discovery naming the emulator as its own cloud', async () => {
    const url = `${server.httpsUrl}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`https://localhost:${server.port}/sandbox/oauth2/v2.0/authorize`)}`;
    const body = await (await request(url, { dispatcher: agent })).body.json();
    expect(body).toMatchObject({ metadata: [{ preferred_network: `localhost:${server.port}`, aliases: [`localhost:${server.port}`] }] });
  });
});

describe('Dataverse 401s (spec §4.5)', () => {
  const whoAmI = async (authorization?: string) => {
    const res = await request(`${server.httpUrl}/api/data/v9.2/WhoAmI`, { headers: authorization ? { authorization } : {}, dispatcher: agent });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  };
  const challenge = () => `Bearer authorization_uri=${server.httpUrl}/${idp.tenantId}/oauth2/authorize, resource_id=${ORG}`;

  it('lets a valid token through and sets request.principal', async () => {
    const res = await whoAmI(`Bearer ${(await token(creds)).body['access_token']}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ UserId: sandboxClients()[0]?.objectId, clientId: 'sandbox-connector' });
  });

  it('missing and malformed tokens: 401, empty body, the authorize challenge', async () => {
    for (const auth of [undefined, 'Bearer', 'Bearer abc.def']) {
      const res = await whoAmI(auth);
      expect(res.status).toBe(401);
      expect(res.text).toBe('');
      expect(String(res.headers['www-authenticate'])).toContain(auth === 'Bearer abc.def' ? 'IDX14100' : challenge());
    }
    expect((await whoAmI()).headers['www-authenticate']).toBe(challenge());
  });

  it('expired (via the clock), wrong audience and wrong signature: 401, empty body, IDX reason', async () => {
    const valid = String((await token(creds)).body['access_token']);
    const wrongAud = String((await token({ ...creds, scope: 'https://other.crm.dynamics.com/.default' })).body['access_token']);
    const [h, p, s] = valid.split('.') as [string, string, string];
    const tampered = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    const cases: [string, string, () => void][] = [
      [wrongAud, 'IDX10214', () => undefined],
      [tampered, 'IDX10511', () => undefined],
      [valid, 'IDX10223', () => (clock += 3599_000 + 301_000)],
    ];
    for (const [tok, idxCode, before] of cases) {
      before();
      const res = await whoAmI(`Bearer ${tok}`);
      expect(res.status).toBe(401);
      expect(res.text).toBe('');
      expect(res.headers['www-authenticate']).toMatch(new RegExp(`^Bearer error="invalid_token", error_description="${idxCode}: .*authorization_uri=`));
    }
  });

  it('leaves routes outside /api/data/ alone', async () => {
    const res = await request(`${server.httpUrl}/sandbox/discovery/v2.0/keys`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as { keys: unknown[] }).keys).toHaveLength(1);
  });
});
