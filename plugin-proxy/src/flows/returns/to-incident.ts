import { alternateKey, type Row } from '../../clients/dataverse';
import type { Return } from '../../clients/clarity';
import { ConnectorError } from '../../errors';
import { canonicalHash } from '../../mapping';
import type { HandlerResult } from '../../queue/worker';
import { ensureContact } from './contact';
import { CASE_STATE, RETURN_ENTITY, RETURN_MAPPING, type ReturnFlowDeps } from './deps';
import { resolutionOf, returnView } from './view';

/** Splits the mapped values into the columns written with the case and its wanted state. */
export function splitState(values: Readonly<Record<string, unknown>>): { fields: Row; statecode: number; statuscode: number | undefined } {
  const { statecode, statuscode, ...fields } = values;
  return { fields, statecode: typeof statecode === 'number' ? statecode : CASE_STATE.active, statuscode: typeof statuscode === 'number' ? statuscode : undefined };
}

/** CloseIncident refuses a case that is no longer active with this code (0x800404cf, "already been resolved"). */
const CASE_CLOSED = '0x800404cf';

/**
 * Resolves the case through the CloseIncident action (a PATCH of statecode 1 is refused, dataverse-webapi.md
 * §5.2): a case resolution activity saying the return was refunded, and the Resolved status from the mapping.
 * False when Dynamics says the case is no longer active (closed in CRM since it was read).
 */
async function resolveCase(deps: ReturnFlowDeps, incidentId: string, ret: Return, statuscode: number | undefined): Promise<boolean> {
  try {
    await deps.dataverse.action('CloseIncident', {
      IncidentResolution: { '@odata.type': 'Microsoft.Dynamics.CRM.incidentresolution', ...resolutionOf(ret), 'incidentid@odata.bind': `/incidents(${incidentId})` },
      Status: statuscode ?? -1,
    });
    return true;
  } catch (e) {
    if (e instanceof ConnectorError && e.toJSON().upstreamCode === CASE_CLOSED) return false;
    throw e;
  }
}

/**
 * Clarity return → Dataverse case, upserted by `clar_clarityreturnid`. The case follows the return's status
 * while it is active: a refunded return resolves it (CloseIncident), a rejected or cancelled one cancels it;
 * once it is resolved or canceled (by us or in CRM) it is left alone. No write when the mapped content hash
 * equals the last one written for this return.
 */
export async function applyReturnToDataverse(deps: ReturnFlowDeps, ret: Return, reason: string): Promise<HandlerResult> {
  const link = await deps.store.links.byClarity(RETURN_ENTITY, ret.returnId);
  if (link?.clarityVersion != null && ret.version < link.clarityVersion)
    return { skipped: true, note: `stale: version ${ret.version} < ${link.clarityVersion} (${reason})` };

  const order = await deps.clarity.getOrder(ret.orderId);
  const customerId = ret.customerId ?? order?.customerId;
  if (!customerId)
    throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `return ${ret.returnId} has no customer (guest order ${ret.orderId}): a case needs a contact`, { classification: 'validation' });
  const contact = await ensureContact(deps, customerId, reason);

  const values = deps.mappings.get(RETURN_MAPPING).apply(returnView(ret, order, contact.contactId)).values;
  const { fields, statecode, statuscode } = splitState(values);
  const hash = canonicalHash(values);
  const key = alternateKey({ clar_clarityreturnid: ret.returnId });
  const existing = await deps.dataverse.retrieve('incidents', key, ['incidentid', 'statecode', 'statuscode']);
  const existingId = existing ? String(existing.incidentid).toLowerCase() : undefined;

  const saveLink = (incidentId: string, written: string | null) =>
    deps.store.links.save({
      entity: RETURN_ENTITY,
      clarityId: ret.returnId,
      dataverseTable: 'incident',
      dataverseId: incidentId,
      hashToDataverse: written,
      hashToClarity: null,
      snapshot: values,
      clarityVersion: ret.version,
      dataverseVersion: null,
    });

  if (existingId && link?.hashToDataverse === hash && link.dataverseId === existingId) return { skipped: true, note: `unchanged (${reason})` };
  if (existing && existing.statecode !== CASE_STATE.active) {
    await saveLink(existingId!, link?.hashToDataverse ?? null);
    return { skipped: true, note: `case ${existingId} is no longer active in Dynamics (statecode ${String(existing.statecode)}): left as it is (${reason})` };
  }

  // statecode is not valid on create (§5); an active status goes with the row, a cancellation is a second PATCH,
  // a resolution the CloseIncident action.
  const body: Row = statecode === CASE_STATE.active && statuscode !== undefined ? { ...fields, statuscode } : fields;
  const res = await deps.dataverse.upsert('incidents', key, body, { returnRepresentation: true });
  const incidentId = String(res.row?.incidentid ?? res.id ?? existingId).toLowerCase();
  if (statecode === CASE_STATE.canceled) await deps.dataverse.update('incidents', incidentId, { statecode, statuscode: statuscode ?? null }, { ifMatch: '*' });
  if (statecode === CASE_STATE.resolved && !(await resolveCase(deps, incidentId, ret, statuscode))) {
    await saveLink(incidentId, link?.hashToDataverse ?? null);
    return { skipped: true, note: `case ${incidentId} was closed in Dynamics meanwhile: left as it is (${reason})` };
  }
  await saveLink(incidentId, hash);

  const what = existing ? 'case updated' : 'case created';
  const extra = [
    contact.created ? `contact ${contact.contactId} created` : undefined,
    statecode === CASE_STATE.canceled ? 'canceled' : undefined,
    statecode === CASE_STATE.resolved ? 'resolved (CloseIncident)' : undefined,
  ].filter(Boolean);
  return { note: `${what} ${incidentId}${extra.length ? `; ${extra.join('; ')}` : ''} (${reason})` };
}
