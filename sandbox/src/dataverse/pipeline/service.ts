import { randomUUID } from 'node:crypto';
import { DataverseError, errors } from '../errors';
import type { KeySpec } from '../http/resource-path';
import { entityPathFromUrl, parseResourcePath } from '../http/resource-path';
import type { MetadataRegistry, TableMeta } from '../metadata/registry';
import type { DataverseStore, EntityRecord, LookupValue } from '../store/types';
import { keyColumns, findRow, requireRow } from './locate';
import { parsePayload, type Body, type ParsedPayload } from './payload';
import type { ExecutionContext, MessageName, PipelineExtension, WriteEvent } from './types';
import { applyCreateDefaults, checkEtag, checkProductPriceLevel, checkRequired, resolveState, systemTarget } from './rules';
import { computeRow, orderTotals } from './computed';

export interface RowState {
  statecode: number;
  statuscode: number;
}

/** The writes a platform message may make (RecordService.message). */
export interface MessageOps {
  create(table: TableMeta, body: Body, state?: RowState): Promise<EntityRecord>;
  setState(table: TableMeta, spec: KeySpec, state: RowState): Promise<EntityRecord>;
}

export interface RecordServiceOptions {
  store: DataverseStore;
  extensions?: PipelineExtension[];
  now?: () => Date;
  newId?: () => string;
  /** The organisation's base currency, defaulted onto rows with money columns (sample create-201). */
  baseCurrency?: () => LookupValue | undefined;
}

/**
 * The write pipeline: validation, defaults, computed columns, key checks, events for registered steps.
 * Every public write runs in a store transaction so a failing synchronous step or a failing part of a
 * change set undoes everything the operation did.
 */
