/**
 * The proxy's configuration: one zod schema over the environment, parsed once at start-up and frozen
 * (style.md practice 7). No other file reads `process.env`; everything else receives a `Config`.
 * docs/configuration.md documents every key; config.test.ts fails when one is missing there.
 */
import path from 'node:path';
import { z } from 'zod';
import { ConnectorError } from './errors';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const INVENTORY_DIRECTIONS = ['clarity-to-dataverse', 'both'] as const;
export type InventoryDirection = (typeof INVENTORY_DIRECTIONS)[number];

const required = () =>
  z.string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty');

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

// Trailing slashes are dropped so clients can append `/api/data/v9.2/...` without doubling them.
const httpUrl = () =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((u) => u.replace(/\/+$/, ''));

/** A shared secret someone could guess is no secret: insist on some length. */
const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`);

// Standard Webhooks secrets are `whsec_` + base64 of the key (clarity-api.md §4.7); several during rotation.
const WHSEC_RE = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
const webhookSecrets = required()
  .transform((s) => s.split(',').map((p) => p.trim()).filter((p) => p.length > 0))
  .refine((list) => list.length > 0, 'must list at least one whsec_… secret')
  .refine((list) => list.every((p) => WHSEC_RE.test(p)), 'every entry must look like whsec_<base64>');

/** The shipped mappings folder (plugin-proxy/mappings), found relative to this file, not the working directory. */
export const DEFAULT_MAPPINGS_DIR = path.resolve(__dirname, '..', 'mappings');

const schema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  SQLITE_FILE: z.string().min(1).default('.data/connector.sqlite'),
  DATAVERSE_URL: httpUrl(),
  DATAVERSE_TENANT_ID: required(),
  DATAVERSE_AUTHORITY: httpUrl().optional(),
  DATAVERSE_CLIENT_ID: required(),
  DATAVERSE_CLIENT_SECRET: required(),
  DATAVERSE_CA_FILE: z.string().min(1).optional(),
  DATAVERSE_WEBHOOK_KEY: secret(16),
  // Dataverse sends HttpHeader names in lower case (dataverse-webapi.md §6.2); compare that way.
  DATAVERSE_WEBHOOK_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
    .transform((h) => h.toLowerCase())
    .default('x-connector-key'),
  CLARITY_API_URL: httpUrl(),
  CLARITY_API_KEY: z.string().min(1).optional(),
  CLARITY_CLIENT_ID: z.string().min(1).optional(),
  CLARITY_CLIENT_SECRET: z.string().min(1).optional(),
  CLARITY_WEBHOOK_SECRETS: webhookSecrets,
  WEBHOOK_TOLERANCE_SEC: int(300, 1, 86_400),
  MAX_BODY_BYTES: int(1_048_576, 1024, 64 * 1_048_576),
  ADMIN_API_KEY: secret(16).optional(),
  WORKER_CONCURRENCY: int(128, 1, 256),
  JOB_LEASE_MS: int(30_000, 1000, 3_600_000),
  POLL_INTERVAL_MS: int(250, 10, 60_000),
  // Backoff of the one retry policy (retry/policy.ts); the defaults are its documented ones.
  RETRY_BASE_MS: int(500, 1, 60_000),
  RETRY_CAP_MS: int(300_000, 1, 3_600_000),
  MAPPINGS_DIR: z.string().min(1).default(DEFAULT_MAPPINGS_DIR),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PUBLIC_URL: httpUrl().optional(),
  // Control API (PCF controls, command bar): Entra ID bearer tokens checked against the tenant's keys.
  CONTROL_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  CONTROL_ISSUER: z.string().min(1).optional(),
  CONTROL_AUDIENCE: z.string().min(1).optional(),
  CONTROL_TENANT_ID: z.string().min(1).optional(),
  CONTROL_RESYNC_ROLE: z.string().regex(/^\S+$/, 'must be one role or scope name').default('Connector.Resync'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter((o) => o.length > 0))
    .refine((list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'every entry must be an origin such as https://contoso.crm.dynamics.com'),
  CONTROL_CACHE_TTL_MS: int(15_000, 0, 3_600_000),
  // Inventory (design.md "per configuration"): Clarity → Dynamics always; `both` also sends a quantity on hand
  // a CRM user sets back to Clarity (PUT /products/{sku}/inventory at INVENTORY_LOCATION_ID).
  INVENTORY_DIRECTION: z.enum(INVENTORY_DIRECTIONS, { error: `must be one of ${INVENTORY_DIRECTIONS.join(', ')}` }).default('clarity-to-dataverse'),
  INVENTORY_LOCATION_ID: z.string().regex(/^\S+$/, 'must be one Clarity location id').optional(),
  // The scheduled full catalog sync (flows/catalog/schedule.ts); 0 = off.
  CATALOG_SYNC_INTERVAL_MINUTES: int(0, 0, 7 * 24 * 60),
  CONTROL_CLARITY_TIMEOUT_MS: int(3000, 100, 60_000),
});

const checked = schema
  .superRefine((c, ctx) => {
    if (!c.CLARITY_API_KEY && !(c.CLARITY_CLIENT_ID && c.CLARITY_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['CLARITY_API_KEY'], message: 'is required unless CLARITY_CLIENT_ID and CLARITY_CLIENT_SECRET are both set' });
    }
    const control = [c.CONTROL_JWKS_URL, c.CONTROL_ISSUER, c.CONTROL_AUDIENCE];
    if (control.some(Boolean) && !control.every(Boolean)) {
      for (const [key, value] of [['CONTROL_JWKS_URL', c.CONTROL_JWKS_URL], ['CONTROL_ISSUER', c.CONTROL_ISSUER], ['CONTROL_AUDIENCE', c.CONTROL_AUDIENCE]] as const)
        if (!value) ctx.addIssue({ code: 'custom', path: [key], message: 'must be set together with CONTROL_JWKS_URL, CONTROL_ISSUER and CONTROL_AUDIENCE (the control API)' });
    }
    if (Boolean(c.CLARITY_CLIENT_ID) !== Boolean(c.CLARITY_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: [c.CLARITY_CLIENT_ID ? 'CLARITY_CLIENT_SECRET' : 'CLARITY_CLIENT_ID'], message: 'must be set together with its pair' });
    }
  })
  .transform((c) => ({
    ...c,
    DATAVERSE_AUTHORITY: c.DATAVERSE_AUTHORITY ?? `https://login.microsoftonline.com/${c.DATAVERSE_TENANT_ID}`,
  }));

export type Config = z.infer<typeof checked>;

/** Every variable the schema reads, for the documentation check. */
export const CONFIG_KEYS = Object.keys(schema.shape) as ReadonlyArray<keyof z.infer<typeof schema>>;

/**
 * Parses and freezes the configuration. Throws CONNECTOR_ERR_CONFIG naming every bad variable (never its value:
 * some are secrets). Empty strings count as unset, as env files and compose often leave them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const input: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = checked.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'} ${i.message}`);
    throw new ConnectorError('CONNECTOR_ERR_CONFIG', `Invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze({
    ...parsed.data,
    CLARITY_WEBHOOK_SECRETS: Object.freeze([...parsed.data.CLARITY_WEBHOOK_SECRETS]) as string[],
    CORS_ORIGINS: Object.freeze([...parsed.data.CORS_ORIGINS]) as string[],
  });
}
