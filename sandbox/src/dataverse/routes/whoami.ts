import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { executionContext, serviceRoot } from '../http/context';
import { sendJson } from '../http/json';
import { errors } from '../errors';

/** `GET WhoAmI` (function; `WhoAmI()` accepted); POST gives the documented 404 (spec §1.1). */
export function registerWhoAmI(app: FastifyInstance, core: EmulatorCore): void {
  for (const url of ['/api/data/:version/WhoAmI', '/api/data/:version/WhoAmI()']) {
    app.get<{ Params: { version: string } }>(url, async (request, reply) => {
      const ctx = executionContext(request, core.org);
      return sendJson(reply, 200, {
        '@odata.context': `${serviceRoot(request, request.params.version)}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
        BusinessUnitId: core.org.businessUnitId,
        UserId: ctx.userId,
        OrganizationId: core.org.organizationId,
      }, { 'x-ms-dop-hint': '4' });
    });
    // WhoAmI is a function: calling it with POST finds no resource (errors/404-no-http-resource.http).
    app.post(url, async (request) => {
      throw errors.noHttpResource(`${request.protocol}://${request.headers.host ?? ''}${request.url}`);
    });
  }
}
