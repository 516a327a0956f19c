/**
 * OrderHistory with 1,000 orders, in headless Chromium on the control preview (the production build of the
 * control, data through the proxy's control API from the Clarity emulator):
 *   npx tsx test/bench/order-history-render.bench.ts [--json]
 * Prints the time to the first rendered page of orders, the time until all 1,000 are loaded ("Load more", 100 a
 * page), how many rows the DOM holds (the list is virtualized: a few dozen, not 1,000), and the frame times
 * while scrolling the list from top to bottom. Skips with a reason when Chromium or the builds are missing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Order } from '../../sandbox/src/clarity/types';
import { parseSandboxConfig } from '../../sandbox/src/config';
import { startDemoStack } from '../../sandbox/src/demo-stack';
import { missingBuilds } from '../../sandbox/src/preview/assets';
import { browserTestBlocker, launchChromium } from '../src/support/browser';

const ORDERS = 1000;
const JSON_OUT = process.argv.includes('--json');

/** Runs in the page (a string: this file is compiled without the DOM library). */
const SCROLL_THROUGH_LIST = `(async () => {
  const grid = document.querySelector('.clarity-grid');
  const steps = 240;
  const stepPx = (grid.scrollHeight - grid.clientHeight) / steps;
  const deltas = [];
  let last = performance.now();
  for (let i = 1; i <= steps; i++) {
    grid.scrollTop = Math.round(i * stepPx);
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    deltas.push(now - last);
    last = now;
  }
  return { deltas };
})()`;

/** `count` copies of a template order for one customer, an hour apart, newest first. */
function manyOrders(template: Order, count: number): Order[] {
  const start = Date.parse('2026-11-01T12:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(start - i * 3_600_000).toISOString();
    return { ...template, orderId: `ord_bench_${String(i).padStart(5, '0')}`, orderNumber: `SO-9${String(i).padStart(5, '0')}`, createdAt: at, updatedAt: at };
  });
}

async function main(): Promise<void> {
  const blocker = browserTestBlocker(() => {
    const missing = missingBuilds();
    return missing.length ? `not built: ${missing.join(', ')} (npm run build)` : null;
  });
  if (blocker) {
    console.log(`order-history-render: skipped (${blocker})`);
    return;
  }
  const config = parseSandboxConfig(
    { DATAVERSE_EMULATOR_PORT: '0', CLARITY_EMULATOR_PORT: '0', PORT: '0', SANDBOX_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'clarity-bench-')), SANDBOX_LOG_LEVEL: 'silent' },
    ['--demo'],
  );
  const stack = await startDemoStack(config, { buildIfMissing: false });
  const browser = await launchChromium();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await stack.loaded;
    const demo = stack.sandbox.demo.clarity;
    const template = (demo.orders ?? [])[0];
    if (!template?.customerId) throw new Error('the demo data has no order with a customer');
    // Seeded straight into the Clarity emulator: a long-standing customer's history, not new webhook traffic.
    const existing = (demo.orders ?? []).filter((o) => o.customerId === template.customerId).length;
    stack.sandbox.clarity.state.seed({ orders: manyOrders(template, ORDERS - existing) });
    const contact = [...stack.sandbox.dataverse.store.all('contact')].find((c) => c.clar_clarityid === template.customerId);
    if (!contact) throw new Error(`no contact linked to ${template.customerId}`);
    const expected = ORDERS; // the control API's cap for one form is also 1,000 (plugin-proxy/src/control/orders-list.ts)

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = Date.now();
    await page.goto(`${stack.previewUrl}contact/${String(contact.contactid)}?pageSize=100`);
    await page.waitForSelector('.clarity-order-history .ms-DetailsRow', { timeout: 30_000 });
    const firstPageMs = Date.now() - started;
    const loadStart = Date.now();
    const countText = () => page.textContent('.clarity-footer .clarity-muted');
    for (let previous = await countText(); previous !== `${expected} orders shown`; ) {
      await page.click('.clarity-footer button', { timeout: 30_000 });
      // The next page is in when the count changes (the button hides while it loads).
      await page.waitForFunction(
        `document.querySelector('.clarity-footer .clarity-muted')?.textContent !== ${JSON.stringify(previous)}`,
        undefined,
        { timeout: 30_000 },
      );
      previous = await countText();
    }
    const allLoadedMs = Date.now() - loadStart;
    const domRows = await page.$$eval('.clarity-order-history .ms-DetailsRow', (r) => r.length);
    // Scroll the list's container from top to bottom, one step per animation frame, timing the frames.
    const frames = (await page.evaluate(SCROLL_THROUGH_LIST)) as { deltas: number[] };
    const sorted = [...frames.deltas].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    const slow = frames.deltas.filter((d) => d > 50).length;
    const result = {
      scenario: 'order-history-1000-orders',
      orders: expected,
      first_page_ms: firstPageMs,
      all_loaded_ms: allLoadedMs,
      dom_rows: domRows,
      scroll_frame_p50_ms: Number(pct(0.5).toFixed(1)),
      scroll_frame_p95_ms: Number(pct(0.95).toFixed(1)),
      scroll_frame_max_ms: Number(pct(1).toFixed(1)),
      scroll_frames_over_50ms: slow,
      peak_rss_mb: Math.round(peakRss / 1048576),
    };
    console.log(`OrderHistory, ${expected.toLocaleString('en-US')} orders of one contact (preview in headless Chromium)`);
    console.log(`  first page rendered        ${firstPageMs} ms`);
    console.log(`  all orders loaded          ${allLoadedMs} ms (Load more, 100 a page)`);
    console.log(`  rows in the DOM            ${domRows} of ${expected} (virtualized list)`);
    console.log(`  scrolling, frame time      p50 ${result.scroll_frame_p50_ms} ms, p95 ${result.scroll_frame_p95_ms} ms, max ${result.scroll_frame_max_ms} ms; ${slow} of ${frames.deltas.length} frames over 50 ms`);
    console.log(`  peak RSS (bench process)   ${result.peak_rss_mb} MB`);
    if (JSON_OUT) console.log(JSON.stringify(result));
  } finally {
    clearInterval(sampler);
    await browser.close();
    await stack.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
