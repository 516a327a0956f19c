/** Renders every failure as RFC 9457 `application/problem+json` with the spec's codes (§4.10). */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ClarityProblem, problemBody } from '../domain/problem';

export function sendProblem(req: FastifyRequest, reply: FastifyReply, p: ClarityProblem): FastifyReply {
  for (const [k, v] of Object.entries(p.extra.headers ?? {})) reply.header(k, v);
  return reply.code(p.status).type('application/problem+json').send(problemBody(p, req.url.split('?')[0]!, String(req.id)));
}

export function toProblem(err: FastifyError | ClarityProblem | Error): ClarityProblem {
  if (err instanceof ClarityProblem) return err;
  const e = err as FastifyError;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return new ClarityProblem('unsupported_media_type', 'Content-Type must be application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return new ClarityProblem('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return new ClarityProblem('invalid_request', e.message);
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new ClarityProblem('invalid_request', e.message);
  return new ClarityProblem('internal_error', 'An unexpected error occurred.');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const p = toProblem(err);
    if (p.status >= 500) req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, p);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new ClarityProblem('not_found', `No route for ${req.method} ${req.url.split('?')[0]}.`)));
}
