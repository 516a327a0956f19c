/// <reference types="xrm" />

/** Form OnLoad of the "Clarity 360" forms: a warning banner while the last sync with Clarity failed. */

export const SYNC_STATUS_ERROR = 812400002;
export const NOTIFICATION_ID = 'clar_syncerror';

export function onLoad(executionContext: Xrm.Events.EventContext): void {
  const formContext = executionContext.getFormContext();
  formContext.ui.clearFormNotification(NOTIFICATION_ID);
  const status = formContext.getAttribute<Xrm.Attributes.OptionSetAttribute>('clar_syncstatus')?.getValue();
  if (status !== SYNC_STATUS_ERROR) return;
  const reason = formContext.getAttribute<Xrm.Attributes.StringAttribute>('clar_syncerror')?.getValue();
  formContext.ui.setFormNotification(`The last sync with Clarity failed${reason ? `: ${reason}` : '.'}`, 'WARNING', NOTIFICATION_ID);
}
