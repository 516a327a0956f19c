import { alternateKey, type Row } from '../../clients/dataverse';
import type { Return } from '../../clients/clarity';
import { ConnectorError } from '../../errors';
import { canonicalHash } from '../../mapping';
import type { HandlerResult } from '../../queue/worker';
import { ensureContact } from './contact';
import { CASE_STATE, RETURN_ENTITY, RETURN_MAPPING, type ReturnFlowDeps } from './deps';
import { returnView } from './view';

/** Splits the mapped values into the columns written with the case and its wanted state. */
export function splitState(values: Readonly<Record<string, unknown>>): { fields: Row; statecode: number; statuscode: number | undefined } {
  const { statecode, statuscode, ...fields } = values;
  return { fields, statecode: typeof statecode === 'number' ? statecode : CASE_STATE.active, statuscode: typeof statuscode === 'number' ? statuscode : undefined };
}

/**
 * Clarity return → Dataverse case, upserted by `clar_clarityreturnid`. The case follows the return's status
 * while it is active; once it is resolved or canceled (by us or in CRM) it is left alone. No write when the
 * mapped content hash equals the last one written for this return.
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

  // statecode is not valid on create (§5); an active status goes with the row, a cancellation is a second PATCH.
  const body: Row = statecode === CASE_STATE.active && statuscode !== undefined ? { ...fields, statuscode } : fields;
  const res = await deps.dataverse.upsert('incidents', key, body, { returnRepresentation: true });
  const incidentId = String(res.row?.incidentid ?? res.id ?? existingId).toLowerCase();
  if (statecode !== CASE_STATE.active) await deps.dataverse.update('incidents', incidentId, { statecode, statuscode: statuscode ?? null }, { ifMatch: '*' });
  await saveLink(incidentId, hash);

  const what = existing ? 'case updated' : 'case created';
  const extra = [contact.created ? `contact ${contact.contactId} created` : undefined, statecode === CASE_STATE.canceled ? 'canceled' : undefined, ret.status === 'refunded' ? 'refunded: left active, resolve it in Dynamics (CloseIncident)' : undefined].filter(Boolean);
  return { note: `${what} ${incidentId}${extra.length ? `; ${extra.join('; ')}` : ''} (${reason})` };
}
