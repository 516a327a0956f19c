import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { serviceRoot } from '../http/context';
import { sendJson } from '../http/json';

/** `GET /api/data/v9.2/`: the entity sets (spec §1.1). */
export function registerServiceDocument(app: FastifyInstance, core: EmulatorCore): void {
  app.get<{ Params: { version: string } }>('/api/data/:version/', async (request, reply) => {
    return sendJson(reply, 200, {
      '@odata.context': `${serviceRoot(request, request.params.version)}$metadata`,
      value: core.registry
        .tables()
        .map((t) => ({ name: t.entitySetName, kind: 'EntitySet', url: t.entitySetName }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
  });
}
