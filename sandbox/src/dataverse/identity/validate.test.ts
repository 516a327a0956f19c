import { AuthError } from './auth-error';
import { createIdentityProvider } from './provider';
import { sandboxClients } from './sandbox-clients';
import { tenantIdFor } from './tokens';

const ORG = 'https://sandbox.crm.dynamics.com';
let clock = Date.UTC(2025, 0, 1);
const clients = sandboxClients().map((c) => (c.clientId === 'sandbox-connector' ? { ...c, appRoles: { [`${ORG}/`]: ['Sync.All'] } } : c));
const idp = createIdentityProvider({ tenant: 'sandbox', clients, now: () => clock, authorityOrigin: 'https://localhost:5555' });

async function reasonOf(authorization: string | undefined, audiences = [ORG]) {
  try {
    await idp.validateBearer(authorization, audiences);
    return 'ok';
  } catch (err) {
    if (err instanceof AuthError) return err.reason;
    throw err;
  }
}

describe('validateBearer', () => {
  beforeEach(() => {
    clock = Date.UTC(2025, 0, 1);
  });

  it('returns the principal with v2 claims and roles for that audience', async () => {
    const token = await idp.issueToken('sandbox-connector', ORG);
    const p = await idp.validateBearer(`Bearer ${token}`, [`${ORG}/`]);
    expect(p).toMatchObject({ tenantId: tenantIdFor('sandbox'), clientId: 'sandbox-connector', roles: ['Sync.All'], audience: ORG });
    expect(p.objectId).toBe(clients[0]?.objectId);
    expect(p.claims).toMatchObject({ ver: '2.0', iss: `https://localhost:5555/${idp.tenantId}/v2.0`, azp: 'sandbox-connector', appid: 'sandbox-connector', sub: p.objectId, idtyp: 'app' });
  });

  it('gives no roles claim to a client without app roles', async () => {
    const p = await idp.validateBearer(`Bearer ${await idp.issueToken('sandbox-crm-user', ORG)}`, [ORG]);
    expect(p.roles).toEqual([]);
    expect(p.claims['roles']).toBeUndefined();
  });

  it('classifies every failure', async () => {
    const token = await idp.issueToken('sandbox-connector', ORG);
    const [h, p, s] = token.split('.') as [string, string, string];
    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    const other = createIdentityProvider({ tenant: 'sandbox', clients, now: () => clock });
    expect(await reasonOf(undefined)).toBe('missing');
    expect(await reasonOf('Basic abc')).toBe('missing');
    expect(await reasonOf('Bearer not-a-jwt')).toBe('malformed');
    expect(await reasonOf(`Bearer ${flipped}`)).toBe('invalid_signature');
    expect(await reasonOf(`Bearer ${await other.issueToken('sandbox-connector', ORG)}`)).toBe('invalid_signature');
    expect(await reasonOf(`Bearer ${token}`, ['https://other.crm.dynamics.com'])).toBe('invalid_audience');
    expect(await reasonOf(`Bearer ${await idp.issueToken('sandbox-connector', ORG, { claims: { iss: 'https://localhost/other/v2.0' } })}`)).toBe('invalid_issuer');
    expect(await reasonOf(`Bearer ${await idp.issueToken('sandbox-connector', ORG, { claims: { tid: 'someone-else' } })}`)).toBe('invalid_tenant');
    expect(await reasonOf(`Bearer ${await idp.issueToken('sandbox-connector', ORG, { issuedAtMs: clock + 3600_000 })}`)).toBe('not_yet_valid');
  });

  it('expires tokens after exp plus the 5 minute clock skew', async () => {
    const token = `Bearer ${await idp.issueToken('sandbox-connector', ORG, { lifetimeSec: 60 })}`;
    clock += 60_000 + 299_000;
    expect(await reasonOf(token)).toBe('ok');
    clock += 1_000;
    expect(await reasonOf(token)).toBe('expired');
  });

  it('checks the claims of a token again each time it is seen (only its signature check is remembered)', async () => {
    const token = `Bearer ${await idp.issueToken('sandbox-connector', ORG)}`;
    expect(await reasonOf(token)).toBe('ok');
    expect(await reasonOf(token)).toBe('ok');
    expect(await reasonOf(token, ['https://other.crm.dynamics.com'])).toBe('invalid_audience');
    const [h, p, s] = token.slice('Bearer '.length).split('.') as [string, string, string];
    expect(await reasonOf(`Bearer ${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`)).toBe('invalid_signature');
  });

  it('puts the challenge and the IDX reason in WWW-Authenticate', async () => {
    const missing = (await idp.validateBearer(undefined, [ORG]).catch((e: unknown) => e)) as AuthError;
    expect(missing.headers['www-authenticate']).toBe(`Bearer authorization_uri=https://localhost:5555/${idp.tenantId}/oauth2/authorize, resource_id=${ORG}`);
    const token = await idp.issueToken('sandbox-connector', ORG);
    const wrong = (await idp.validateBearer(`Bearer ${token}`, ['https://x']).catch((e: unknown) => e)) as AuthError;
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token", error_description="IDX10214: Audience validation failed\. Audiences: 'https:\/\/sandbox\.crm\.dynamics\.com'/);
    expect(wrong.headers['www-authenticate']).toContain('authorization_uri=https://localhost:5555/');
  });
});

describe('tenantIdFor', () => {
  it('is a stable GUID per tenant name', () => {
    expect(tenantIdFor('sandbox')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(tenantIdFor('sandbox')).toBe(tenantIdFor('sandbox'));
    expect(tenantIdFor('other')).not.toBe(tenantIdFor('sandbox'));
  });
});
