import type { FastifyInstance } from 'fastify';

export interface LoggedRequest {
  at: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  status: number;
  /** Who called: the token's subject or key name when the emulator knows it. */
  caller?: string;
  /** True for a `$batch` part re-entering the app. */
  batchPart?: boolean;
}

export interface RequestLog {
  entries(): readonly LoggedRequest[];
  /** Requests matching a method and a path pattern, e.g. count('PATCH', /\/contacts\(/). */
  count(method: string, path: RegExp): number;
  clear(): void;
}

/**
 * Remembers the last `capacity` requests an emulator answered, so tests and the operations page can see what
 * a client actually sent (e.g. "exactly one write each way"). Served read-only at `/_sandbox/requests`.
 */
export function registerRequestLog(
  app: FastifyInstance,
  options: { capacity?: number; callerOf?: (req: import('fastify').FastifyRequest) => string | undefined; isBatchPart?: (req: import('fastify').FastifyRequest) => boolean } = {},
): RequestLog {
  const capacity = options.capacity ?? 10_000;
  let log: LoggedRequest[] = [];
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/_sandbox/')) return;
    log.push({
      at: new Date().toISOString(),
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      caller: options.callerOf?.(request),
      batchPart: options.isBatchPart?.(request) || undefined,
    });
    if (log.length > capacity) log = log.slice(log.length - capacity);
  });
  app.get('/_sandbox/requests', async () => ({ requests: log }));
  return {
    entries: () => log,
    count: (method, path) => log.filter((e) => e.method === method && path.test(e.url)).length,
    clear: () => {
      log = [];
    },
  };
}
