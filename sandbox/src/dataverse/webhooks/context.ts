/**
 * Builds the RemoteExecutionContext a webhook receives (specs/dataverse-webapi.md §6.4), member for member like
 * reference/dataverse-samples/webhook/docs-contact-update-async-postoperation.json: members in alphabetical order
 * (DataContract default), a Stage 30 ParentContext, and an automatic `AsynchronousStepPrimaryName` post-image for
 * async steps. Pure: everything it needs comes in `ContextInput`.
 */
import type { TableMeta } from '../metadata/registry';
import type { WriteEvent } from '../pipeline/types';
import type { EntityRecord } from '../store/types';
import { entity, entityReference, TYPE, wcfDate, type KeyValue, type NameResolver, type WcfEntity, type WcfEntityReference } from './wcf';

export interface StepInfo {
  readonly id: string;
  readonly name: string | null;
  readonly stage: number;
  /** 0 synchronous, 1 asynchronous. */
  readonly mode: number;
}

export interface ImageInfo {
  readonly alias: string;
  /** 0 Pre, 1 Post, 2 Both. */
  readonly type: number;
  /** Logical names; empty = every column. */
  readonly attributes: readonly string[];
}

export interface ContextInput {
  readonly event: WriteEvent;
  readonly step: StepInfo;
  readonly images: readonly ImageInfo[];
  readonly organization: { readonly id: string; readonly name: string };
  readonly businessUnitId: string;
  readonly names: NameResolver;
}

/** Member order is the wire order. The three `*AzureActiveDirectoryObjectId`/`UserAgent` members come from the
 * 2024 captures (§6.4) and sit where the alphabetical DataContract order puts them. */
export interface RemoteExecutionContext {
  BusinessUnitId: string;
  CorrelationId: string;
  Depth: number;
  InitiatingUserAgent: string;
  InitiatingUserAzureActiveDirectoryObjectId: string;
  InitiatingUserId: string;
  InputParameters: KeyValue[];
  IsExecutingOffline: boolean;
  IsInTransaction: boolean;
  IsOfflinePlayback: boolean;
  IsolationMode: number;
  MessageName: string;
  Mode: number;
  OperationCreatedOn: string;
  OperationId: string;
  OrganizationId: string;
  OrganizationName: string;
  OutputParameters: KeyValue[];
  OwningExtension: WcfEntityReference;
  ParentContext: RemoteExecutionContext | null;
  PostEntityImages: KeyValue<WcfEntity>[];
  PreEntityImages: KeyValue<WcfEntity>[];
  PrimaryEntityId: string;
  PrimaryEntityName: string;
  RequestId: string | null;
  SecondaryEntityName: string;
  SharedVariables: KeyValue[];
  Stage: number;
  UserAzureActiveDirectoryObjectId: string;
  UserId: string;
}

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** Columns the platform adds to Target after the caller's (modifiedon, fullname, …): not valid for the message. */
function isSystemColumn(table: TableMeta, name: string, message: WriteEvent['message']): boolean {
  const column = table.columnMap.get(name);
  if (!column) return false;
  if (column.computed) return true;
  return message === 'Create' ? column.validForCreate === false : column.validForUpdate === false;
}

/** Caller columns, then the primary id, then system columns: the sample's Target order (firstname, contactid, fullname, modifiedon…). */
function splitTarget(event: WriteEvent): { caller: EntityRecord; system: EntityRecord } {
  const caller: EntityRecord = {};
  const system: EntityRecord = {};
  const primaryId = event.table.primaryId;
  for (const [key, value] of Object.entries(event.target)) {
    if (key === primaryId) continue;
    (isSystemColumn(event.table, key, event.message) ? system : caller)[key] = value;
  }
  caller[primaryId] = event.id;
  return { caller, system };
}

function targetParameter(input: ContextInput, includeSystem: boolean): KeyValue {
  const { event } = input;
  if (event.message === 'Delete') {
    return { key: 'Target', value: entityReference({ id: event.id, logicalName: event.table.logicalName }, null, true) };
  }
  const { caller, system } = splitTarget(event);
  const record = includeSystem ? { ...caller, ...system } : caller;
  const options = { typed: true, skipNulls: false, formatted: false, rowVersion: null };
  // The Target is the request's entity: its lookups carry no Name (null in the sample even for modifiedby), so a
  // receiver must not rely on it. Retrieved images do carry names.
  return { key: 'Target', value: entity(event.table, event.id, record, () => null, options) };
}

