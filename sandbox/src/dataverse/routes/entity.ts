import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { errors } from '../errors';
import { handleGet } from './read';
import { requestInfo } from './request-info';
import { handleDelete, handlePatch, handlePost, handlePut } from './write';

const HANDLERS = { GET: handleGet, POST: handlePost, PATCH: handlePatch, PUT: handlePut, DELETE: handleDelete } as const;

/** Every `/api/data/vX.Y/<entityset>…` URL: records, keys, properties, references, bulk actions. */
export function registerEntityRoutes(app: FastifyInstance, core: EmulatorCore): void {
  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/api/data/:version/*',
    handler: async (request, reply) => {
      const info = requestInfo(core, request, reply);
      if (!info) return reply.callNotFound();
      const handler = HANDLERS[request.method as keyof typeof HANDLERS];
      if (!handler) throw errors.methodNotAllowed();
      await handler(info);
      return reply;
    },
  });
}
