/** The preview's HTML: static shells; browser/host.ts fills them from the sandbox through context.webAPI. */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, Roboto, "Helvetica Neue", sans-serif; background: #faf9f8; color: #323130; font-size: 14px; }
  .nav { background: #002050; color: #fff; padding: 10px 20px; font-weight: 600; display: flex; gap: 12px; align-items: center; }
  .nav a { color: #fff; text-decoration: none; }
  .nav .sub { font-weight: 400; opacity: .8; }
  .commandbar { background: #fff; border-bottom: 1px solid #edebe9; padding: 6px 20px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  .commandbar button { background: none; border: 1px solid transparent; padding: 6px 10px; cursor: pointer; font: inherit; color: #323130; }
  .commandbar button:hover { background: #f3f2f1; }
  .commandbar .spacer { flex: 1; }
  .commandbar label { display: flex; gap: 6px; align-items: center; color: #605e5c; }
  .notification { padding: 8px 20px; display: none; }
  .notification.info { display: block; background: #f3f2f1; }
  .notification.success { display: block; background: #dff6dd; }
  .notification.error { display: block; background: #fde7e9; }
  .progress-overlay { position: fixed; inset: 0; background: rgba(255,255,255,.7); display: flex; align-items: center; justify-content: center; font-size: 16px; z-index: 10; }
  .progress-overlay[hidden] { display: none; }
  .record-header { padding: 14px 20px 4px; }
  .record-header h1 { margin: 0; font-size: 20px; font-weight: 600; }
  .record-header .kind { color: #605e5c; }
  .form { display: grid; grid-template-columns: 260px minmax(420px, 1fr) 300px; gap: 16px; padding: 12px 20px 40px; align-items: start; }
  .section { background: #fff; border-radius: 4px; box-shadow: 0 1.6px 3.6px rgba(0,0,0,.13), 0 .3px .9px rgba(0,0,0,.11); padding: 12px 16px; }
  .section h2 { font-size: 15px; font-weight: 600; margin: 0 0 10px; }
  dl { margin: 0; display: grid; grid-template-columns: 1fr; gap: 2px 0; }
  dt { color: #605e5c; font-size: 12px; margin-top: 8px; }
  dd { margin: 0; min-height: 20px; word-break: break-word; }
  .control-host { min-height: 120px; }
  .control-host.main { height: 560px; }
  table.records { border-collapse: collapse; width: 100%; background: #fff; }
  table.records th, table.records td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #edebe9; }
  .page { padding: 16px 20px; max-width: 1100px; }
  .muted { color: #605e5c; }
  code { background: #f3f2f1; padding: 1px 4px; }
`;

function shell(title: string, body: string, scripts = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="nav"><a href="/preview/">Dynamics 365</a><span class="sub">Sales Hub · Clarity connector sandbox preview</span></div>
${body}
${scripts}
</body>
</html>`;
}

export function indexPage(message?: string): string {
  return shell(
    'Clarity connector preview',
    `<div class="page">
  ${message ? `<p class="notification error" role="alert">${esc(message)}</p>` : ''}
  <h1>Clarity 360 forms preview</h1>
  <p class="muted">The OrderHistory and LoyaltyCard PCF controls (their production builds) on contact and account form mock-ups,
  with a ComponentFramework context backed by the sandbox: environment variables and records come from the Dataverse
  emulator, orders and loyalty from the Clarity emulator through the connector's control API.</p>
  <h2>Contacts linked to Clarity</h2>
  <table class="records" id="contacts"><thead><tr><th>Name</th><th>Email</th><th>Clarity id</th></tr></thead><tbody><tr><td colspan="3" class="muted">Loading…</td></tr></tbody></table>
  <h2>Accounts linked to Clarity</h2>
  <table class="records" id="accounts"><thead><tr><th>Name</th><th>Clarity id</th></tr></thead><tbody><tr><td colspan="2" class="muted">Loading…</td></tr></tbody></table>
</div>`,
    `<script src="/preview/assets/host.js"></script>
<script>ClarityPreview.startIndex();</script>`,
  );
}

export function notBuiltPage(missing: readonly string[]): string {
  return shell(
    'Clarity connector preview: controls not built',
    `<div class="page"><h1>The controls are not built yet</h1>
<p>The preview hosts the production builds of ${missing.map((m) => `<code>${esc(m)}</code>`).join(' and ')}. Run <code>npm run build</code>, then reload this page.</p></div>`,
  );
}

/** A "Clarity 360" main form like the solution's (solution/src/forms.ts): fields, order history, loyalty card. */
export function formPage(entity: 'contact' | 'account', id: string): string {
  const label = entity === 'contact' ? 'Contact' : 'Account';
  return shell(
    `${label} · Clarity 360`,
    `<div class="commandbar" role="toolbar" aria-label="Command bar">
  <button type="button" id="cmd-back" onclick="location.href='/preview/'">← Back</button>
  <button type="button" id="cmd-resync">⟳ Resync with Clarity</button>
  <span class="spacer"></span>
  <label>Language <select id="opt-language"><option value="1033">English</option><option value="1031">Deutsch</option></select></label>
  <label><input type="checkbox" id="opt-disabled"> Read-only form</label>
</div>
<div class="notification" id="form-notification" role="status"></div>
<div class="progress-overlay" id="progress-indicator" role="progressbar" hidden></div>
<div class="record-header"><h1 id="record-name">…</h1><span class="kind">${label} · Clarity 360</span></div>
<div class="form" data-entity="${entity}" data-id="${esc(id)}">
  <section class="section" aria-label="Summary"><h2>Summary</h2><dl id="record-fields"></dl></section>
  <section class="section" aria-label="Order history"><h2>Order history</h2><div class="control-host main" data-control="OrderHistory" id="control-orderhistory"></div></section>
  <section class="section" aria-label="Loyalty"><h2>Loyalty</h2><div class="control-host" data-control="LoyaltyCard" id="control-loyaltycard"></div></section>
</div>`,
    `<link rel="stylesheet" href="/preview/controls/OrderHistory/css/OrderHistory.css">
<link rel="stylesheet" href="/preview/controls/LoyaltyCard/css/LoyaltyCard.css">
<script>
  // Dynamics serves Fluent's fonts itself; the sandbox has no CDN: system fonts, and the icon font from node_modules.
  window.FabricConfig = { fontBaseUrl: '' };
</script>
<script src="/preview/assets/lib/react.js"></script>
<script src="/preview/assets/lib/react-dom.js"></script>
<script src="/preview/assets/lib/fluentui-react.js"></script>
<script src="/preview/assets/host.js"></script>
<script src="/preview/controls/OrderHistory/bundle.js"></script>
<script src="/preview/controls/LoyaltyCard/bundle.js"></script>
<script>ClarityPreview.startForm(${JSON.stringify(entity)}, ${JSON.stringify(id)});</script>`,
  );
}
