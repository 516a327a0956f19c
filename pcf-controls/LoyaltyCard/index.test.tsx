/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { setIconOptions } from '@fluentui/react';
import { mockContext, textParam } from '../shared/testing/mockContext';
import type { LoyaltyCardProps } from './components/LoyaltyCard';
import { LoyaltyCard } from './index';

setIconOptions({ disableWarnings: true });

describe('LoyaltyCard control lifecycle (index.ts)', () => {
  it('init → updateView → render → destroy with a mocked context', async () => {
    const urls: string[] = [];
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      urls.push(String(input));
      const body = String(input).endsWith('/token')
        ? { token: 't' }
        : { linked: true, balance: 1250, tier: 'silver', nextTier: 'gold', pointsToNextTier: 250, progress: 0.75, recent: [] };
      return { ok: true, status: 200, json: async () => body } as Response;
    }) as typeof fetch;
    const mock = mockContext({
      entityId: '{11111111-2222-3333-4444-555555555555}',
      languageId: 1031,
      parameters: { proxyBaseUrl: textParam('https://proxy.test/'), tokenUrl: textParam('http://localhost:3000/token'), recentCount: { raw: null } },
      strings: { Loyalty_Balance: 'Punktestand', Tier_silver: 'Silber' },
    });
    const control = new LoyaltyCard();
    control.init(mock.context as never);
    const element = control.updateView(mock.context as never);
    expect(element.props as LoyaltyCardProps).toMatchObject({ entity: 'contact', recordId: '11111111-2222-3333-4444-555555555555', recentCount: 5, disabled: false });
    render(element);
    expect((await screen.findByTestId('loyalty-balance')).textContent).toBe('#1250');
    expect(screen.getByText('Punktestand')).toBeTruthy();
    expect(screen.getByText('Silber')).toBeTruthy();
    expect(urls).toEqual(['http://localhost:3000/token', 'https://proxy.test/api/control/contacts/11111111-2222-3333-4444-555555555555/loyalty']);
    expect(mock.webApiCalls).toHaveLength(0); // the input override wins; no environment-variable read needed
    mock.set({ disabled: true });
    expect((control.updateView(mock.context as never).props as LoyaltyCardProps).disabled).toBe(true);
    control.destroy();
  });
});
