/** Emulator options: one object, defaults applied once and frozen (no process.env reads here). */
import type { FastifyBaseLogger } from 'fastify';

export const ALL_SCOPES = [
  'orders:read', 'orders:write', 'customers:read', 'customers:write',
  'products:read', 'inventory:write', 'webhooks:manage', 'loyalty:write',
] as const;
export type Scope = (typeof ALL_SCOPES)[number];

export interface ApiKeyOption { key: string; scopes?: readonly Scope[]; name?: string }
export interface OAuthClientOption { clientId: string; clientSecret: string; scopes?: readonly Scope[] }
export interface RateLimitOption { capacity?: number; refillPerSecond?: number }

export interface ClarityEmulatorOptions {
  /** Seed of the fault injector's PRNG (rules are added at run time through `/_sandbox/faults`). */
  faultSeed?: number;
  /** Defaults to the sandbox key `clr_test_sandbox` with every scope. */
  apiKeys?: ApiKeyOption[];
  /** Defaults to `sandbox-connector` / `sandbox-secret` with every scope. */
  oauthClients?: OAuthClientOption[];
  /** Token bucket per credential (spec §4.9); `false` disables limiting and its headers. */
  rateLimit?: RateLimitOption | false;
  /** Multiplies the webhook retry schedule (0.001 turns 5 min into 300 ms for tests). */
  webhookRetryScale?: number;
  /** Replaces the retry delays in ms (before scaling); index i is the wait before attempt i+2. */
  webhookRetrySchedule?: number[];
  /** Allows http:// and loopback webhook targets (sandbox default true; see webhooks/url-policy.ts). */
  allowInsecureWebhookUrls?: boolean;
  /** Per-attempt delivery timeout in ms (spec: 10 s). */
  webhookTimeoutMs?: number;
  /** Clock for timestamps, tokens, buckets and cursors. */
  now?: () => Date;
  /** `false` (default) is silent; `true` or a pino logger instance enables logging. */
  logger?: boolean | FastifyBaseLogger;
  storeId?: string;
  /** Fault injection: delay before each mutating handler runs (lets tests see 409 in-flight). */
  mutationDelayMs?: number;
  /** Maximum JSON body in bytes (default 1 MiB). */
  bodyLimit?: number;
}

export interface ResolvedOptions {
  apiKeys: ApiKeyOption[];
  oauthClients: OAuthClientOption[];
  rateLimit: Required<RateLimitOption> | false;
  retryDelaysMs: number[];
  retryScale: number;
  allowInsecureWebhookUrls: boolean;
  webhookTimeoutMs: number;
  now: () => Date;
  storeId: string;
  mutationDelayMs: number;
  bodyLimit: number;
}

/** Spec §4.7: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const DEFAULT_RETRY_DELAYS_MS = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400].map((s) => s * 1000);

export function resolveOptions(o: ClarityEmulatorOptions = {}): ResolvedOptions {
  const rl = o.rateLimit === false ? false : { capacity: o.rateLimit?.capacity ?? 40, refillPerSecond: o.rateLimit?.refillPerSecond ?? 4 };
  return Object.freeze({
    apiKeys: o.apiKeys ?? [{ key: 'clr_test_sandbox', scopes: ALL_SCOPES, name: 'sandbox' }],
    oauthClients: o.oauthClients ?? [{ clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', scopes: ALL_SCOPES }],
    rateLimit: rl,
    retryDelaysMs: o.webhookRetrySchedule ?? DEFAULT_RETRY_DELAYS_MS,
    retryScale: o.webhookRetryScale ?? 1,
    allowInsecureWebhookUrls: o.allowInsecureWebhookUrls ?? true,
    webhookTimeoutMs: o.webhookTimeoutMs ?? 10_000,
    now: o.now ?? (() => new Date()),
    storeId: o.storeId ?? 'store_main',
    mutationDelayMs: o.mutationDelayMs ?? 0,
    bodyLimit: o.bodyLimit ?? 1024 * 1024,
  });
}
