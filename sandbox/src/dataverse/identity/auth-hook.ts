import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { AuthError } from './auth-error';
import { originOf } from './routes';
import type { IdentityProvider, Principal } from './types';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by dataverseAuthHook on `/api/data/` requests that carry a valid bearer token. */
    principal?: Principal;
  }
}

export interface DataverseAuthOptions {
  /** Accepted token audiences, e.g. the org URL; read per request because the port is known only after listen. */
  audiences: () => string[];
  /** Path prefix that requires a token (Dataverse: `/api/data/`). */
  prefix?: string;
}

/**
 * onRequest hook: every `/api/data/` call needs a valid bearer token (spec §9 item 2). Failures answer
 * 401 with an empty body and the WWW-Authenticate challenge (spec §4.5). Register it before the service
 * protection hooks so limits can count per principal.
 */
export function dataverseAuthHook(provider: IdentityProvider, options: DataverseAuthOptions): onRequestAsyncHookHandler {
  const prefix = options.prefix ?? '/api/data/';
  return async function dataverseAuth(request: FastifyRequest, reply: FastifyReply) {
    if (!request.url.startsWith(prefix)) return;
    try {
      request.principal = await provider.validateBearer(request.headers.authorization, options.audiences(), { origin: originOf(request) });
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      request.log.info({ reason: err.reason }, 'bearer token rejected');
      // An empty body: Dataverse sends no JSON with its 401s.
      return reply.code(401).headers({ ...err.headers, 'content-length': '0' }).send();
    }
  };
}
