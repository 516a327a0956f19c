/**
 * Rejection reasons for the webhook metrics. A ConnectorError carries a code for the sender; the operator also
 * wants to tell clock skew from a wrong secret, so the route notes the finer reason here for the error handler.
 */
import type { FastifyRequest } from 'fastify';
import type { ConnectorError } from '../errors';

const reasons = new WeakMap<FastifyRequest, string>();

export function reject(req: FastifyRequest, reason: string, error: ConnectorError): ConnectorError {
  reasons.set(req, reason);
  return error;
}

export function rejectionReason(req: FastifyRequest): string | undefined {
  return reasons.get(req);
}
