/** @jest-environment jsdom */
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { intlFormatter } from '../../shared/format';
import { FakeControlApi, sampleDetails, sampleOrders } from '../../shared/testing/FakeControlApi';
import { ORDER_HISTORY_STRINGS } from '../strings';
import { OrderHistory, type OrderHistoryProps } from './OrderHistory';
import { setIconOptions } from '@fluentui/react';

// Icon fonts come from a CDN at run time; tests do not register them.
setIconOptions({ disableWarnings: true });

const format = intlFormatter('en-US', 'UTC');
const RECORD = '11111111-2222-3333-4444-555555555555';

function setup(api: FakeControlApi, extra: Partial<OrderHistoryProps> = {}) {
  const props: OrderHistoryProps = { entity: 'contact', recordId: RECORD, api, format, strings: ORDER_HISTORY_STRINGS, pageSize: 10, ...extra };
  return render(<OrderHistory {...props} />);
}

const dataRows = () => screen.queryAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1' && within(r).queryAllByRole('gridcell').length > 0);
const orderNumbers = () => dataRows().map((r) => within(r).getAllByRole('gridcell')[0]!.textContent);

function withOrders(n: number): FakeControlApi {
  const api = new FakeControlApi();
  api.orders = sampleOrders(n);
  for (const o of api.orders) api.details.set(o.orderId, sampleDetails(o));
  return api;
}

