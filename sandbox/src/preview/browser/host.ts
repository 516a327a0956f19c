/**
 * The preview's stand-in for the model-driven form runtime: provides the platform libraries under the names
 * pcf-scripts bundles expect, lets the control bundles register themselves, builds a ComponentFramework context
 * per control backed by the sandbox, and renders the virtual controls with ReactDOM as the platform does.
 */
import { createContext, LOCALES, type HostSettings } from './context';
import { createXrmShim, type Notification } from './form-shim';
import { parseResx } from './resx';
import { previewWebApi, type PreviewWebApi } from './webapi';

interface VirtualControl {
  init(context: unknown, notifyOutputChanged: () => void, state: unknown): void;
  updateView(context: unknown): unknown;
  destroy(): void;
}
type ControlCtor = new () => VirtualControl;

interface Globals {
  React?: unknown;
  ReactDOM?: { render(element: unknown, container: Element): void; unmountComponentAtNode(container: Element): boolean };
  FluentUIReact?: unknown;
  Reactv16?: unknown;
  FluentUIReactv8290?: unknown;
  ComponentFramework?: { registerControl(name: string, ctor: ControlCtor): void };
  ClarityPreview?: unknown;
  Clarity?: { Ribbon: { resync(formContext: unknown): Promise<void> }; Form: { onLoad(ctx: unknown): void }; Auth: { setTokenProvider(p: () => Promise<string>): void } };
  Xrm?: unknown;
}
const g = window as unknown as Globals;

// Platform libraries, as Dynamics provides them to virtual controls (manifest <platform-library>).
g.Reactv16 = g.React;
g.FluentUIReactv8290 = g.FluentUIReact;

const registered = new Map<string, ControlCtor>();
g.ComponentFramework = { registerControl: (name, ctor) => void registered.set(name, ctor) };

const webAPI: PreviewWebApi = previewWebApi();

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector);
const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

async function loadStrings(control: string, languageId: number): Promise<Record<string, string>> {
  const res = await fetch(`/preview/controls/${control}/strings/${control}.${languageId}.resx`);
  if (!res.ok) return languageId === 1033 ? {} : loadStrings(control, 1033);
  return parseResx(await res.text());
}

