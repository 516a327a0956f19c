import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DataverseError } from '../errors';
import type { OrgInfo } from '../org-seed';
import type { ExecutionContext } from '../pipeline/types';

/** The caller's execution context: the systemuser bound to the token's object id (spec §7 application user). */
export function executionContext(request: FastifyRequest, org: OrgInfo): ExecutionContext {
  const objectId = request.principal?.objectId;
  const userId = objectId ? org.usersByObjectId.get(objectId) : undefined;
  if (!userId)
    throw new DataverseError(403, '0x80072560', `The user is not a member of the organization. Object id '${objectId ?? ''}' has no systemuser.`);
  const header = request.headers['x-ms-correlation-request-id'];
  return {
    userId,
    initiatingUserId: userId,
    userAadObjectId: objectId,
    correlationId: typeof header === 'string' && header ? header : randomUUID(),
    requestId: request.id,
    depth: 1,
    userAgent: request.headers['user-agent'] ?? '',
  };
}

/** `http(s)://host:port/api/data/v9.2/` for the request, the prefix of OData-EntityId and @odata.context. */
export function serviceRoot(request: FastifyRequest, version: string): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}/api/data/${version}/`;
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}
