/** Small adapters from the PCF context to plain values; only index.ts files call these. */
import type { ControlApi } from './ControlApi';
import { intlFormatter, localeFromLcid, type Formatter } from './format';
import { localize, type StringTable } from './strings';
import type { EntityName } from './types';

type Ctx = ComponentFramework.Context<unknown>;

interface ContextInfo {
  entityId?: string;
  entityTypeName?: string;
}

/** `mode.contextInfo` is what model-driven forms pass (not in the public typings); `page` is the older shape. */
export function recordFromContext(context: Ctx, fallbackEntity: EntityName): { entity: EntityName; recordId: string | null } {
  const info = (context.mode as unknown as { contextInfo?: ContextInfo }).contextInfo;
  const page = (context as unknown as { page?: { entityId?: string; entityTypeName?: string } }).page;
  const rawId = info?.entityId || page?.entityId || null;
  const type = (info?.entityTypeName || page?.entityTypeName || fallbackEntity).toLowerCase();
  return { entity: type === 'account' ? 'account' : type === 'contact' ? 'contact' : fallbackEntity, recordId: rawId ? rawId.replace(/^\{|\}$/g, '') : null };
}

/** Dates and integers through the platform formatter (it knows the user's settings); money through Intl,
 * because each order has its own currency and `formatCurrency` only knows the user's. */
export function formatterFromContext(context: Ctx): Formatter {
  const base = intlFormatter(localeFromLcid(context.userSettings?.languageId));
  const f = context.formatting as Partial<ComponentFramework.Formatting> | undefined; // absent in some hosts and test contexts
  return {
    date: (iso) => {
      const d = new Date(iso);
      return f?.formatDateShort && !Number.isNaN(d.getTime()) ? f.formatDateShort(d) : base.date(iso);
    },
    money: base.money,
    integer: (n) => (f?.formatInteger ? f.formatInteger(n) : base.integer(n)),
  };
}

export function stringsFromContext<K extends string>(context: Ctx, defaults: StringTable<K>): StringTable<K> {
  return localize(defaults, context.resources ? (key) => context.resources.getString(key) : undefined);
}

export function textInput(p: { raw?: string | null } | undefined): string | null {
  const v = p?.raw?.trim();
  return v ? v : null;
}

export function wholeInput(p: { raw?: number | null } | undefined, fallback: number, max: number): number {
  const v = p?.raw;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? Math.min(v, max) : fallback;
}

/** The inputs both manifests declare for reaching the proxy; read on every call (they can change). */
export function runtimeInputs(p: { proxyBaseUrl?: { raw?: string | null }; tokenUrl?: { raw?: string | null }; authorityHost?: { raw?: string | null } } | undefined) {
  return { proxyBaseUrl: textInput(p?.proxyBaseUrl), tokenUrl: textInput(p?.tokenUrl), authorityHost: textInput(p?.authorityHost) };
}

/** What every control takes from its form: the record, the proxy client, formats, its strings, the disabled state. */
export function formProps<K extends string>(context: Ctx, api: ControlApi, defaults: StringTable<K>) {
  const { entity, recordId } = recordFromContext(context, 'contact');
  return {
    entity,
    recordId,
    api,
    format: formatterFromContext(context),
    strings: stringsFromContext(context, defaults),
    disabled: context.mode.isControlDisabled,
  };
}
