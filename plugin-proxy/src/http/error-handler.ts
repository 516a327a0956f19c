/**
 * Every error leaves the proxy as `{ "error": { "code": "CONNECTOR_ERR_…", "message": … } }` with the
 * catalogue's status (docs/errors.md), whether a handler threw a ConnectorError or fastify refused the request
 * itself (body too large, bad JSON, unknown route). Unexpected errors are logged in full and answered vaguely.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConnectorError, type ErrorCode } from '../errors';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Turns whatever was thrown into a ConnectorError (keeping fastify's 4xx status where it had one). */
export function toConnectorError(err: unknown): { error: ConnectorError; status: number } {
  if (err instanceof ConnectorError) return { error: err, status: err.status };
  const fe = err as Partial<FastifyError> | undefined;
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return { error: new ConnectorError('CONNECTOR_ERR_TOO_LARGE', 'Request body is larger than the configured limit'), status: 413 };
  }
  if (status === 404) return { error: new ConnectorError('CONNECTOR_ERR_NOT_FOUND', fe?.message ?? 'Not found'), status };
  if (status >= 400 && status < 500) {
    return { error: new ConnectorError('CONNECTOR_ERR_MALFORMED', fe?.message ?? 'Bad request'), status };
  }
  return { error: new ConnectorError('CONNECTOR_ERR_INTERNAL', 'Internal error; see the proxy log for details', { cause: err }), status: 500 };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const { error, status } = toConnectorError(err);
  if (status >= 500) req.log.error({ err }, error.message);
  else req.log.info({ code: error.code, status }, error.message);
  if (status === 401) reply.header('WWW-Authenticate', req.url.startsWith('/admin') ? 'Bearer' : 'Key');
  return reply.status(status).send(errorBody(error.code, error.message));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => sendError(req, reply, err));
  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, new ConnectorError('CONNECTOR_ERR_NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}`)),
  );
}
