/** @jest-environment jsdom */
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { setIconOptions } from '@fluentui/react';
import { intlFormatter } from '../../shared/format';
import { FakeControlApi } from '../../shared/testing/FakeControlApi';
import type { LoyaltySummary } from '../../shared/types';
import { LOYALTY_CARD_STRINGS } from '../strings';
import { LoyaltyCard, type LoyaltyCardProps } from './LoyaltyCard';

setIconOptions({ disableWarnings: true });
const format = intlFormatter('en-US', 'UTC');
const CONTACT = '11111111-2222-3333-4444-555555555555';

const summary = (over: Partial<LoyaltySummary> = {}): LoyaltySummary => ({
  linked: true,
  balance: 1250,
  tier: 'silver',
  nextTier: 'gold',
  pointsToNextTier: 250,
  progress: 0.75,
  recent: [
    { transactionId: 't1', pointsChange: 100, balanceAfter: 1250, reason: 'purchase', description: 'Order CL-1', createdAt: '2026-11-01T10:00:00Z' },
    { transactionId: 't2', pointsChange: -50, balanceAfter: 1150, reason: 'redemption', description: null, createdAt: '2026-11-02T10:00:00Z' },
    { transactionId: 't3', pointsChange: 10, balanceAfter: 1200, reason: 'bonus', description: 'Welcome', createdAt: '2026-10-01T10:00:00Z' },
  ],
  ...over,
});

function setup(api: FakeControlApi, extra: Partial<LoyaltyCardProps> = {}) {
  return render(<LoyaltyCard entity="contact" recordId={CONTACT} api={api} format={format} strings={LOYALTY_CARD_STRINGS} {...extra} />);
}

function apiWith(s: LoyaltySummary | null): FakeControlApi {
  const api = new FakeControlApi();
  api.loyalty = s;
  return api;
}

describe('LoyaltyCard', () => {
  it('shows a spinner, then balance, tier, progress to the next tier and the latest transactions newest first', async () => {
    const api = apiWith(summary()).hold();
    const { container } = setup(api, { recentCount: 2 });
    expect(screen.getByText('Loading…')).toBeTruthy();
    await act(async () => api.release());
    expect((await screen.findByTestId('loyalty-balance')).textContent).toBe('1,250');
    expect(screen.getByText('Silver')).toBeTruthy();
    expect(screen.getAllByText('250 points to Gold').length).toBeGreaterThan(0);
    const bar = container.querySelector('.ms-ProgressIndicator-progressBar') as HTMLElement;
    expect(bar.style.width).toBe('75%');
    const items = Array.from(container.querySelectorAll('.clarity-loyalty-recent li')).map((li) => li.textContent);
    expect(items).toEqual(['−50redemptionNov 2, 2026', '+100Order CL-1Nov 1, 2026']);
    expect(api.calls[0]).toEqual({ method: 'getLoyalty', args: [CONTACT] });
  });

  it('shows a full bar and "top tier" at the top of the ladder', async () => {
    const { container } = setup(apiWith(summary({ tier: 'platinum', nextTier: null, pointsToNextTier: 0, progress: 1 })));
    await screen.findAllByText('Top tier reached');
    expect((container.querySelector('.ms-ProgressIndicator-progressBar') as HTMLElement).style.width).toBe('100%');
  });

  it('shows "no transactions yet"', async () => {
    setup(apiWith(summary({ recent: [] })));
    await screen.findByText('No transactions yet.');
  });

  it('not linked, Clarity unavailable (with retry), generic error with retry', async () => {
    const first = setup(apiWith(null));
    await screen.findByText(LOYALTY_CARD_STRINGS.State_NotLinked);
    first.unmount();
    const second = setup(apiWith(summary()).failNext('unavailable'));
    await screen.findByText(LOYALTY_CARD_STRINGS.State_Unavailable);
    fireEvent.click(screen.getByText('Retry'));
    await screen.findByTestId('loyalty-balance');
    second.unmount();
    setup(apiWith(summary()).failNext('unknown'));
    await screen.findByText(LOYALTY_CARD_STRINGS.State_Error);
  });

  it('sign-in required: a "Sign in to Clarity" button opens the sign-in, then the card loads; no button without interactive sign-in', async () => {
    const api = apiWith(summary()).failNext('signInRequired');
    let finish!: () => void;
    api.signIn = jest.fn(() => new Promise<void>((r) => (finish = r)));
    const first = setup(api);
    await screen.findByText(LOYALTY_CARD_STRINGS.State_SignInRequired);
    expect(screen.queryByText('Retry')).toBeNull();
    fireEvent.click(screen.getByText('Sign in to Clarity'));
    expect(api.signIn).toHaveBeenCalledTimes(1);
    expect((screen.getByText('Sign in to Clarity').closest('button') as HTMLButtonElement).disabled).toBe(true); // no second pop-up
    await act(async () => finish());
    await screen.findByTestId('loyalty-balance');
    expect(api.calls.map((c) => c.method)).toEqual(['getLoyalty', 'getLoyalty']);
    first.unmount();

    const closed = apiWith(summary()).failNext('signInRequired');
    closed.signIn = jest.fn(async () => Promise.reject(new Error('user_cancelled')));
    const second = setup(closed);
    fireEvent.click(await screen.findByText('Sign in to Clarity'));
    await waitFor(() => expect((screen.getByText('Sign in to Clarity').closest('button') as HTMLButtonElement).disabled).toBe(false));
    expect(closed.calls).toHaveLength(1); // a closed pop-up does not retry
    second.unmount();

    setup(apiWith(summary()).failNext('signInRequired'));
    await screen.findByText(LOYALTY_CARD_STRINGS.State_SignInRequired);
    expect(screen.queryByText('Sign in to Clarity')).toBeNull();
  });

  it('on an account form or an unsaved record it explains instead of calling the proxy', () => {
    const api = apiWith(summary());
    const { unmount } = setup(api, { entity: 'account' });
    expect(screen.getByText(LOYALTY_CARD_STRINGS.Loyalty_ContactOnly)).toBeTruthy();
    unmount();
    setup(api, { recordId: null });
    expect(screen.getByText(LOYALTY_CARD_STRINGS.State_NoRecord)).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });

  it('is marked read-only on a disabled form', async () => {
    const { container } = setup(apiWith(summary()), { disabled: true });
    await screen.findByTestId('loyalty-balance');
    expect(container.querySelector('.clarity-loyalty-card.clarity-readonly')).toBeTruthy();
  });
});
