import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { loadConfig } from '../config';
import { registerErrorHandling } from '../http/error-handler';
import { minimalEnv } from '../http/test-support/env';
import type { Store } from '../store/types';
import { controlRoutes, type ControlDeps } from '.';

const ISSUER = 'https://login.example.com/tenant-1/v2.0';
const AUDIENCE = 'api://clarity-connector';

/** Routes that touch no store or API (unlinked records): the store answers "no link" and nothing else. */
const noLinks = { links: { byDataverse: async () => undefined } } as unknown as Store;

function appWith(env: NodeJS.ProcessEnv): FastifyInstance {
  const config = loadConfig({ ...minimalEnv(), ...env });
  const app = Fastify();
  registerErrorHandling(app);
  void app.register(controlRoutes({ config, store: noLinks, dataverse: {} as ControlDeps['dataverse'], clarity: {} as ControlDeps['clarity'] }));
  return app;
}

describe('control API without its configuration', () => {
  it('answers 503 naming the variables to set, like the admin API without its key', async () => {
    const app = appWith({});
    const res = await app.inject({ method: 'GET', url: '/api/control/contacts/5b0e0f5e-8f3c-4c43-9d0c-3f2c2a6f0a11/orders' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { code: 'CONNECTOR_ERR_CONFIG', message: expect.stringContaining('CONTROL_JWKS_URL') } });
    await app.close();
  });
});

describe('control API bearer validation (a local JWKS)', () => {
  let keys: FastifyInstance;
  let jwksUrl: string;
  let privateKey: KeyLike;
  let otherKey: KeyLike;
  let app: FastifyInstance;
  const contact = '/api/control/contacts/5b0e0f5e-8f3c-4c43-9d0c-3f2c2a6f0a11';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    keys = Fastify();
    keys.get('/keys', async () => ({ keys: [jwk] }));
    jwksUrl = `${await keys.listen({ port: 0, host: '127.0.0.1' })}/keys`;
    app = appWith({ CONTROL_JWKS_URL: jwksUrl, CONTROL_ISSUER: ISSUER, CONTROL_AUDIENCE: AUDIENCE, CONTROL_TENANT_ID: 'tenant-1', CONTROL_RESYNC_ROLE: 'Sync.Now' });
  });
  afterAll(async () => {
    await app.close();
    await keys.close();
  });

  const sign = (claims: Record<string, unknown> = {}, key = privateKey, lifetime: string | number = '10m') =>
    new SignJWT({ tid: 'tenant-1', ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime(lifetime).sign(key);
  const get = async (bearer: string | undefined, url = `${contact}/loyalty`, method: 'GET' | 'POST' = 'GET') =>
    app.inject({ method, url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

  it('accepts a valid token and answers an unlinked contact as not linked', async () => {
    const res = await get(await sign());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ linked: false });
  });

  it.each([
    ['another signing key', () => sign({}, otherKey)],
    ['another tenant', () => sign({ tid: 'tenant-2' })],
    ['expired beyond the skew', () => sign({}, privateKey, Math.floor(Date.now() / 1000) - 600)],
    ['not valid yet', () => sign({ nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['unsigned (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, tid: 'tenant-1', exp: 9e9 })).toString('base64url')}.`],
  ])('refuses %s with 401 and the invalid_token challenge', async (_what, make) => {
    const res = await get(await make());
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(res.json().error.code).toBe('CONNECTOR_ERR_UNAUTHORIZED');
  });

  it('needs the configured role in roles or scp for resync', async () => {
    expect((await get(await sign({ roles: ['Other'] }), `${contact}/resync`, 'POST')).statusCode).toBe(403);
    expect((await get(await sign({ scp: 'Other' }), `${contact}/resync`, 'POST')).statusCode).toBe(403);
  });

  it('answers 503 (not 401) when the signing keys cannot be fetched', async () => {
    const down = appWith({ CONTROL_JWKS_URL: 'http://127.0.0.1:1/keys', CONTROL_ISSUER: ISSUER, CONTROL_AUDIENCE: AUDIENCE });
    const res = await down.inject({ method: 'GET', url: `${contact}/loyalty`, headers: { authorization: `Bearer ${await sign()}` } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('CONNECTOR_ERR_TRANSIENT');
    await down.close();
  });
});

describe('control configuration', () => {
  it('defaults, parses CORS origins and insists on the three auth keys together', () => {
    const c = loadConfig({ ...minimalEnv(), CORS_ORIGINS: ' https://contoso.crm.dynamics.com/ ,https://contoso.crm4.dynamics.com,' });
    expect(c).toMatchObject({ CONTROL_RESYNC_ROLE: 'Connector.Resync', CONTROL_CACHE_TTL_MS: 15_000, CONTROL_CLARITY_TIMEOUT_MS: 3000 });
    expect(c.CORS_ORIGINS).toEqual(['https://contoso.crm.dynamics.com', 'https://contoso.crm4.dynamics.com']);
    expect(c.CONTROL_JWKS_URL).toBeUndefined();
    expect(() => loadConfig({ ...minimalEnv(), CONTROL_AUDIENCE: AUDIENCE })).toThrow(/CONTROL_JWKS_URL.*CONTROL_ISSUER|CONTROL_ISSUER.*CONTROL_JWKS_URL/);
    expect(() => loadConfig({ ...minimalEnv(), CORS_ORIGINS: 'https://contoso.crm.dynamics.com/path' })).toThrow(/CORS_ORIGINS/);
  });
});
