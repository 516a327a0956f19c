/**
 * `POST CloseIncident` (unbound action; dataverse-webapi.md §5.2 "Resolve with the CloseIncident action, not
 * PATCH"): `{ "IncidentResolution": { "@odata.type": "Microsoft.Dynamics.CRM.incidentresolution", "subject": …,
 * "incidentid@odata.bind": "/incidents(<id>)" }, "Status": 5 }` creates the case resolution activity (Completed)
 * and moves the case to Resolved with that status, as one operation through the write pipeline (so registered
 * webhook steps see the resolution's Create and the case's state change), and answers 204 with no body — the
 * action returns no value (CloseIncident Action reference). `Status` -1 takes the Resolved state's default status.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { DataverseError, errors } from '../errors';
import { executionContext } from '../http/context';
import type { Body } from '../pipeline/payload';

const VERSIONS = new Set(['v9.0', 'v9.1', 'v9.2']);
const PARAMETERS = new Set(['IncidentResolution', 'Status']);
const RESOLVED = 1;

/** 0x800404cf (-2147220273): the fault the organization service returns for closing a resolved case (DLaB.Xrm #3 capture). */
const alreadyClosed = (what: string) => new DataverseError(400, '0x800404cf', what);

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

export function registerCloseIncident(app: FastifyInstance, core: EmulatorCore): void {
  app.post<{ Params: { version: string } }>('/api/data/:version/CloseIncident', async (request, reply) => {
    if (!VERSIONS.has(request.params.version)) return reply.callNotFound();
    const ctx = executionContext(request, core.org);
    const body = request.body;
    if (!isObject(body)) throw errors.badRequest('The request body is missing or is not a JSON object.', '0x80048d19');
    for (const name of Object.keys(body))
      if (!PARAMETERS.has(name)) throw errors.badRequest(`The parameter '${name}' in the request payload is not a valid parameter for the operation 'CloseIncident'.`);
    const resolution = body.IncidentResolution;
    if (!isObject(resolution)) throw errors.badRequest("CloseIncident: the parameter 'IncidentResolution' (an incidentresolution entity naming the case) is required.");
    const type = resolution['@odata.type'];
    if (type !== undefined && type !== 'Microsoft.Dynamics.CRM.incidentresolution')
      throw errors.badRequest(`CloseIncident: 'IncidentResolution' must be a Microsoft.Dynamics.CRM.incidentresolution (got ${JSON.stringify(type)}).`);
    const status = body.Status;
    if (typeof status !== 'number' || !Number.isInteger(status)) throw errors.badRequest("CloseIncident: the parameter 'Status' (Edm.Int32, a status reason of the Resolved state) is required.");

    const incidents = core.registry.require('incident');
    const resolutions = core.registry.require('incidentresolution');
    const { '@odata.type': _type, ...columns } = resolution;
    const bind = columns['incidentid@odata.bind'];
    // Without the case the resolution itself is refused (incidentid is SystemRequired) when it is created below.
    const incident = typeof bind === 'string' ? core.service.resolveReference(bind, 'incident') : undefined;
    let state: { statecode: number; statuscode: number } | undefined;
    if (incident) {
      const row = core.store.get('incident', incident.id);
      if (row?.statecode === RESOLVED) throw alreadyClosed('This case has already been resolved. Close and reopen the case record to see the updates.');
      if (row?.statecode !== 0) throw alreadyClosed('This case has been canceled. Reactivate it before resolving it.');
      const resolved = incidents.states?.find((s) => s.state === RESOLVED);
      const statuscode = status === -1 ? (resolved?.defaultStatus as number) : status;
      if (!resolved || !(statuscode in resolved.statuses)) throw errors.invalidStatus(status, 'IncidentState.Resolved', 'incident', incident.id);
      state = { statecode: RESOLVED, statuscode };
    }
    await core.service.message(ctx, async (ops) => {
      await ops.create(resolutions, columns, { statecode: 1, statuscode: 2 });
      if (incident && state) await ops.setState(incidents, { kind: 'id', id: incident.id }, state);
    });
    return reply.code(204).send();
  });
  // An action is POST only: other methods find no resource (like a function called with POST, WhoAmI).
  app.get('/api/data/:version/CloseIncident', async (request) => {
    throw errors.noHttpResource(`${request.protocol}://${request.headers.host ?? ''}${request.url}`);
  });
}
