/**
 * WCF DataContract JSON shapes of Microsoft.Xrm.Sdk types, as the webhook body serializes them
 * (specs/dataverse-webapi.md §6.4 and reference/dataverse-samples/webhook/). Pure functions only.
 *
 * `__type` appears only where the declared type is `object` (InputParameters values, attribute values): the
 * documented sample omits it for `PostEntityImages` values (declared `Entity`) and `OwningExtension`
 * (declared `EntityReference`), so callers choose with `typed`.
 */
import type { ColumnDef } from '../metadata/types';
import type { TableMeta } from '../metadata/registry';
import { isLookupValue, type EntityRecord, type LookupValue } from '../store/types';

const CONTRACTS = 'http://schemas.microsoft.com/xrm/2011/Contracts';
export const TYPE = {
  entity: `Entity:${CONTRACTS}`,
  entityReference: `EntityReference:${CONTRACTS}`,
  optionSetValue: `OptionSetValue:${CONTRACTS}`,
  money: `Money:${CONTRACTS}`,
  stringPair: 'KeyValuePairOfstringstring:#System.Collections.Generic',
} as const;

export interface KeyValue<T = unknown> {
  key: string;
  value: T;
}

export interface WcfEntityReference {
  __type?: string;
  Id: string;
  KeyAttributes: KeyValue[];
  LogicalName: string;
  Name: string | null;
  RowVersion: string | null;
}

export interface WcfEntity {
  __type?: string;
  Attributes: KeyValue[];
  EntityState: null;
  FormattedValues: KeyValue<string>[];
  Id: string;
  KeyAttributes: KeyValue[];
  LogicalName: string;
  RelatedEntities: KeyValue[];
  RowVersion: string | null;
}

/** Resolves a lookup's primary name; returns null when not cheaply known (the sample's Target shows null). */
export type NameResolver = (ref: LookupValue) => string | null;

/** `"\/Date(<ms>)\/"`: WCF JSON date (ms since epoch, UTC); the `\/` escaping is applied on serialization. */
export function wcfDate(value: Date | string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  return `/Date(${ms})/`;
}

export function entityReference(ref: LookupValue, name: string | null, typed: boolean): WcfEntityReference {
  const body = { Id: ref.id, KeyAttributes: [], LogicalName: ref.logicalName, Name: name, RowVersion: null };
  return typed ? { __type: TYPE.entityReference, ...body } : body;
}

/** Converts one internal value (store/types.ts format) to its SDK JSON form, by column type. */
export function attributeValue(column: ColumnDef | undefined, value: unknown, names: NameResolver): unknown {
  if (value === null || value === undefined) return null;
  switch (column?.type) {
    case 'DateTime':
      return typeof value === 'string' || value instanceof Date ? wcfDate(value) : value;
    case 'Picklist':
    case 'State':
    case 'Status':
      return { __type: TYPE.optionSetValue, Value: value };
    case 'Money':
      return { __type: TYPE.money, Value: value };
    default:
      return isLookupValue(value) ? entityReference(value, names(value), true) : value;
  }
}

/** Labels the real service puts in FormattedValues for retrieved rows: choices and yes/no (§1.3). */
function formattedValue(column: ColumnDef | undefined, value: unknown): string | undefined {
  if (!column?.options || value === null || value === undefined) return undefined;
  if (column.type === 'Boolean') return column.options[value ? 1 : 0];
  if (column.type === 'Picklist' || column.type === 'State' || column.type === 'Status') return column.options[Number(value)];
  return undefined;
}

export interface EntityOptions {
  /** Emit `__type` (declared type object). */
  readonly typed: boolean;
  /** Drop null attributes, as a retrieved row (image) does; a request Target keeps explicit nulls. */
  readonly skipNulls: boolean;
  /** Add choice labels to FormattedValues (retrieved rows only). */
  readonly formatted: boolean;
  readonly rowVersion: string | null;
}

export function entity(
  table: TableMeta,
  id: string,
  record: Readonly<EntityRecord>,
  names: NameResolver,
  options: EntityOptions,
): WcfEntity {
  const attributes: KeyValue[] = [];
  const formatted: KeyValue<string>[] = [];
  for (const [key, raw] of Object.entries(record)) {
    if (options.skipNulls && (raw === null || raw === undefined)) continue;
    const column = table.columnMap.get(key);
    attributes.push({ key, value: attributeValue(column, raw, names) });
    const label = options.formatted ? formattedValue(column, raw) : undefined;
    if (label !== undefined) formatted.push({ key, value: label });
  }
  const body: WcfEntity = {
    Attributes: attributes,
    EntityState: null,
    FormattedValues: formatted,
    Id: id,
    KeyAttributes: [],
    LogicalName: table.logicalName,
    RelatedEntities: [],
    RowVersion: options.rowVersion,
  };
  return options.typed ? { __type: TYPE.entity, ...body } : body;
}

/**
 * DataContractJsonSerializer escapes every `/` as `\/` (the sample's `"\/Date(…)\/"` and `http:\/\/…`). The parsed
 * value is identical; emitting it byte-for-byte keeps receivers that regex the raw body honest. Safe because `/`
 * only occurs inside JSON strings.
 */
export function serializeWcf(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}
