/// <reference types="xrm" />
import { XrmMockGenerator } from 'xrm-mock';
import { onLoad } from './form';
import { isSaved, NOTIFICATION_ID, resync } from './resync';
import { setTokenProvider } from './token';

const CONTACT_ID = '{6E1B3C2A-0000-4000-8000-000000000001}';

/** A form as Dataverse shows it: a saved record is in Update state (2); a new one has no id and is in Create (1). */
function formFor(entity: { id: string; entityName: string }) {
  XrmMockGenerator.initialise({ entity: { entityName: entity.entityName, ...(entity.id ? { id: entity.id } : {}) } });
  const form = XrmMockGenerator.getFormContext() as unknown as Xrm.FormContext & { ui: { formNotifications: { message: string; level: string; uniqueId: string }[] } };
  jest.spyOn(form.ui, 'getFormType').mockReturnValue(entity.id ? 2 : 1);
  if (!entity.id) jest.spyOn(form.data.entity, 'getId').mockReturnValue('');
  const refresh = jest.fn(async () => undefined);
  (form.data as unknown as { refresh: typeof refresh }).refresh = refresh;
  const progress = { show: jest.spyOn(Xrm.Utility, 'showProgressIndicator').mockImplementation(() => undefined), close: jest.spyOn(Xrm.Utility, 'closeProgressIndicator').mockImplementation(() => undefined) };
  return { form, refresh, progress };
}

function environmentVariables(values: Record<string, string>) {
  // Xrm's PromiseLike type is jQuery-flavoured; the code under test only awaits it.
  const fake = async (entity: string) => {
    expect(entity).toBe('environmentvariabledefinition');
    return {
      entities: Object.entries(values).map(([schemaname, value]) => ({ schemaname, defaultvalue: 'https://default.invalid', environmentvariabledefinition_environmentvariablevalue: [{ value }] })),
    };
  };
  return jest.spyOn(Xrm.WebApi, 'retrieveMultipleRecords').mockImplementation(fake as unknown as typeof Xrm.WebApi.retrieveMultipleRecords);
}

const notifications = (form: { ui: { formNotifications: { message: string; level: string; uniqueId: string }[] } }) =>
  (form.ui.formNotifications ?? []).filter(Boolean);

