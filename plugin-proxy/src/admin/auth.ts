/**
 * `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time. Without a configured key the admin API is
 * off (503 saying so) rather than open: the dead-letter queue holds customer data and can redrive writes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConnectorError } from '../errors';
import { safeEqual } from '../http/constant-time';
import { errorBody } from '../http/error-handler';

export function adminAuth(adminKey: string | undefined) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!adminKey) {
      return reply.status(503).send(errorBody('CONNECTOR_ERR_CONFIG', 'The admin API is disabled: set ADMIN_API_KEY to enable it'));
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!safeEqual(m?.[1], adminKey)) throw new ConnectorError('CONNECTOR_ERR_UNAUTHORIZED', 'A valid admin bearer key is required');
  };
}
