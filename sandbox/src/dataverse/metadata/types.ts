/**
 * Declarative table metadata for the Dataverse emulator.
 *
 * Shapes follow Dataverse's EntityMetadata/AttributeMetadata closely enough that the same definitions can
 * later be generated from the solution source (customizations.xml): logical names, entity set names,
 * attribute types, requirement levels, validity for create/update, option sets, lookup targets and keys.
 */

export type AttributeType =
  | 'Uniqueidentifier'
  | 'String'
  | 'Memo'
  | 'Integer'
  | 'BigInt'
  | 'Decimal'
  | 'Double'
  | 'Money'
  | 'Boolean'
  | 'DateTime'
  | 'Picklist'
  | 'State'
  | 'Status'
  | 'Lookup'
  | 'Customer'
  | 'Owner'
  | 'EntityName';

export type RequiredLevel = 'None' | 'ApplicationRequired' | 'SystemRequired';

export interface ColumnDef {
  /** Logical name, lower case. */
  readonly name: string;
  readonly type: AttributeType;
  /** String/Memo maximum length (validation error 0x80044331 past it). */
  readonly maxLength?: number;
  readonly required?: RequiredLevel;
  /** Columns not valid for create/update are silently ignored when written (METAREQ). Default true. */
  readonly validForCreate?: boolean;
  readonly validForUpdate?: boolean;
  /** Write-only columns (e.g. serviceendpoint.authvalue) are never returned by reads. Default true. */
  readonly validForRead?: boolean;
  /** Choice labels for Picklist/State/Status/Boolean (Boolean: 0 = false label, 1 = true label). */
  readonly options?: Readonly<Record<number, string>>;
  /** Lookup/Customer/Owner: logical names of the tables it may point at. */
  readonly targets?: readonly string[];
  /**
   * Single-valued navigation property name per target. Defaults: the column name for a single-target
   * lookup, `${name}_${target}` for polymorphic (Customer) lookups, as the real service names them.
   */
  readonly navigation?: Readonly<Record<string, string>>;
  /** Decimal/Money digits after the point (used for formatting). */
  readonly precision?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
  /** Value on create when the caller sends none. */
  readonly defaultValue?: unknown;
  /** Maintained by the emulator (e.g. fullname, totals); never written by callers. */
  readonly computed?: boolean;
  /** Keep an equality index on this column so `$filter=col eq 'x'` does not scan. */
  readonly indexed?: boolean;
}

export interface KeyDef {
  /** Schema name of the alternate key, e.g. `clar_contact_clarityid`. */
  readonly name: string;
  readonly columns: readonly string[];
}

export interface StateDef {
  readonly state: number;
  readonly label: string;
  readonly defaultStatus: number;
  /** statuscode value -> label, valid for this state. */
  readonly statuses: Readonly<Record<number, string>>;
}

/** A collection-valued navigation property: rows of `target` whose `referencingAttribute` points here. */
export interface CollectionNavDef {
  readonly name: string;
  readonly target: string;
  readonly referencingAttribute: string;
}

export interface TableDef {
  readonly logicalName: string;
  readonly entitySetName: string;
  readonly primaryId: string;
  readonly primaryName: string;
  readonly ownership: 'User' | 'Organization' | 'None';
  readonly columns: readonly ColumnDef[];
  readonly keys?: readonly KeyDef[];
  readonly states?: readonly StateDef[];
  readonly collections?: readonly CollectionNavDef[];
  /** Table has ChangeTrackingEnabled (delta links). */
  readonly changeTracking?: boolean;
  /**
   * Messages that refuse setting a state through PATCH, e.g. incident Resolved needs CloseIncident.
   * Map of statecode -> error message.
   */
  readonly stateChangeRestrictions?: Readonly<Record<number, string>>;
}

/** Extra columns/keys contributed to an existing table (the connector's `clar_` schema). */
export interface TableExtension {
  readonly table: string;
  readonly columns?: readonly ColumnDef[];
  readonly keys?: readonly KeyDef[];
  readonly collections?: readonly CollectionNavDef[];
}
