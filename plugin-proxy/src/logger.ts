/**
 * Structured logs (pino) with secrets redacted at the source, so no transport, file or support bundle ever
 * holds one (design.md: "secrets never reach logs"). Job code logs through `jobLogger` so every line carries
 * the job's id, kind and record key.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

// `code` is deliberately absent: it names error codes in logs; the Dataverse `?code=` key is masked in URLs.
const SECRET_KEYS = [
  'authorization',
  'password',
  'secret',
  'client_secret',
  'clientSecret',
  'access_token',
  'accessToken',
  'refresh_token',
  'id_token',
  'apiKey',
  'api_key',
  'token',
  // Config values, in case a whole Config is logged.
  'DATAVERSE_CLIENT_SECRET',
  'DATAVERSE_WEBHOOK_KEY',
  'CLARITY_API_KEY',
  'CLARITY_CLIENT_SECRET',
  'CLARITY_WEBHOOK_SECRETS',
  'ADMIN_API_KEY',
  'DATABASE_URL',
];

const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'webhook-signature', 'x-api-key', 'x-connector-key'];

/** pino redact paths: secret keys at the top level and one or two levels down, and secret request headers. */
export function redactPaths(extraHeaders: readonly string[] = []): string[] {
  const headers = [...new Set([...SECRET_HEADERS, ...extraHeaders.map((h) => h.toLowerCase())])];
  const keyPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  const headerPaths = headers.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`, `*.headers["${h}"]`]);
  return [...keyPaths, ...headerPaths];
}

// Query parameters that carry credentials in URLs: Dataverse's WebhookKey (`code`), OAuth and SAS-style ones.
const SECRET_QUERY = /([?&](?:code|key|secret|client_secret|token|access_token|sig|api_key|apikey)=)[^&#]*/gi;

/** Masks credentials in a URL's query string (`/webhooks/dataverse?code=abc` → `?code=[Redacted]`). */
export function maskUrlSecrets(url: string): string {
  return url.replace(SECRET_QUERY, '$1[Redacted]');
}

interface RequestLike {
  method?: string;
  url?: string;
  id?: unknown;
  ip?: string;
  headers?: Record<string, unknown>;
}

// Replaces fastify's default `req` serializer: same fields, but the URL is masked (redact paths cannot reach
// inside a string).
function reqSerializer(req: RequestLike) {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : maskUrlSecrets(req.url),
    remoteAddress: req.ip,
    userAgent: req.headers?.['user-agent'],
  };
}

export interface LoggerOptions {
  level?: string;
  /** Extra header names that carry secrets (e.g. the configured Dataverse webhook header). */
  secretHeaders?: readonly string[];
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Bindings on every line, e.g. `{ service: 'plugin-proxy' }`. */
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? { service: 'plugin-proxy' },
      redact: { paths: redactPaths(options.secretHeaders), censor: '[Redacted]' },
      serializers: { req: reqSerializer, err: pino.stdSerializers.err },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

export interface JobContext {
  id: string;
  kind: string;
  recordKey: string;
}

/** A child logger whose lines all carry `jobId`, `kind` and `recordKey`. */
export function jobLogger(parent: Logger, job: JobContext, extra: Record<string, unknown> = {}): Logger {
  return parent.child({ jobId: job.id, kind: job.kind, recordKey: job.recordKey, ...extra });
}
