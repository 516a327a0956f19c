/** @jest-environment jsdom */
import { render, screen, waitFor, within } from '@testing-library/react';
import { setIconOptions } from '@fluentui/react';
import { mockContext, textParam } from '../shared/testing/mockContext';
import { sampleOrders } from '../shared/testing/FakeControlApi';
import type { OrderHistoryProps } from './components/OrderHistory';
import { OrderHistory } from './index';

setIconOptions({ disableWarnings: true });

type FetchCall = { url: string; headers: Record<string, string> };

function installFetch(): FetchCall[] {
  const calls: FetchCall[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const body = url.endsWith('/token') ? { access_token: 'preview-token', expires_in: 3600 } : { linked: true, orders: sampleOrders(2), nextCursor: null };
    return { ok: true, status: 200, json: async () => body } as Response;
  }) as typeof fetch;
  return calls;
}

const ENV = [{ schemaname: 'clar_ProxyBaseUrl', defaultvalue: 'https://proxy.contoso.test', environmentvariabledefinition_environmentvariablevalue: [] }];

describe('OrderHistory control lifecycle (index.ts)', () => {
  it('init → updateView maps the context to props, renders through the proxy, honours disabled; destroy stops calls', async () => {
    const calls = installFetch();
    const mock = mockContext({
      entityTypeName: 'account',
      entityId: '{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}',
      parameters: { hostField: textParam('x'), proxyBaseUrl: textParam(null), tokenUrl: textParam('http://localhost:3000/token'), pageSize: { raw: 500 } },
      strings: { Col_Order: 'Bestellung' },
      envRecords: ENV,
    });
    const control = new OrderHistory();
    control.init(mock.context as never);

    const element = control.updateView(mock.context as never);
    const props = element.props as OrderHistoryProps;
    expect(props).toMatchObject({ entity: 'account', recordId: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE', disabled: false, pageSize: 100 });
    expect(props.strings.Col_Order).toBe('Bestellung'); // from the resx (context.resources)
    expect(props.strings.Col_Date).toBe('Date'); // missing in the resx: English default

    const view = render(element);
    await screen.findByText('CL-100001');
    expect(screen.getByText('Bestellung')).toBeTruthy();
    const firstRow = screen.getAllByRole('row').find((r) => within(r).queryByText('CL-100001'))!;
    const cells = within(firstRow).getAllByRole('gridcell').map((c) => c.textContent);
    expect(cells[1]).toBe('2026-11-01'); // context.formatting.formatDateShort
    expect(cells[3]).toBe('#1'); // context.formatting.formatInteger
    expect(calls.map((c) => c.url)).toEqual([
      'http://localhost:3000/token',
      'https://proxy.contoso.test/api/control/accounts/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/orders?sort=-createdAt&limit=100',
    ]);
    expect(calls[1]!.headers.Authorization).toBe('Bearer preview-token');
    expect(mock.webApiCalls[0]!.entity).toBe('environmentvariabledefinition');
    expect(mock.webApiCalls[0]!.options).toContain('$expand=environmentvariabledefinition_environmentvariablevalue');

    mock.set({ disabled: true });
    view.rerender(control.updateView(mock.context as never));
    await waitFor(() => expect(view.container.querySelector('.clarity-readonly')).toBeTruthy());
    expect(control.getOutputs()).toEqual({});

    const api = (control.updateView(mock.context as never).props as OrderHistoryProps).api;
    control.destroy();
    view.unmount();
    await expect(api.listOrders('account', 'x', {})).rejects.toThrow();
  });

  it('without a token URL it signs in with MSAL, and without its environment variables shows "not configured" instead of calling the proxy', async () => {
    const calls = installFetch();
    const mock = mockContext({ parameters: { proxyBaseUrl: textParam('https://override.test'), tokenUrl: textParam(null) }, envRecords: ENV });
    const control = new OrderHistory();
    control.init(mock.context as never);
    render(control.updateView(mock.context as never));
    await screen.findByText('The Clarity connector is not configured for this environment.');
    expect(calls).toHaveLength(0);
    control.destroy();
  });
});
