import type { PreviewWebApi } from './webapi';

/** What a host form decides for a control: the record, its column values, the user and the form's state. */
export interface HostSettings {
  entityTypeName: 'contact' | 'account';
  entityId: string;
  recordName: string;
  languageId: number;
  disabled: boolean;
  parameters: Record<string, { raw: unknown; type?: string }>;
  strings: Record<string, string>;
  webAPI: PreviewWebApi;
  requestRender: () => void;
}

export const LOCALES: Readonly<Record<number, string>> = { 1033: 'en-US', 1031: 'de-DE' };

/**
 * The ComponentFramework.Context the preview hands to a control: the members model-driven forms provide that the
 * controls read (parameters, mode with contextInfo, userSettings, resources, formatting, webAPI, factory), with
 * the same shapes. Getters read the settings at call time, as the platform's context reflects the form's state.
 */
export function createContext(get: () => HostSettings): Record<string, unknown> {
  const locale = () => LOCALES[get().languageId] ?? 'en-US';
  return {
    get parameters() {
      return get().parameters;
    },
    mode: {
      get isControlDisabled() {
        return get().disabled;
      },
      isVisible: true,
      label: 'Clarity',
      allocatedHeight: -1,
      allocatedWidth: -1,
      get contextInfo() {
        const s = get();
        return { entityTypeName: s.entityTypeName, entityId: s.entityId, entityRecordName: s.recordName };
      },
      setControlState: () => true,
      setFullScreen: () => undefined,
      trackContainerResize: () => undefined,
    },
    get userSettings() {
      const s = get();
      return {
        languageId: s.languageId,
        userId: '{7B1A1C6E-0C1D-4F7E-9A35-5A6C0E9D0C02}',
        userName: 'Sales Rep (sandbox)',
        isRTL: false,
        securityRoles: [],
      };
    },
    resources: {
      getString: (key: string) => get().strings[key] ?? key,
      getResource: (_id: string, _success: unknown, failure: () => void) => failure(),
    },
    formatting: {
      formatDateShort: (d: Date) => new Intl.DateTimeFormat(locale(), { dateStyle: 'short' }).format(d),
      formatInteger: (n: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n),
      formatDecimal: (n: number, precision?: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: precision ?? 2 }).format(n),
    },
    get webAPI() {
      return get().webAPI;
    },
    factory: {
      requestRender: () => get().requestRender(),
    },
    client: { getClient: () => 'Web', getFormFactor: () => 1, isOffline: () => false, disableScroll: false },
    navigation: { openUrl: (url: string) => void window.open(url, '_blank', 'noopener') },
  };
}
