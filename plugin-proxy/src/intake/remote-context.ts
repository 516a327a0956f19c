/**
 * Turns a Dataverse webhook body (a serialised RemoteExecutionContext, dataverse-webapi.md §6.4) into the plain
 * event the workers consume: WCF `{key,value}` arrays become objects, typed values (`EntityReference`,
 * `OptionSetValue`, `Money`, `/Date(ms)/`) become plain JSON, GUIDs are lower case. Pure; failures are values.
 */

export interface DataverseEntityRef {
  id: string;
  logicalName: string;
  name: string | null;
}

export interface DataverseEntity {
  logicalName: string;
  id: string | null;
  attributes: Record<string, unknown>;
  formattedValues: Record<string, unknown>;
  rowVersion: string | null;
}

export interface DataverseEvent {
  /** `Create`, `Update`, `Delete`, … */
  message: string;
  /** PrimaryEntityName, e.g. `contact`. */
  table: string;
  /** PrimaryEntityId (lower case). */
  id: string;
  operationId: string;
  correlationId: string | null;
  requestId: string | null;
  initiatingUserId: string | null;
  userId: string | null;
  depth: number;
  stage: number;
  mode: number | null;
  /** OperationCreatedOn as an ISO string. */
  createdOn: string | null;
  /** InputParameters.Target when it is an Entity (Create/Update). */
  target: DataverseEntity | null;
  /** InputParameters.Target when it is an EntityReference (Delete). */
  targetRef: DataverseEntityRef | null;
  preImages: Record<string, DataverseEntity>;
  postImages: Record<string, DataverseEntity>;
  /** Dataverse dropped InputParameters and images (x-ms-dynamics-msg-size-exceeded): re-read the row. */
  truncated: boolean;
}

export type ParseResult = { ok: true; event: DataverseEvent } | { ok: false; reason: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const guid = (v: unknown): string | null => str(v)?.toLowerCase() ?? null;
const typeName = (v: Obj): string => (typeof v.__type === 'string' ? v.__type.split(':')[0] ?? '' : '');

// WCF JSON dates: ms since the epoch (UTC), optionally followed by the sender's offset, which does not change
// the instant. JSON.parse has already turned `\/` into `/`.
const WCF_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

export function wcfDateToIso(v: string): string | null {
  const m = WCF_DATE.exec(v);
  if (!m) return null;
  const d = new Date(Number(m[1]));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const isRef = (v: Obj) =>
  typeName(v) === 'EntityReference' || (!('Attributes' in v) && typeof v.LogicalName === 'string' && 'Id' in v);
const isEntity = (v: Obj) => typeName(v) === 'Entity' || (Array.isArray(v.Attributes) && typeof v.LogicalName === 'string');

function toRef(v: Obj): DataverseEntityRef {
  return { id: guid(v.Id) ?? '', logicalName: String(v.LogicalName), name: str(v.Name) };
}

/** `[{key, value}]` → `{ key: value }`, converting each value. */
export function keyValues(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (isObj(item) && typeof item.key === 'string') out[item.key] = convertValue(item.value);
  }
  return out;
}

export function convertValue(v: unknown): unknown {
  if (typeof v === 'string') return wcfDateToIso(v) ?? v;
  if (Array.isArray(v)) return v.map(convertValue);
  if (!isObj(v)) return v;
  const t = typeName(v);
  if (t === 'OptionSetValue' || t === 'Money') return typeof v.Value === 'number' ? v.Value : null;
  if (t === 'OptionSetValueCollection' && Array.isArray(v.Value)) return v.Value.map(convertValue);
  if (t === 'EntityCollection' && Array.isArray(v.Entities)) return v.Entities.map(convertValue);
  if (isEntity(v)) return toEntity(v);
  if (isRef(v)) return toRef(v);
  return v;
}

export function toEntity(v: Obj): DataverseEntity {
  return {
    logicalName: String(v.LogicalName),
    id: guid(v.Id),
    attributes: keyValues(v.Attributes),
    formattedValues: keyValues(v.FormattedValues),
    rowVersion: str(v.RowVersion),
  };
}

function images(list: unknown): Record<string, DataverseEntity> {
  const out: Record<string, DataverseEntity> = {};
  for (const [alias, value] of Object.entries(keyValues(list))) {
    if (isObj(value) && 'attributes' in value) out[alias] = value as unknown as DataverseEntity;
  }
  return out;
}

function findTarget(list: unknown): unknown {
  if (!Array.isArray(list)) return undefined;
  const item = list.find((p: unknown) => isObj(p) && p.key === 'Target') as Obj | undefined;
  return item?.value;
}

export function parseRemoteContext(body: unknown, options: { truncated?: boolean } = {}): ParseResult {
  if (!isObj(body)) return { ok: false, reason: 'body is not a JSON object' };
  const message = str(body.MessageName);
  const table = str(body.PrimaryEntityName);
  const id = guid(body.PrimaryEntityId);
  const operationId = guid(body.OperationId);
  const missing = [!message && 'MessageName', !table && 'PrimaryEntityName', !id && 'PrimaryEntityId', !operationId && 'OperationId'].filter(Boolean);
  if (missing.length > 0) return { ok: false, reason: `not a RemoteExecutionContext: missing ${missing.join(', ')}` };

  const rawTarget = findTarget(body.InputParameters);
  const target = isObj(rawTarget) && isEntity(rawTarget) ? toEntity(rawTarget) : null;
  const targetRef = !target && isObj(rawTarget) && isRef(rawTarget) ? toRef(rawTarget) : null;
  return {
    ok: true,
    event: {
      message: message as string,
      table: table as string,
      id: id as string,
      operationId: operationId as string,
      correlationId: guid(body.CorrelationId),
      requestId: guid(body.RequestId),
      initiatingUserId: guid(body.InitiatingUserId),
      userId: guid(body.UserId),
      depth: typeof body.Depth === 'number' ? body.Depth : 1,
      stage: typeof body.Stage === 'number' ? body.Stage : 0,
      mode: typeof body.Mode === 'number' ? body.Mode : null,
      createdOn: typeof body.OperationCreatedOn === 'string' ? wcfDateToIso(body.OperationCreatedOn) : null,
      target,
      targetRef,
      preImages: images(body.PreEntityImages),
      postImages: images(body.PostEntityImages),
      truncated: options.truncated ?? false,
    },
  };
}