describe('OrderHistory', () => {
  it('shows a spinner while loading, then rows with date, status badge, items and total in the order currency', async () => {
    const api = withOrders(3).hold();
    setup(api);
    expect(screen.getByText('Loading…')).toBeTruthy();
    await act(async () => api.release());
    await screen.findByText('CL-100001');
    expect(orderNumbers()).toEqual(['CL-100001', 'CL-100002', 'CL-100003']);
    const first = within(dataRows()[0]!).getAllByRole('gridcell').map((c) => c.textContent);
    expect(first).toEqual(['CL-100001', 'Nov 1, 2026', 'Completed', '1', '€19.99']);
    expect(dataRows()[0]!.querySelector('.clarity-badge-success')).toBeTruthy();
    expect(api.calls[0]).toEqual({ method: 'listOrders', args: ['contact', RECORD, { sort: '-createdAt', limit: 10 }] });
  });

  it('works for accounts too', async () => {
    const api = withOrders(1);
    setup(api, { entity: 'account' });
    await screen.findByText('CL-100001');
    expect(api.calls[0]!.args[0]).toBe('account');
  });

  it('loads more through nextCursor', async () => {
    setup(withOrders(15));
    await screen.findByText('CL-100001');
    expect(screen.getByText('10 orders shown')).toBeTruthy();
    fireEvent.click(screen.getByText('Load more'));
    await screen.findByText('15 orders shown');
    expect(screen.queryByText('Load more')).toBeNull();
  });

  it('a filter change during "load more" drops that page and keeps paging the new list', async () => {
    const api = withOrders(25);
    setup(api, { pageSize: 5 });
    await screen.findByText('CL-100001');
    api.hold();
    fireEvent.click(screen.getByText('Load more'));
    fireEvent.click(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: 'Completed' }));
    await act(async () => api.release());
    await waitFor(() => expect(orderNumbers()).toEqual(['CL-100001', 'CL-100005', 'CL-100009', 'CL-100013', 'CL-100017']));
    expect(screen.getByText('Load more')).toBeTruthy();
    fireEvent.click(screen.getByText('Load more'));
    await screen.findByText('7 orders shown');
  });

  it('sorts by date on the server and by total on the loaded rows', async () => {
    const api = withOrders(4);
    setup(api);
    await screen.findByText('CL-100001');
    fireEvent.click(screen.getByText('Date'));
    await waitFor(() => expect(orderNumbers()).toEqual(['CL-100004', 'CL-100003', 'CL-100002', 'CL-100001']));
    expect(api.calls.at(-1)!.args[2]).toMatchObject({ sort: 'createdAt' });
    const before = api.calls.length;
    fireEvent.click(screen.getByText('Total'));
    // totals 19.99, 39.98, 59.97, 79.96 for orders 1..4: descending first
    await waitFor(() => expect(orderNumbers()).toEqual(['CL-100004', 'CL-100003', 'CL-100002', 'CL-100001']));
    fireEvent.click(screen.getByText('Total'));
    await waitFor(() => expect(orderNumbers()).toEqual(['CL-100001', 'CL-100002', 'CL-100003', 'CL-100004']));
    expect(api.calls.length).toBe(before + 1); // leaving the ascending date sort refetches newest-first, once
  });

  it('filters by status and by an inclusive date range', async () => {
    const api = withOrders(8);
    setup(api);
    await screen.findByText('CL-100001');
    fireEvent.click(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: 'Shipped' }));
    await waitFor(() => expect(orderNumbers()).toEqual(['CL-100002', 'CL-100006']));
    expect(api.calls.at(-1)!.args[2]).toMatchObject({ status: 'shipped' });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-28' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-10-31' } });
    await waitFor(() => expect(orderNumbers()).toEqual(['CL-100002']));
    expect(api.calls.at(-1)!.args[2]).toMatchObject({ status: 'shipped', from: '2026-10-28', to: '2026-11-01' });
    fireEvent.click(screen.getByText('Clear filters'));
    await waitFor(() => expect(orderNumbers()).toHaveLength(8));
  });

  it('opens a details panel with lines, shipments (tracking link in a new tab), payments and returns', async () => {
    setup(withOrders(2));
    await screen.findByText('CL-100002');
    fireEvent.click(screen.getByText('CL-100002'));
    await screen.findByText('Order CL-100002');
    const link = (await screen.findByText('Track 1Z999')).closest('a')!;
    expect(link.getAttribute('href')).toBe('https://track.example.com/1Z999');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(screen.getByText(/2 × Trail shoe \(SKU-1\)/)).toBeTruthy();
    expect(screen.getByText(/Card · \$39\.98 · Captured/)).toBeTruthy();
    expect(screen.getByText(/R-1 · Requested · too small/)).toBeTruthy();
  });

  it('shows the empty state', async () => {
    setup(withOrders(0));
    await screen.findByText('No orders match.');
  });

  it('shows an error with a retry that reloads', async () => {
    const api = withOrders(2).failNext('network');
    setup(api);
    await screen.findByText(ORDER_HISTORY_STRINGS.State_Error);
    fireEvent.click(screen.getByText('Retry'));
    await screen.findByText('CL-100001');
  });

  it('shows "not linked" without a retry, and "Clarity unavailable" with one', async () => {
    const unlinked = withOrders(1);
    unlinked.linked = false;
    const { unmount } = setup(unlinked);
    await screen.findByText(ORDER_HISTORY_STRINGS.State_NotLinked);
    expect(screen.queryByText('Retry')).toBeNull();
    unmount();
    setup(withOrders(1).failNext('unavailable'));
    await screen.findByText(ORDER_HISTORY_STRINGS.State_Unavailable);
    expect(screen.getByText('Retry')).toBeTruthy();
  });

  it('asks to save a new record instead of calling the proxy', () => {
    const api = withOrders(1);
    setup(api, { recordId: null });
    expect(screen.getByText(ORDER_HISTORY_STRINGS.State_NoRecord)).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });

  it('is read-only on a disabled form: filters and sorting locked, details still open', async () => {
    const api = withOrders(3);
    const { container } = setup(api, { disabled: true });
    await screen.findByText('CL-100001');
    expect(container.querySelector('.clarity-readonly')).toBeTruthy();
    expect((screen.getByLabelText('From') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByText('Date'));
    expect(api.calls).toHaveLength(1);
    fireEvent.click(screen.getByText('CL-100001'));
    await screen.findByText('Order CL-100001');
  });

  it('renders only a window of a 1,000-order list (virtualized)', async () => {
    setup(withOrders(1000), { pageSize: 1000 });
    await screen.findByText('CL-100001');
    expect(screen.getByText('1000 orders shown')).toBeTruthy();
    const rendered = dataRows().length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
  });
});
