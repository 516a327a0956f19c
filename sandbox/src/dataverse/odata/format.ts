import type { ColumnDef } from '../metadata/types';

/**
 * `@OData.Community.Display.V1.FormattedValue` texts (specs/dataverse-webapi.md §1.3): money `"$20,000.00"`,
 * date-times `"4/7/2023 2:59 PM"`, choice/status/yes-no labels, lookups as the target's primary name, numbers
 * with thousands separators. The real service formats with the calling user's locale and time zone; the
 * emulator's users are all en-US in UTC, so the same instant always renders the same text.
 * Returns undefined where the service emits no formatted value (strings, GUIDs, nulls).
 */
export interface FormatContext {
  /** Symbol of the row's transaction currency. */
  readonly currencySymbol?: string;
  /** Primary name of the row a lookup points at. */
  readonly lookupName?: string;
}

const formatters = new Map<number, Intl.NumberFormat>();

function numberFormat(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
    formatters.set(digits, f);
  }
  return f;
}

/** en-US short date and time in UTC: `4/7/2023 2:59 PM` (no leading zeros, 12-hour clock). */
export function formatDateTime(iso: string): string | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hour12}:${minutes} ${h < 12 ? 'AM' : 'PM'}`;
}

export function formatValue(column: ColumnDef, value: unknown, ctx: FormatContext = {}): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (column.type) {
    case 'Money': {
      const n = Number(value);
      const text = numberFormat(column.precision ?? 2).format(Math.abs(n));
      return `${n < 0 ? '-' : ''}${ctx.currencySymbol ?? '$'}${text}`;
    }
    case 'Decimal':
    case 'Double':
      return numberFormat(column.precision ?? 2).format(Number(value));
    case 'Integer':
    case 'BigInt':
      return numberFormat(0).format(Number(value));
    case 'DateTime':
      return formatDateTime(String(value));
    case 'Boolean': {
      const key = value === true ? 1 : 0;
      return column.options?.[key] ?? (value === true ? 'Yes' : 'No');
    }
    case 'Picklist':
    case 'State':
    case 'Status':
      return column.options?.[value as number] ?? String(value);
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      return ctx.lookupName;
    default:
      return undefined;
  }
}
