import { errors } from '../errors';
import type { ColumnDef } from '../metadata/types';
import { isGuid } from '../http/resource-path';

/** Validates and normalises one written value to the internal row format (store/types.ts). */
export function coerceValue(column: ColumnDef, table: string, value: unknown): unknown {
  if (value === null) return null;
  const invalid = () =>
    errors.badRequest(
      `An error occurred while validating input parameters: Microsoft.OData.ODataException: Cannot convert the literal '${String(value)}' to the expected type 'Edm.${edmType(column)}'.`,
    );
  switch (column.type) {
    case 'String':
    case 'Memo':
    case 'EntityName': {
      if (typeof value !== 'string') throw invalid();
      if (column.maxLength !== undefined && value.length > column.maxLength) throw errors.maxLength(column.name, table, column.maxLength);
      return value;
    }
    case 'Uniqueidentifier':
      if (typeof value !== 'string' || !isGuid(value)) throw invalid();
      return value.toLowerCase();
    case 'Boolean':
      if (typeof value !== 'boolean') throw invalid();
      return value;
    case 'Integer':
    case 'BigInt':
    case 'Picklist':
    case 'State':
    case 'Status': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid();
      if (column.options && column.type === 'Picklist' && !(value in column.options))
        throw errors.validation(`The value ${value} of '${column.name}' on record of type '${table}' is outside the valid range.`);
      return checkRange(column, table, value);
    }
    case 'Decimal':
    case 'Double':
    case 'Money':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid();
      return checkRange(column, table, value);
    case 'DateTime': {
      const ms = typeof value === 'string' ? Date.parse(value) : NaN;
      if (Number.isNaN(ms)) throw invalid();
      return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    default:
      throw invalid();
  }
}

function checkRange(column: ColumnDef, table: string, value: number): number {
  if ((column.minValue !== undefined && value < column.minValue) || (column.maxValue !== undefined && value > column.maxValue))
    throw errors.validation(`The value ${value} of '${column.name}' on record of type '${table}' is outside the valid range.`);
  return value;
}

export function edmType(column: ColumnDef): string {
  switch (column.type) {
    case 'String':
    case 'Memo':
    case 'EntityName':
      return 'String';
    case 'Uniqueidentifier':
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      return 'Guid';
    case 'Boolean':
      return 'Boolean';
    case 'BigInt':
      return 'Int64';
    case 'Decimal':
    case 'Money':
      return 'Decimal';
    case 'Double':
      return 'Double';
    case 'DateTime':
      return 'DateTimeOffset';
    default:
      return 'Int32';
  }
}
