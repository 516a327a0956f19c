/**
 * Finds the webhook steps a write triggers, reading the registration tables through the store
 * (specs/dataverse-webapi.md §6.1): enabled `sdkmessageprocessingstep` rows whose message and filter match, whose
 * event handler is a contract-8 `serviceendpoint`, honouring `filteringattributes` on Update, ordered by stage
 * then rank. Registration tables are tiny, so plain scans are enough.
 */
import type { WriteEvent } from '../pipeline/types';
import { isLookupValue, type DataverseStore, type EntityRecord } from '../store/types';
import type { ImageInfo, StepInfo } from './context';

export interface Endpoint {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly authtype: number | null;
  readonly authvalue: string | null;
}

export interface MatchedStep extends StepInfo {
  readonly rank: number;
  readonly asyncAutoDelete: boolean;
  readonly endpoint: Endpoint;
  readonly images: readonly ImageInfo[];
}

const STEP = 'sdkmessageprocessingstep';

export function splitList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

function lookupId(row: Readonly<EntityRecord>, column: string, logicalName: string): string | undefined {
  const value = row[column];
  return isLookupValue(value) && value.logicalName === logicalName ? value.id : undefined;
}

function messageMatches(store: DataverseStore, step: Readonly<EntityRecord>, event: WriteEvent): boolean {
  const messageId = lookupId(step, 'sdkmessageid', 'sdkmessage');
  const message = messageId ? store.get('sdkmessage', messageId) : undefined;
  if (typeof message?.name !== 'string' || message.name.toLowerCase() !== event.message.toLowerCase()) return false;
  // No filter = the step runs for every table (a message-wide registration).
  const filterId = lookupId(step, 'sdkmessagefilterid', 'sdkmessagefilter');
  if (!filterId) return true;
  const filter = store.get('sdkmessagefilter', filterId);
  return typeof filter?.primaryobjecttypecode === 'string' && filter.primaryobjecttypecode === event.table.logicalName;
}

/** Update only: fire when the write sets at least one filtering attribute (§6.1, step reference). */
function attributesMatch(step: Readonly<EntityRecord>, event: WriteEvent): boolean {
  if (event.message !== 'Update') return true;
  const filtering = splitList(step.filteringattributes);
  return filtering.length === 0 || filtering.some((name) => Object.prototype.hasOwnProperty.call(event.target, name));
}

function endpointOf(store: DataverseStore, step: Readonly<EntityRecord>): Endpoint | undefined {
  const id = lookupId(step, 'eventhandler', 'serviceendpoint');
  const row = id ? store.get('serviceendpoint', id) : undefined;
  // Contract 8 only: Service Bus/Event Hub/Event Grid endpoints are not emulated.
  if (!id || !row || row.contract !== 8 || typeof row.url !== 'string') return undefined;
  const authtype = typeof row.authtype === 'number' ? row.authtype : null;
  const authvalue = typeof row.authvalue === 'string' ? row.authvalue : null;
  return { id, name: typeof row.name === 'string' ? row.name : '', url: row.url, authtype, authvalue };
}

function imagesOf(store: DataverseStore, stepId: string): ImageInfo[] {
  const out: ImageInfo[] = [];
  for (const row of store.all('sdkmessageprocessingstepimage')) {
    if (lookupId(row, 'sdkmessageprocessingstepid', STEP) !== stepId || typeof row.entityalias !== 'string') continue;
    out.push({ alias: row.entityalias, type: typeof row.imagetype === 'number' ? row.imagetype : 0, attributes: splitList(row.attributes) });
  }
  return out;
}

export function findSteps(store: DataverseStore, event: WriteEvent): MatchedStep[] {
  if (!store.metadata.table(STEP) || store.count(STEP) === 0) return [];
  const matched: MatchedStep[] = [];
  for (const step of store.all(STEP)) {
    // statecode 0 Enabled; supporteddeployment 1 is Outlook-client only.
    if ((step.statecode ?? 0) !== 0 || step.supporteddeployment === 1) continue;
    if (!messageMatches(store, step, event) || !attributesMatch(step, event)) continue;
    const endpoint = endpointOf(store, step);
    if (!endpoint) continue;
    const id = String(step.sdkmessageprocessingstepid);
    matched.push({
      id,
      name: typeof step.name === 'string' ? step.name : null,
      stage: typeof step.stage === 'number' ? step.stage : 40,
      mode: step.mode === 1 ? 1 : 0,
      rank: typeof step.rank === 'number' ? step.rank : 1,
      asyncAutoDelete: step.asyncautodelete === true,
      endpoint,
      images: imagesOf(store, id),
    });
  }
  // Array.prototype.sort is stable: equal stage/rank keep the store's primary-key order.
  return matched.sort((a, b) => a.stage - b.stage || a.rank - b.rank);
}
