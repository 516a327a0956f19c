import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS, DEFAULT_MAPPINGS_DIR, loadConfig } from './config';
import { ConnectorError } from './errors';
import { minimalEnv, TEST_WEBHOOK_SECRET } from './http/test-support/env';

const SECRET = TEST_WEBHOOK_SECRET;

function errorOf(env: NodeJS.ProcessEnv): ConnectorError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const c = loadConfig(minimalEnv());
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      SQLITE_FILE: '.data/connector.sqlite',
      DATAVERSE_URL: 'https://contoso.crm.dynamics.com',
      DATAVERSE_AUTHORITY: 'https://login.microsoftonline.com/sandbox',
      DATAVERSE_WEBHOOK_HEADER: 'x-connector-key',
      CLARITY_WEBHOOK_SECRETS: [SECRET],
      WEBHOOK_TOLERANCE_SEC: 300,
      MAX_BODY_BYTES: 1_048_576,
      WORKER_CONCURRENCY: 128,
      JOB_LEASE_MS: 30_000,
      POLL_INTERVAL_MS: 250,
      MAPPINGS_DIR: DEFAULT_MAPPINGS_DIR,
      LOG_LEVEL: 'info',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.ADMIN_API_KEY).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.CLARITY_WEBHOOK_SECRETS)).toBe(true);
    expect(DEFAULT_MAPPINGS_DIR.endsWith(path.join('plugin-proxy', 'mappings'))).toBe(true);
  });

  it('reads overrides, splits rotated secrets and treats empty values as unset', () => {
    const c = loadConfig({
      ...minimalEnv(),
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/connector',
      DATAVERSE_AUTHORITY: 'https://127.0.0.1:5555/sandbox',
      DATAVERSE_WEBHOOK_HEADER: 'X-Clarity-Connector',
      CLARITY_WEBHOOK_SECRETS: ` ${SECRET} , whsec_bmV3LXNlY3JldA==,`,
      ADMIN_API_KEY: '',
      LOG_LEVEL: 'debug',
    });
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBe('postgres://u:p@db:5432/connector');
    expect(c.DATAVERSE_AUTHORITY).toBe('https://127.0.0.1:5555/sandbox');
    expect(c.DATAVERSE_WEBHOOK_HEADER).toBe('x-clarity-connector');
    expect(c.CLARITY_WEBHOOK_SECRETS).toEqual([SECRET, 'whsec_bmV3LXNlY3JldA==']);
    expect(c.ADMIN_API_KEY).toBeUndefined();
    expect(c.LOG_LEVEL).toBe('debug');
  });

  it('accepts a Clarity client id/secret pair instead of an API key', () => {
    const env = { ...minimalEnv(), CLARITY_API_KEY: undefined, CLARITY_CLIENT_ID: 'id', CLARITY_CLIENT_SECRET: 'secret' };
    expect(loadConfig(env).CLARITY_CLIENT_ID).toBe('id');
  });

  it('names every missing variable', () => {
    const err = errorOf({});
    expect(err.code).toBe('CONNECTOR_ERR_CONFIG');
    for (const name of ['DATAVERSE_URL', 'DATAVERSE_TENANT_ID', 'DATAVERSE_CLIENT_ID', 'DATAVERSE_CLIENT_SECRET', 'DATAVERSE_WEBHOOK_KEY', 'CLARITY_API_URL', 'CLARITY_WEBHOOK_SECRETS']) {
      expect(err.message).toContain(name);
    }
  });

  it('names each invalid variable without echoing secret values', () => {
    const err = errorOf({
      ...minimalEnv(),
      PORT: 'eighty',
      MAX_BODY_BYTES: '-1',
      DATAVERSE_URL: 'not a url',
      DATABASE_URL: 'mysql://x',
      CLARITY_WEBHOOK_SECRETS: 'plain-text-secret-value',
      DATAVERSE_WEBHOOK_KEY: 'short-key',
      LOG_LEVEL: 'loud',
    });
    for (const name of ['PORT', 'MAX_BODY_BYTES', 'DATAVERSE_URL', 'DATABASE_URL', 'CLARITY_WEBHOOK_SECRETS', 'DATAVERSE_WEBHOOK_KEY', 'LOG_LEVEL']) {
      expect(err.message).toContain(name);
    }
    expect(err.message).not.toContain('plain-text-secret-value');
    expect(err.message).not.toContain('short-key');
  });

  it('inventory flows Clarity → Dynamics unless told both ways; a bad direction is named', () => {
    expect(loadConfig(minimalEnv())).toMatchObject({ INVENTORY_DIRECTION: 'clarity-to-dataverse' });
    expect(loadConfig({ ...minimalEnv(), INVENTORY_DIRECTION: 'both', INVENTORY_LOCATION_ID: 'loc_austin' })).toMatchObject({ INVENTORY_DIRECTION: 'both', INVENTORY_LOCATION_ID: 'loc_austin' });
    const err = errorOf({ ...minimalEnv(), INVENTORY_DIRECTION: 'dataverse-to-clarity', INVENTORY_LOCATION_ID: 'two words' });
    expect(err.message).toContain('INVENTORY_DIRECTION must be one of clarity-to-dataverse, both');
    expect(err.message).toContain('INVENTORY_LOCATION_ID');
  });

  it('requires Clarity credentials of one kind', () => {
    expect(errorOf({ ...minimalEnv(), CLARITY_API_KEY: undefined }).message).toContain('CLARITY_API_KEY');
    expect(errorOf({ ...minimalEnv(), CLARITY_CLIENT_ID: 'id' }).message).toContain('CLARITY_CLIENT_SECRET');
  });
});

describe('docs/configuration.md', () => {
  const doc = readFileSync(path.resolve(__dirname, '../../docs/configuration.md'), 'utf8');
  it.each(CONFIG_KEYS.map((k) => [k]))('documents %s in the table', (key) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
  });
});