describe('Clarity.Ribbon.resync', () => {
  let fetchSpy: jest.SpiedFunction<typeof fetch>;
  beforeEach(() => {
    fetchSpy = jest.spyOn(globalThis, 'fetch');
    setTokenProvider(async (s) => `token-for-${s.scope}`);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    setTokenProvider(undefined);
  });

  it('posts to the proxy with the base URL from clar_ProxyBaseUrl and a bearer token, shows progress, refreshes and reports success', async () => {
    const { form, refresh, progress } = formFor({ id: CONTACT_ID, entityName: 'contact' });
    environmentVariables({ clar_ProxyBaseUrl: 'https://connector.example.com/', clar_ProxyScope: 'api://clarity-connector/.default' });
    fetchSpy.mockResolvedValue(new Response(JSON.stringify({ outcome: 'done', note: 'updated', jobId: 'j1' }), { status: 200 }));

    await resync(form);

    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('https://connector.example.com/api/control/contacts/6e1b3c2a-0000-4000-8000-000000000001/resync');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer token-for-api://clarity-connector/.default');
    expect(progress.show).toHaveBeenCalledTimes(1);
    expect(progress.close).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith(false);
    expect(notifications(form)).toEqual([{ message: 'Resynced with Clarity.', level: 'INFO', uniqueId: NOTIFICATION_ID }]);
  });

  it('uses the accounts route for an account', async () => {
    const { form } = formFor({ id: CONTACT_ID, entityName: 'account' });
    environmentVariables({ clar_ProxyBaseUrl: 'https://connector.example.com' });
    fetchSpy.mockResolvedValue(new Response(JSON.stringify({ outcome: 'pending', note: 'the resync is still queued' }), { status: 202 }));
    await resync(form);
    expect(String(fetchSpy.mock.calls[0]![0])).toContain('/api/control/accounts/');
    expect(notifications(form)[0]).toMatchObject({ level: 'INFO', message: expect.stringContaining('queued') });
  });

  it('reports the proxy’s error reason in an error notification and does not refresh', async () => {
    const { form, refresh, progress } = formFor({ id: CONTACT_ID, entityName: 'contact' });
    environmentVariables({ clar_ProxyBaseUrl: 'https://connector.example.com' });
    fetchSpy.mockResolvedValue(new Response(JSON.stringify({ error: { code: 'CONNECTOR_ERR_FORBIDDEN', message: 'the caller lacks the Connector.Resync role' } }), { status: 403 }));

    await resync(form);

    expect(progress.close).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();
    expect(notifications(form)).toEqual([{ message: 'Resync with Clarity failed: the caller lacks the Connector.Resync role', level: 'ERROR', uniqueId: NOTIFICATION_ID }]);
  });

  it('reports a failed resync job (200 with outcome failed) with its reason', async () => {
    const { form } = formFor({ id: CONTACT_ID, entityName: 'contact' });
    environmentVariables({ clar_ProxyBaseUrl: 'https://connector.example.com' });
    fetchSpy.mockResolvedValue(new Response(JSON.stringify({ outcome: 'failed', note: 'dead', error: { code: 'CONNECTOR_ERR_VALIDATION', message: 'email is invalid' } }), { status: 200 }));
    await resync(form);
    expect(notifications(form)[0]).toMatchObject({ level: 'ERROR', message: 'Resync with Clarity failed: email is invalid' });
  });

  it('reports a missing proxy URL or token provider instead of throwing', async () => {
    const { form, progress } = formFor({ id: CONTACT_ID, entityName: 'contact' });
    environmentVariables({});
    await resync(form);
    expect(progress.close).toHaveBeenCalledTimes(1);
    expect(notifications(form)[0]?.message).toContain('clar_ProxyBaseUrl has no value');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('does nothing but warn on an unsaved record, and the enable rule is false for it', async () => {
    const { form, progress } = formFor({ id: '', entityName: 'contact' });
    expect(isSaved(form)).toBe(false);
    await resync(form);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(progress.show).not.toHaveBeenCalled();
    expect(notifications(form)).toEqual([{ message: 'Save the record before resyncing it with Clarity.', level: 'WARNING', uniqueId: NOTIFICATION_ID }]);
  });

  it('the enable rule is true for a saved record', () => {
    const { form } = formFor({ id: CONTACT_ID, entityName: 'contact' });
    expect(isSaved(form)).toBe(true);
  });
});

describe('Clarity.Form.onLoad', () => {
  const load = (status: number | null, error: string | null) => {
    XrmMockGenerator.initialise({ entity: { id: CONTACT_ID, entityName: 'contact' } });
    XrmMockGenerator.Attribute.createOptionSet('clar_syncstatus', status ?? undefined, [
      { value: 812400000, text: 'Synced' },
      { value: 812400001, text: 'Pending' },
      { value: 812400002, text: 'Error' },
    ]);
    XrmMockGenerator.Attribute.createString('clar_syncerror', error ?? undefined);
    onLoad(XrmMockGenerator.getEventContext());
    return notifications(XrmMockGenerator.getFormContext() as never);
  };

  it('shows a warning with clar_syncerror when clar_syncstatus is Error', () => {
    expect(load(812400002, 'Clarity rejected the email address')).toEqual([
      { message: 'The last sync with Clarity failed: Clarity rejected the email address', level: 'WARNING', uniqueId: 'clar_syncerror' },
    ]);
  });

  it('shows nothing when the record is synced', () => {
    expect(load(812400000, null)).toEqual([]);
  });
});