export class RecordService {
  readonly store: DataverseStore;
  readonly registry: MetadataRegistry;
  private readonly extensions: PipelineExtension[];
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: RecordServiceOptions) {
    this.store = options.store;
    this.registry = options.store.metadata;
    this.extensions = options.extensions ?? [];
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  addExtension(extension: PipelineExtension): void {
    this.extensions.push(extension);
  }

  create(table: TableMeta, body: Body, ctx: ExecutionContext): Promise<EntityRecord> {
    return this.write((events) => this.createRow(table, body, ctx, events, {}));
  }

  update(table: TableMeta, spec: KeySpec, body: Body, ctx: ExecutionContext, ifMatch?: string): Promise<EntityRecord> {
    return this.write((events) => {
      const row = requireRow(this.store, table, spec);
      checkEtag(row, ifMatch);
      return this.updateRow(table, row, body, ctx, events);
    });
  }

  /** PATCH to a record URL without `If-Match: *` (specs/dataverse-webapi.md §2.3). */
  upsert(
    table: TableMeta,
    spec: KeySpec,
    body: Body,
    ctx: ExecutionContext,
    cond: { ifMatch?: string; ifNoneMatch?: string },
  ): Promise<{ row: EntityRecord; created: boolean }> {
    return this.write(async (events) => {
      const cols = keyColumns(table, spec);
      const existing = findRow(this.store, table, spec);
      if (existing && cond.ifNoneMatch === '*') throw errors.matchingKeyExists();
      if (existing) {
        if (cond.ifMatch && cond.ifMatch !== '*') checkEtag(existing, cond.ifMatch);
        const trimmed = { ...body };
        for (const k of Object.keys(cols.values ?? {})) delete trimmed[k];
        return { row: await this.updateRow(table, existing, trimmed, ctx, events), created: false };
      }
      if (cond.ifMatch !== undefined) {
        if (spec.kind === 'id') throw errors.upsertUpdateMissing(table.logicalName, spec.id);
        throw errors.recordNotFoundByKey(table.logicalName);
      }
      const preset: Record<string, unknown> = cols.id ? { [table.primaryId]: cols.id } : { ...(cols.values ?? {}) };
      return { row: await this.createRow(table, body, ctx, events, preset), created: true };
    });
  }

  /**
   * A platform message that writes several rows as one operation (CloseIncident): one transaction, each write's
   * events like any write's. Unlike a caller's request, `create` may give the row its initial state (the
   * platform creates a case resolution already Completed) and `setState` may enter a state a PATCH is refused
   * (`stateChangeRestrictions`).
   */
  message<T>(ctx: ExecutionContext, fn: (ops: MessageOps) => Promise<T>): Promise<T> {
    return this.write((events) =>
      fn({
        create: (table, body, state) => this.createRow(table, body, ctx, events, {}, state),
        setState: (table, spec, state) => this.updateRow(table, requireRow(this.store, table, spec), { ...state }, ctx, events, true),
      }),
    );
  }

  delete(table: TableMeta, spec: KeySpec, ctx: ExecutionContext, ifMatch?: string): Promise<void> {
    return this.write((events) => {
      const row = requireRow(this.store, table, spec);
      checkEtag(row, ifMatch);
      this.deleteRow(table, row, ctx, events);
      return Promise.resolve();
    });
  }

  /**
   * Loads rows already in the internal format (seeding, demo data) with the platform's defaults, computed
   * columns and key checks, but without events: like data that existed before any step was registered.
   */
  importRows(table: TableMeta, rows: Iterable<EntityRecord>, ctx: ExecutionContext): number {
    let count = 0;
    const now = this.stamp();
    for (const source of rows) {
      const row: EntityRecord = { ...source, [table.primaryId]: String(source[table.primaryId] ?? this.newId()).toLowerCase() };
      applyCreateDefaults(table, row, ctx, (source.createdon as string | undefined) ?? now, this.options.baseCurrency?.());
      resolveState(table, row, source, undefined);
      computeRow(table, row, this.store);
      checkRequired(table, row);
      this.store.insert(table.logicalName, row);
      count++;
    }
    return count;
  }

  /** Resolves an `@odata.bind` or `@odata.id` URL to a row reference (404 when it does not exist). */
  resolveReference(url: string, expected?: string): LookupValue {
    const path = parseResourcePath(entityPathFromUrl(url));
    const table = this.registry.tableBySet(path.entitySet);
    if (!table || !path.key) throw errors.badRequest(`Invalid reference '${url}'.`, '0x80048d19');
    if (expected && table.logicalName !== expected)
      throw errors.badRequest(`A reference to '${table.entitySetName}' cannot be bound where '${expected}' is expected.`, '0x80048d19');
    const row = requireRow(this.store, table, path.key);
    return { id: row[table.primaryId] as string, logicalName: table.logicalName };
  }

  private async write<T>(fn: (events: WriteEvent[]) => Promise<T>): Promise<T> {
    const events: WriteEvent[] = [];
    return this.store.transaction(async () => {
      const result = await fn(events);
      for (const event of events) for (const ext of this.extensions) await ext.postOperationSync?.(event);
      this.store.afterCommit(() => {
        for (const event of events) for (const ext of this.extensions) ext.committed?.(event);
      });
      return result;
    });
  }

  private parse(table: TableMeta, body: Body, operation: 'create' | 'update'): ParsedPayload {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw errors.badRequest('The request body must be a JSON object.', '0x80048d19');
    return parsePayload(table, body, { registry: this.registry, operation, resolveBind: (url, t) => this.resolveReference(url, t) });
  }

  private async createRow(
    table: TableMeta,
    body: Body,
    ctx: ExecutionContext,
    events: WriteEvent[],
    preset: Record<string, unknown>,
    initialState?: RowState,
  ): Promise<EntityRecord> {
    const parsed = this.parse(table, body, 'create');
    for (const deep of parsed.deepSingle) {
      const related = await this.createRow(deep.target, deep.body, ctx, events, {});
      parsed.values[deep.column] = { id: related[deep.target.primaryId] as string, logicalName: deep.target.logicalName };
    }
    const values = { ...preset, ...parsed.values };
    const id = String(values[table.primaryId] ?? this.newId()).toLowerCase();
    const now = this.stamp();
    const row: EntityRecord = { ...values, [table.primaryId]: id };
    applyCreateDefaults(table, row, ctx, now, this.options.baseCurrency?.());
    resolveState(table, row, values, undefined);
    if (initialState) resolveState(table, row, { ...initialState }, { ...row }, true);
    computeRow(table, row, this.store);
    checkRequired(table, row);
    checkProductPriceLevel(table, row, this.priceListItems);
    const stored = this.store.insert(table.logicalName, row);
    this.emit(events, 'Create', table, id, { ...values, ...systemTarget(table, stored, true) }, undefined, stored, ctx);
    await this.writeRelated(table, id, parsed, ctx, events);
    if (table.logicalName === 'uomschedule') await this.createBaseUnit(stored, ctx, events);
    this.afterLineChange(table, stored);
    return this.store.get(table.logicalName, id) as EntityRecord;
  }

  private async updateRow(table: TableMeta, row: EntityRecord, body: Body, ctx: ExecutionContext, events: WriteEvent[], byMessage = false): Promise<EntityRecord> {
    const parsed = this.parse(table, body, 'update');
    const id = row[table.primaryId] as string;
    const next: EntityRecord = { ...row, ...parsed.values, modifiedon: this.stamp(), modifiedby: { id: ctx.userId, logicalName: 'systemuser' } };
    resolveState(table, next, parsed.values, row, byMessage);
    computeRow(table, next, this.store);
    checkProductPriceLevel(table, next, this.priceListItems);
    const stored = this.store.replace(table.logicalName, id, next);
    this.emit(events, 'Update', table, id, { ...parsed.values, ...systemTarget(table, stored, false) }, row, stored, ctx);
    await this.writeRelated(table, id, parsed, ctx, events);
    this.afterLineChange(table, stored);
    return this.store.get(table.logicalName, id) as EntityRecord;
  }

  private readonly priceListItems = (pricelevelId: string): EntityRecord[] => this.store.findByColumn('productpricelevel', 'pricelevelid', pricelevelId);

  private deleteRow(table: TableMeta, row: EntityRecord, ctx: ExecutionContext, events: WriteEvent[]): void {
    const id = row[table.primaryId] as string;
    for (const coll of table.collectionMap.values()) {
      const target = this.registry.require(coll.target);
      for (const child of this.store.findByColumn(target.logicalName, coll.referencingAttribute, id)) {
        // order_details cascade; other relationships remove the link (parental vs referential behaviour).
        if (coll.name === 'order_details') this.deleteRow(target, child, ctx, events);
        else this.store.replace(target.logicalName, child[target.primaryId] as string, { ...child, [coll.referencingAttribute]: null });
      }
    }
    this.store.remove(table.logicalName, id);
    this.emit(events, 'Delete', table, id, {}, row, undefined, ctx);
    this.afterLineChange(table, row);
  }

  private async writeRelated(table: TableMeta, id: string, parsed: ParsedPayload, ctx: ExecutionContext, events: WriteEvent[]): Promise<void> {
    const parentRef = { id, logicalName: table.logicalName };
    for (const deep of parsed.deepCollections)
      for (const item of deep.items) await this.createRow(deep.target, item, ctx, events, { [deep.nav.referencingAttribute]: parentRef });
    for (const bind of parsed.collectionBinds) {
      const target = this.registry.require(bind.nav.target);
      for (const ref of bind.rows) {
        const child = this.store.get(target.logicalName, ref.id) as EntityRecord;
        const values = { [bind.nav.referencingAttribute]: parentRef };
        const stored = this.store.replace(target.logicalName, ref.id, { ...child, ...values, modifiedon: this.stamp() });
        this.emit(events, 'Update', target, ref.id, { ...values, ...systemTarget(target, stored, false) }, child, stored, ctx);
      }
    }
  }

  /** Every org's unit group owns a base unit named after `baseuomname`, created with the group. */
  private async createBaseUnit(schedule: EntityRecord, ctx: ExecutionContext, events: WriteEvent[]): Promise<void> {
    const uom = this.registry.require('uom');
    const id = this.newId();
    await this.createRow(uom, {}, ctx, events, {
      uomid: id,
      name: schedule.baseuomname,
      quantity: 1,
      isschedulebaseuom: true,
      baseuom: { id, logicalName: 'uom' },
      uomscheduleid: { id: schedule.uomscheduleid, logicalName: 'uomschedule' },
    });
  }

  /** Keeps an order's computed totals in step with its lines and its own discount/freight columns. */
  private afterLineChange(table: TableMeta, row: EntityRecord): void {
    const orderRef = table.logicalName === 'salesorderdetail' ? (row.salesorderid as LookupValue | null) : undefined;
    const orderId = table.logicalName === 'salesorder' ? (row.salesorderid as string) : orderRef?.id;
    if (!orderId) return;
    const order = this.store.get('salesorder', orderId);
    if (!order) return;
    const lines = this.store.findByColumn('salesorderdetail', 'salesorderid', orderId);
    const totals = orderTotals(order, lines);
    if (Object.entries(totals).some(([k, v]) => order[k] !== v)) this.store.replace('salesorder', orderId, { ...order, ...totals });
  }

  private emit(
    events: WriteEvent[],
    message: MessageName,
    table: TableMeta,
    id: string,
    target: EntityRecord,
    preImage: EntityRecord | undefined,
    postImage: EntityRecord | undefined,
    context: ExecutionContext,
  ): void {
    events.push({ message, table, id, target, preImage, postImage, context, operationId: this.newId(), createdOn: this.now() });
  }

  private stamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

export { DataverseError };
