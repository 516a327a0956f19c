/// <reference types="xrm" />
import { readProxySettings, type ProxySettings } from './settings';
import { getToken, needsSignIn, signIn } from './token';

/** The "Resync with Clarity" command: POST /api/control/{contacts|accounts}/:id/resync on the proxy. */

export const NOTIFICATION_ID = 'clar_resync';
const ROUTES: Record<string, string> = { contact: 'contacts', account: 'accounts' };

interface ResyncBody {
  outcome?: 'done' | 'skipped' | 'failed' | 'pending';
  note?: string;
  error?: { code?: string; message?: string };
}

const bare = (id: string) => id.replace(/[{}]/g, '').toLowerCase();

/** Enable rule: only a saved record (it has an id and the form is not in Create state) can be resynced. */
export function isSaved(formContext: Xrm.FormContext | undefined): boolean {
  if (!formContext?.data?.entity) return false;
  const id = formContext.data.entity.getId();
  return Boolean(id) && formContext.ui.getFormType() !== XrmEnumFormType.Create;
}

/** XrmEnum.FormType.Create; the const enum is not available at run time in a bundle. */
const XrmEnumFormType = { Create: 1 } as const;

/**
 * A token without the user if possible (single sign-on). When only the user can continue, ask first: the click
 * on the dialog is the user gesture the sign-in pop-up needs (the original click is long past by then).
 */
async function tokenFor(settings: ProxySettings): Promise<string | null> {
  try {
    return await getToken(settings);
  } catch (err) {
    if (!needsSignIn(err)) throw err;
    Xrm.Utility.closeProgressIndicator();
    const answer = await Xrm.Navigation.openConfirmDialog({
      title: 'Sign in to Clarity',
      text: 'Resync with Clarity needs you to sign in to the Clarity connector. A sign-in window opens.',
      confirmButtonLabel: 'Sign in to Clarity',
    });
    if (!answer.confirmed) return null;
    Xrm.Utility.showProgressIndicator('Resyncing with Clarity…');
    await signIn(settings);
    return getToken(settings);
  }
}

async function callProxy(table: string, id: string): Promise<{ level: Xrm.FormNotificationLevel; message: string }> {
  const route = ROUTES[table];
  if (!route) return { level: 'ERROR', message: `Resync with Clarity is not available for ${table} records.` };
  const settings = await readProxySettings();
  const token = await tokenFor(settings);
  if (token === null) return { level: 'WARNING', message: 'Resync with Clarity needs you to sign in to Clarity first.' };
  const res = await fetch(`${settings.baseUrl}/api/control/${route}/${encodeURIComponent(bare(id))}/resync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  const body = (await res.json().catch(() => ({}))) as ResyncBody;
  if (!res.ok) return { level: 'ERROR', message: `Resync with Clarity failed: ${body.error?.message ?? `the proxy answered ${res.status}`}` };
  switch (body.outcome) {
    case 'done':
    case 'skipped':
      return { level: 'INFO', message: 'Resynced with Clarity.' };
    case 'pending':
      return { level: 'INFO', message: `Resync with Clarity queued: ${body.note ?? 'it will finish in the background'}.` };
    default:
      return { level: 'ERROR', message: `Resync with Clarity failed: ${body.error?.message ?? body.note ?? 'unknown reason'}` };
  }
}

export async function resync(formContext: Xrm.FormContext): Promise<void> {
  formContext.ui.clearFormNotification(NOTIFICATION_ID);
  if (!isSaved(formContext)) {
    formContext.ui.setFormNotification('Save the record before resyncing it with Clarity.', 'WARNING', NOTIFICATION_ID);
    return;
  }
  const table = formContext.data.entity.getEntityName();
  Xrm.Utility.showProgressIndicator('Resyncing with Clarity…');
  let outcome: { level: Xrm.FormNotificationLevel; message: string };
  try {
    outcome = await callProxy(table, formContext.data.entity.getId());
  } catch (e) {
    outcome = { level: 'ERROR', message: `Resync with Clarity failed: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    Xrm.Utility.closeProgressIndicator();
  }
  // Refresh first (it re-renders the form), then show the outcome on the refreshed form.
  if (outcome.level !== 'ERROR') await formContext.data.refresh(false);
  formContext.ui.setFormNotification(outcome.message, outcome.level, NOTIFICATION_ID);
}
