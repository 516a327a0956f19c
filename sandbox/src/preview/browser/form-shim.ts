import type { PreviewWebApi } from './webapi';

/** A form notification as the form shows it (level as Xrm passes it). */
export interface Notification {
  message: string;
  level: 'ERROR' | 'WARNING' | 'INFO';
}

export interface FormShimOptions {
  entityName: string;
  id: string;
  values: () => Record<string, unknown>;
  refresh: () => Promise<void>;
  notify: (n: Notification | null) => void;
  progress: (message: string | null) => void;
  webAPI: PreviewWebApi;
}

/**
 * The slice of the Xrm client API the solution's web resource (clar_/scripts/clarity.js) calls, so the preview
 * runs the real "Resync with Clarity" command and form OnLoad handler rather than a copy of them.
 */
export function createXrmShim(o: FormShimOptions): { Xrm: unknown; formContext: unknown; executionContext: unknown } {
  const notifications = new Map<string, Notification>();
  const show = () => o.notify([...notifications.values()].pop() ?? null);
  const formContext = {
    data: {
      entity: { getId: () => `{${o.id.toUpperCase()}}`, getEntityName: () => o.entityName },
      refresh: async () => o.refresh(),
    },
    ui: {
      getFormType: () => 2, // XrmEnum.FormType.Update: a saved record
      setFormNotification: (message: string, level: Notification['level'], id: string) => {
        notifications.set(id, { message, level });
        show();
        return true;
      },
      clearFormNotification: (id: string) => {
        notifications.delete(id);
        show();
        return true;
      },
    },
    getAttribute: (name: string) => (name in o.values() ? { getValue: () => o.values()[name] ?? null } : null),
  };
  const Xrm = {
    WebApi: { retrieveMultipleRecords: (entity: string, options?: string) => o.webAPI.retrieveMultipleRecords(entity, options) },
    Utility: {
      showProgressIndicator: (message: string) => o.progress(message),
      closeProgressIndicator: () => o.progress(null),
    },
  };
  return { Xrm, formContext, executionContext: { getFormContext: () => formContext } };
}