function pick(table: TableMeta, row: Readonly<EntityRecord>, attributes: readonly string[]): EntityRecord {
  if (attributes.length === 0) return { ...row };
  const wanted = new Set([...attributes, table.primaryId]);
  return Object.fromEntries(Object.entries(row).filter(([key]) => wanted.has(key)));
}

function imageEntity(input: ContextInput, row: Readonly<EntityRecord>, attributes: readonly string[]): WcfEntity {
  const { event, names } = input;
  const version = row.versionnumber;
  const rowVersion = version === undefined || version === null ? null : String(version);
  const options = { typed: false, skipNulls: true, formatted: true, rowVersion };
  return entity(event.table, event.id, pick(event.table, row, attributes), names, options);
}

/** Registered images; a pre-image needs a row before (Update/Delete), a post-image a row after (Create/Update). */
function images(input: ContextInput, kind: 'pre' | 'post'): KeyValue<WcfEntity>[] {
  const row = kind === 'pre' ? input.event.preImage : input.event.postImage;
  const wanted = kind === 'pre' ? 0 : 1;
  const out: KeyValue<WcfEntity>[] = [];
  if (!row) return out;
  for (const image of input.images)
    if (image.type === wanted || image.type === 2) out.push({ key: image.alias, value: imageEntity(input, row, image.attributes) });
  if (kind === 'post' && input.step.mode === 1) {
    // Automatic image of async steps: primary name + id, no formatted values or row version (sample).
    const { table, id } = input.event;
    const name = row[table.primaryName];
    const record: EntityRecord = name === null || name === undefined ? {} : { [table.primaryName]: name };
    record[table.primaryId] = id;
    const value = entity(table, id, record, input.names, { typed: false, skipNulls: true, formatted: false, rowVersion: null });
    out.push({ key: 'AsynchronousStepPrimaryName', value });
  }
  return out;
}

function changedEntityTypes(event: WriteEvent): KeyValue {
  return { key: 'ChangedEntityTypes', value: [{ __type: TYPE.stringPair, key: event.table.logicalName, value: event.message }] };
}

function base(input: ContextInput, stage: number): RemoteExecutionContext {
  const { event, step, organization } = input;
  const ctx = event.context;
  const aad = ctx.userAadObjectId ?? EMPTY_GUID;
  const parent = stage === 30;
  const inputParameters = [targetParameter(input, !parent)];
  if (parent && event.message !== 'Delete') inputParameters.push({ key: 'SuppressDuplicateDetection', value: false });
  return {
    BusinessUnitId: input.businessUnitId,
    CorrelationId: ctx.correlationId,
    Depth: ctx.depth,
    InitiatingUserAgent: ctx.userAgent ?? '',
    InitiatingUserAzureActiveDirectoryObjectId: aad,
    InitiatingUserId: ctx.initiatingUserId,
    InputParameters: inputParameters,
    IsExecutingOffline: false,
    IsInTransaction: step.mode === 0,
    IsOfflinePlayback: false,
    IsolationMode: 1,
    MessageName: event.message,
    Mode: step.mode,
    OperationCreatedOn: wcfDate(event.createdOn),
    OperationId: event.operationId,
    OrganizationId: organization.id,
    OrganizationName: organization.name,
    OutputParameters: event.message === 'Create' ? [{ key: 'id', value: event.id }] : [],
    OwningExtension: entityReference({ id: step.id, logicalName: 'sdkmessageprocessingstep' }, step.name, false),
    ParentContext: null,
    PostEntityImages: parent ? [] : images(input, 'post'),
    PreEntityImages: parent ? [] : images(input, 'pre'),
    PrimaryEntityId: event.id,
    PrimaryEntityName: event.table.logicalName,
    RequestId: ctx.requestId,
    SecondaryEntityName: 'none',
    SharedVariables: parent ? [changedEntityTypes(event)] : [],
    Stage: stage,
    UserAzureActiveDirectoryObjectId: aad,
    UserId: ctx.userId,
  };
}

export function buildRemoteExecutionContext(input: ContextInput): RemoteExecutionContext {
  const ctx = base(input, input.step.stage);
  // PostOperation runs inside the core operation (Stage 30), which the sample shows as ParentContext.
  if (input.step.stage === 40) ctx.ParentContext = base(input, 30);
  return ctx;
}

/** §6.3: past 256 KB the service drops ParentContext, InputParameters and both image collections. */
export function trimOversized(ctx: RemoteExecutionContext): RemoteExecutionContext {
  return { ...ctx, InputParameters: [], ParentContext: null, PostEntityImages: [], PreEntityImages: [] };
}

export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;
