import type { LoyaltyTransaction } from '../clarity/types';
import { sample } from './demo.fixture';
import { tierFor } from './loyalty';

describe('loyalty ledgers (spec §4.12)', () => {
  const d = sample().clarity;
  const ledgers = new Map<string, LoyaltyTransaction[]>();
  for (const t of d.loyaltyTransactions!) ledgers.set(t.customerId, [...(ledgers.get(t.customerId) ?? []), t]);
  const orderIds = new Set(d.orders!.map((o) => o.orderId));

  test('each ledger is a running sum that ends at the customer balance and never goes negative', () => {
    for (const c of d.customers!) {
      let balance = 0;
      let lifetime = 0;
      let prev = '';
      for (const t of ledgers.get(c.customerId) ?? []) {
        balance += t.pointsChange;
        if (t.pointsChange > 0) lifetime += t.pointsChange;
        expect(t.balanceAfter).toBe(balance);
        expect(balance).toBeGreaterThanOrEqual(0);
        expect(t.createdAt >= prev).toBe(true);
        expect(t.createdAt >= c.createdAt).toBe(true);
        prev = t.createdAt;
      }
      expect(c.loyaltyPoints).toBe(balance);
      expect(c.loyaltyTier).toBe(tierFor(lifetime));
      expect(c.updatedAt >= prev).toBe(true);
    }
  });

  test('purchases and redemptions reference orders; every reason and tier occurs', () => {
    const reasons = new Set(d.loyaltyTransactions!.map((t) => t.reason));
    for (const r of ['purchase', 'redemption', 'adjustment', 'promotion', 'return', 'expiry']) expect(reasons).toContain(r);
    for (const t of d.loyaltyTransactions!) {
      if (t.reason === 'purchase' || t.reason === 'redemption') expect(orderIds.has(t.referenceId!)).toBe(true);
      expect(Number.isInteger(t.pointsChange)).toBe(true);
    }
    expect(new Set(d.customers!.map((c) => c.loyaltyTier))).toEqual(new Set(['bronze', 'silver', 'gold', 'platinum']));
  });

  test('tiers follow lifetime points', () => {
    expect([tierFor(0), tierFor(499), tierFor(500), tierFor(1500), tierFor(5000)]).toEqual(['bronze', 'bronze', 'silver', 'gold', 'platinum']);
  });
});
