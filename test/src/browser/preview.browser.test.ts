import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Customer, Order } from '../../../sandbox/src/clarity/types';
import { parseSandboxConfig } from '../../../sandbox/src/config';
import { startDemoStack, type DemoStack } from '../../../sandbox/src/demo-stack';
import { missingBuilds } from '../../../sandbox/src/preview/assets';
import { artifactPath, describeWithBrowser, launchChromium } from '../support/browser';
import { addFaults } from '../support/faults';

const notBuilt = () => {
  const missing = missingBuilds();
  return missing.length ? `not built: ${missing.join(', ')} (npm run build)` : null;
};

/**
 * The control preview in headless Chromium, as a newcomer sees it after `npm start`: the production builds of
 * OrderHistory and LoyaltyCard on a demo contact's Clarity 360 form, data from the Clarity emulator through the
 * proxy's control API, then the same with Clarity down. Screenshots go to test-artifacts/preview/.
 */
describeWithBrowser('control preview in Chromium', () => {
  let stack: DemoStack;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const money = (n: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(n);
  const contactIdOf = (customerId: string): string => {
    const row = [...stack.sandbox.dataverse.store.all('contact')].find((c) => c.clar_clarityid === customerId);
    if (!row) throw new Error(`no contact linked to ${customerId} after the initial load`);
    return String(row.contactid);
  };
  const ordersOf = (customerId: string): Order[] =>
    (stack.sandbox.demo.clarity.orders ?? []).filter((o) => o.customerId === customerId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const gridOrderNumbers = () => page.$$eval('.clarity-order-history .ms-DetailsRow .ms-Link', (links) => links.map((l) => l.textContent ?? ''));
  const openForm = async (customerId: string) => {
    await page.goto(`${stack.previewUrl}contact/${contactIdOf(customerId)}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  };

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'clarity-preview-'));
    const config = parseSandboxConfig(
      { DATAVERSE_EMULATOR_PORT: '0', CLARITY_EMULATOR_PORT: '0', PORT: '0', SANDBOX_DATA_DIR: dataDir, SANDBOX_LOG_LEVEL: 'silent', SANDBOX_CUSTOMERS: '40' },
      ['--demo'],
    );
    // No response cache: the outage case must reach Clarity, not a cached answer.
    stack = await startDemoStack(config, { buildIfMissing: false, extraEnv: { CONTROL_CACHE_TTL_MS: '0', CONTROL_CLARITY_TIMEOUT_MS: '2000' } });
    const summary = await stack.loaded;
    expect(summary.failed).toEqual([]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  // The demo customer with the most orders among those whose orders have more than one status.
  const pickCustomer = (): { customer: Customer; orders: Order[] } => {
    const customers = stack.sandbox.demo.clarity.customers ?? [];
    const ranked = customers
      .map((customer) => ({ customer, orders: ordersOf(customer.customerId) }))
      .filter((c) => new Set(c.orders.map((o) => o.status)).size > 1)
      .sort((a, b) => b.orders.length - a.orders.length);
    if (!ranked[0]) throw new Error('the demo data has no customer with orders in two statuses');
    return ranked[0];
  };

  it('lists the demo contacts linked to Clarity on the index page', async () => {
    await page.goto(stack.previewUrl);
    await page.waitForSelector('body[data-ready=true]');
    const linked = await page.$$eval('#contacts tbody a', (as) => as.length);
    expect(linked).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('preview', '01-index.png'), fullPage: true });
  });

  it("shows the contact's Clarity orders and loyalty balance", async () => {
    const { customer, orders } = pickCustomer();
    await openForm(customer.customerId);
    await page.waitForSelector('.clarity-order-history .ms-DetailsRow', { timeout: 15_000 });
    expect(await gridOrderNumbers()).toEqual(orders.slice(0, 25).map((o) => o.orderNumber));
    const firstTotal = await page.textContent('.clarity-order-history .ms-DetailsRow .clarity-money');
    expect(firstTotal).toBe(money(Number(orders[0]!.totalPrice), orders[0]!.currency));
    await page.waitForSelector('[data-testid=loyalty-balance]');
    expect(await page.textContent('[data-testid=loyalty-balance]')).toBe(new Intl.NumberFormat('en-US').format(customer.loyaltyPoints));
    expect(await page.textContent('#record-name')).toBe(`${customer.firstName} ${customer.lastName}`);
    await page.screenshot({ path: artifactPath('preview', '02-contact-form.png'), fullPage: true });
  });

  it("opens an order's details with its lines", async () => {
    const { orders } = pickCustomer();
    const order = orders[0]!;
    await page.click(`.clarity-order-history .ms-DetailsRow .ms-Link >> text="${order.orderNumber}"`);
    await page.waitForSelector(`.clarity-details[data-order-id="${order.orderId}"] .clarity-line`, { timeout: 15_000 });
    const lines = await page.$$eval(`.clarity-details[data-order-id="${order.orderId}"] .clarity-line`, (ls) => ls.map((l) => l.textContent ?? ''));
    expect(lines).toHaveLength(order.lineItems.length);
    for (const [i, line] of order.lineItems.entries()) expect(lines[i]).toContain(line.name);
    await page.screenshot({ path: artifactPath('preview', '03-order-details.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.waitForSelector('.clarity-details', { state: 'detached' });
  });

  it('filters the orders by status', async () => {
    const { orders } = pickCustomer();
    const counts = new Map<string, number>();
    for (const o of orders) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    const [status] = [...counts.entries()].sort((a, b) => a[1] - b[1])[0]!; // the rarest status
    const label = status.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
    await page.click('.clarity-filters .ms-Dropdown');
    await page.click(`.ms-Dropdown-item >> text="${label}"`);
    const expected = orders.filter((o) => o.status === status).map((o) => o.orderNumber);
    await page.waitForFunction(`document.querySelectorAll('.clarity-order-history .ms-DetailsRow').length === ${expected.length}`, undefined, { timeout: 15_000 });
    expect(await gridOrderNumbers()).toEqual(expected);
    const statuses = await page.$$eval('.clarity-order-history .ms-DetailsRow [data-status]', (b) => b.map((x) => x.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set([status]));
    await page.screenshot({ path: artifactPath('preview', '04-filtered.png'), fullPage: true });
  });

  it("runs the solution's Resync with Clarity command and reports the outcome on the form", async () => {
    await page.click('#cmd-resync');
    await page.waitForSelector('#form-notification.success', { timeout: 20_000 });
    expect(await page.textContent('#form-notification')).toBe('Resynced with Clarity.');
  });

  it('shows the German strings when the user works in German', async () => {
    await page.selectOption('#opt-language', '1031');
    await page.waitForSelector('.clarity-order-history .ms-DetailsHeader >> text=Datum');
  });

  it('shows "Clarity unavailable" with a retry when Clarity is down, and recovers', async () => {
    const { customer: busiest } = pickCustomer();
    const other = (stack.sandbox.demo.clarity.customers ?? []).find((c) => c.customerId !== busiest.customerId && ordersOf(c.customerId).length > 0)!;
    await addFaults(stack.sandbox.clarityUrl, [{ id: 'outage', path: '/api/v1', errorRate: 1, errorStatus: 503 }]);
    try {
      await openForm(other.customerId);
      await page.waitForSelector('.clarity-order-history [data-state=unavailable]', { timeout: 20_000 });
      await page.waitForSelector('.clarity-loyalty [data-state=unavailable], [data-control=LoyaltyCard] [data-state=unavailable]', { timeout: 20_000 });
      expect(await page.textContent('.clarity-order-history [data-state=unavailable]')).toContain('Clarity is unavailable right now');
      await page.screenshot({ path: artifactPath('preview', '05-clarity-unavailable.png'), fullPage: true });
    } finally {
      await fetch(`${stack.sandbox.clarityUrl}/_sandbox/faults`, { method: 'DELETE' });
    }
    await page.click('.clarity-order-history .clarity-retry');
    await page.waitForSelector('.clarity-order-history .ms-DetailsRow', { timeout: 15_000 });
    expect(await gridOrderNumbers()).toEqual(ordersOf(other.customerId).slice(0, 25).map((o) => o.orderNumber));
  });

  it('raised no script errors in the page', () => {
    expect(errors).toEqual([]);
  });
}, notBuilt);
