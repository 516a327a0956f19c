import type { CollectionNavDef, ColumnDef, KeyDef, TableDef, TableExtension } from './types';

/** A single-valued navigation property: writing `<name>@odata.bind` sets `column` to a row of `target`. */
export interface NavigationProperty {
  readonly name: string;
  readonly column: string;
  readonly target: string;
}

/** A table with lookup maps derived once from its definition. */
export interface TableMeta extends TableDef {
  readonly columnMap: ReadonlyMap<string, ColumnDef>;
  readonly navigation: ReadonlyMap<string, NavigationProperty>;
  readonly collectionMap: ReadonlyMap<string, CollectionNavDef>;
  readonly keys: readonly KeyDef[];
}

const LOOKUP_TYPES = new Set(['Lookup', 'Customer', 'Owner']);

export function isLookup(column: ColumnDef): boolean {
  return LOOKUP_TYPES.has(column.type);
}

/** The `_x_value` property name under which a lookup column is read and filtered. */
export function lookupValueName(column: string): string {
  return `_${column}_value`;
}

function navigationOf(column: ColumnDef): NavigationProperty[] {
  const targets = column.targets ?? [];
  return targets.map((target) => ({
    name: column.navigation?.[target] ?? (targets.length === 1 ? column.name : `${column.name}_${target}`),
    column: column.name,
    target,
  }));
}

function buildMeta(def: TableDef): TableMeta {
  const columnMap = new Map(def.columns.map((c) => [c.name, c]));
  const navigation = new Map<string, NavigationProperty>();
  for (const column of def.columns) if (isLookup(column)) for (const nav of navigationOf(column)) navigation.set(nav.name, nav);
  const collectionMap = new Map((def.collections ?? []).map((c) => [c.name, c]));
  return { ...def, keys: def.keys ?? [], columnMap, navigation, collectionMap };
}

function extend(def: TableDef, ext: TableExtension): TableDef {
  const names = new Set(def.columns.map((c) => c.name));
  const clash = (ext.columns ?? []).find((c) => names.has(c.name));
  if (clash) throw new Error(`Extension column ${ext.table}.${clash.name} is already defined`);
  return {
    ...def,
    columns: [...def.columns, ...(ext.columns ?? [])],
    keys: [...(def.keys ?? []), ...(ext.keys ?? [])],
    collections: [...(def.collections ?? []), ...(ext.collections ?? [])],
  };
}

/** All tables the emulator serves, addressable by logical name and by (case-sensitive) entity set name. */
export class MetadataRegistry {
  private readonly byLogical = new Map<string, TableMeta>();
  private readonly bySet = new Map<string, TableMeta>();

  constructor(tables: readonly TableDef[], extensions: readonly TableExtension[] = []) {
    const defs = new Map(tables.map((t) => [t.logicalName, t]));
    for (const ext of extensions) {
      const base = defs.get(ext.table);
      if (!base) throw new Error(`Extension for unknown table ${ext.table}`);
      defs.set(ext.table, extend(base, ext));
    }
    for (const def of defs.values()) {
      const meta = buildMeta(def);
      this.byLogical.set(meta.logicalName, meta);
      this.bySet.set(meta.entitySetName, meta);
    }
    this.validate();
  }

  table(logicalName: string): TableMeta | undefined {
    return this.byLogical.get(logicalName);
  }

  tableBySet(entitySetName: string): TableMeta | undefined {
    return this.bySet.get(entitySetName);
  }

  require(logicalName: string): TableMeta {
    const meta = this.byLogical.get(logicalName);
    if (!meta) throw new Error(`Unknown table ${logicalName}`);
    return meta;
  }

  tables(): TableMeta[] {
    return [...this.byLogical.values()];
  }

  /** Fails fast on definitions that reference tables or columns that do not exist. */
  private validate(): void {
    for (const meta of this.byLogical.values()) {
      if (!meta.columnMap.has(meta.primaryId)) throw new Error(`${meta.logicalName}: primary id ${meta.primaryId} is not a column`);
      for (const key of meta.keys)
        for (const col of key.columns)
          if (!meta.columnMap.has(col)) throw new Error(`${meta.logicalName}: key ${key.name} uses unknown column ${col}`);
      for (const nav of meta.navigation.values())
        if (!this.byLogical.has(nav.target)) throw new Error(`${meta.logicalName}.${nav.column}: unknown target ${nav.target}`);
      for (const coll of meta.collectionMap.values()) {
        const target = this.byLogical.get(coll.target);
        if (!target?.columnMap.has(coll.referencingAttribute))
          throw new Error(`${meta.logicalName}.${coll.name}: ${coll.target}.${coll.referencingAttribute} does not exist`);
      }
    }
  }
}