async function previewToken(): Promise<string> {
  const res = await fetch('/preview/token');
  if (!res.ok) throw new Error(`the preview's token endpoint answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

const FIELDS: Record<'contact' | 'account', [string, string][]> = {
  contact: [
    ['fullname', 'Full name'],
    ['emailaddress1', 'Email'],
    ['telephone1', 'Business phone'],
    ['_parentcustomerid_value', 'Company'],
    ['clar_clarityid', 'Clarity customer id'],
    ['clar_loyaltytier', 'Loyalty tier'],
    ['clar_loyaltypoints', 'Loyalty points'],
    ['clar_syncstatus', 'Sync status'],
    ['clar_lastsyncedon', 'Last synced with Clarity'],
  ],
  account: [
    ['name', 'Account name'],
    ['emailaddress1', 'Email'],
    ['telephone1', 'Main phone'],
    ['clar_clarityid', 'Clarity company id'],
    ['clar_syncstatus', 'Sync status'],
    ['clar_lastsyncedon', 'Last synced with Clarity'],
  ],
};

function renderFields(entity: 'contact' | 'account', record: Record<string, unknown>): void {
  const dl = $('#record-fields');
  if (!dl) return;
  dl.replaceChildren(
    ...FIELDS[entity].flatMap(([name, label]) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.dataset.field = name;
      dd.textContent = text(record[`${name}@OData.Community.Display.V1.FormattedValue`] ?? record[name]);
      return [dt, dd];
    }),
  );
}

function showNotification(n: Notification | null): void {
  const el = $('#form-notification');
  if (!el) return;
  el.className = `notification${n ? ` ${n.level === 'ERROR' || n.level === 'WARNING' ? 'error' : 'success'}` : ''}`;
  el.textContent = n?.message ?? '';
}

async function startForm(entity: 'contact' | 'account', id: string): Promise<void> {
  const url = new URL(location.href);
  const state = {
    languageId: Number(url.searchParams.get('lang')) in LOCALES ? Number(url.searchParams.get('lang')) : 1033,
    disabled: url.searchParams.get('readonly') === '1',
    // The OrderHistory "pageSize" property as a form designer would set it (the control caps it at 100).
    pageSize: Number(url.searchParams.get('pageSize')) || 25,
    record: {} as Record<string, unknown>,
    strings: {} as Record<string, Record<string, string>>,
  };
  const language = $<HTMLSelectElement>('#opt-language');
  const readOnly = $<HTMLInputElement>('#opt-disabled');
  if (language) language.value = String(state.languageId);
  if (readOnly) readOnly.checked = state.disabled;

  const loadRecord = async () => {
    state.record = await webAPI.retrieveRecord(entity, id);
    const name = text(state.record[entity === 'contact' ? 'fullname' : 'name']);
    const h1 = $('#record-name');
    if (h1) h1.textContent = name;
    document.title = `${name} · ${entity === 'contact' ? 'Contact' : 'Account'} · Clarity 360`;
    renderFields(entity, state.record);
  };
  try {
    await loadRecord();
  } catch (e) {
    showNotification({ level: 'ERROR', message: `Could not open this ${entity}: ${e instanceof Error ? e.message : String(e)}` });
    document.body.dataset.ready = 'error';
    return;
  }

  const hosts = Array.from(document.querySelectorAll<HTMLElement>('[data-control]'));
  const mounted: { el: HTMLElement; control: VirtualControl; context: unknown }[] = [];
  const render = () => {
    for (const m of mounted) g.ReactDOM?.render(m.control.updateView(m.context), m.el);
  };
  const settingsFor = (control: string) => (): HostSettings => ({
    entityTypeName: entity,
    entityId: id,
    recordName: text(state.record[entity === 'contact' ? 'fullname' : 'name']),
    languageId: state.languageId,
    disabled: state.disabled,
    parameters: {
      // The column each control sits on in the solution's Clarity 360 form (solution/src/forms.ts).
      hostField: { raw: state.record[control === 'OrderHistory' ? 'clar_clarityid' : 'clar_loyaltytier'] ?? null, type: 'SingleLine.Text' },
      // The base URL comes from the clar_ProxyBaseUrl environment variable; the token from the preview's
      // sandbox token endpoint (Dynamics uses MSAL single sign-on instead).
      proxyBaseUrl: { raw: null, type: 'SingleLine.Text' },
      tokenUrl: { raw: '/preview/token', type: 'SingleLine.Text' },
      pageSize: { raw: state.pageSize, type: 'Whole.None' },
      recentCount: { raw: 5, type: 'Whole.None' },
    },
    strings: state.strings[control] ?? {},
    webAPI,
    requestRender: () => render(),
  });
  const loadAllStrings = async () => {
    for (const el of hosts) state.strings[el.dataset.control as string] = await loadStrings(el.dataset.control as string, state.languageId);
  };
  await loadAllStrings();
  for (const el of hosts) {
    const name = el.dataset.control as string;
    const Ctor = registered.get(`Clarity.${name}`);
    if (!Ctor) {
      el.textContent = `The control Clarity.${name} did not register (is its bundle built?).`;
      continue;
    }
    const context = createContext(settingsFor(name));
    const control = new Ctor();
    control.init(context, () => undefined, {});
    mounted.push({ el, control, context });
  }
  render();

  language?.addEventListener('change', () => {
    state.languageId = Number(language.value);
    void loadAllStrings().then(render);
    url.searchParams.set('lang', String(state.languageId));
    history.replaceState(null, '', url);
  });
  readOnly?.addEventListener('change', () => {
    state.disabled = readOnly.checked;
    render();
  });

  // The solution's web resource, with the Xrm slice it uses: the real command and form script.
  const shim = createXrmShim({
    entityName: entity,
    id,
    values: () => state.record,
    refresh: async () => {
      await loadRecord();
      render();
    },
    notify: showNotification,
    progress: (message) => {
      // Xrm.Utility.showProgressIndicator: a modal overlay over the form until closeProgressIndicator.
      const overlay = $('#progress-indicator');
      if (overlay) {
        overlay.hidden = message === null;
        overlay.textContent = message ?? '';
      }
    },
    webAPI,
  });
  g.Xrm = shim.Xrm;
  await loadScript('/preview/webresources/clar_/scripts/clarity.js');
  g.Clarity?.Auth.setTokenProvider(previewToken);
  g.Clarity?.Form.onLoad(shim.executionContext);
  $('#cmd-resync')?.addEventListener('click', () => void g.Clarity?.Ribbon.resync(shim.formContext));
  document.body.dataset.ready = 'true';
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(s);
  });
}

async function startIndex(): Promise<void> {
  const fill = async (entity: 'contact' | 'account', columns: string[]) => {
    const body = $<HTMLTableSectionElement>(`#${entity}s tbody`);
    if (!body) return;
    try {
      const { entities } = await webAPI.retrieveMultipleRecords(
        entity,
        `?$select=${columns.join(',')}&$filter=clar_clarityid ne null&$orderby=${columns[0]} asc`,
        50,
      );
      if (!entities.length) {
        body.innerHTML = `<tr><td colspan="${columns.length}" class="muted">None yet: the connector links records as it syncs them (initial load at start).</td></tr>`;
        return;
      }
      body.replaceChildren(
        ...entities.map((row) => {
          const tr = document.createElement('tr');
          columns.forEach((c, i) => {
            const td = document.createElement('td');
            if (i === 0) {
              const a = document.createElement('a');
              a.href = `/preview/${entity}/${String(row[`${entity}id`])}`;
              a.textContent = text(row[c]);
              td.appendChild(a);
            } else td.textContent = text(row[c]);
            tr.appendChild(td);
          });
          return tr;
        }),
      );
    } catch (e) {
      body.innerHTML = '';
      const tr = body.insertRow();
      const td = tr.insertCell();
      td.colSpan = columns.length;
      td.textContent = `Could not read ${entity}s from the Dataverse emulator: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
  await Promise.all([fill('contact', ['fullname', 'emailaddress1', 'clar_clarityid']), fill('account', ['name', 'clar_clarityid'])]);
  document.body.dataset.ready = 'true';
}

g.ClarityPreview = {
  startForm: (entity: 'contact' | 'account', id: string) => void startForm(entity, id),
  startIndex: () => void startIndex(),
};
