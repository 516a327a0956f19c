import { latest, progressValue, signed, tierLabel } from './model';

describe('loyalty model', () => {
  it('clamps progress and is full at the top tier', () => {
    expect(progressValue({ progress: 0.4, nextTier: 'gold' })).toBe(0.4);
    expect(progressValue({ progress: 1.7, nextTier: 'gold' })).toBe(1);
    expect(progressValue({ progress: -1, nextTier: 'gold' })).toBe(0);
    expect(progressValue({ progress: null, nextTier: 'gold' })).toBe(0);
    expect(progressValue({ progress: 0.2, nextTier: null })).toBe(1);
  });

  it('labels tiers from the resx, else capitalised', () => {
    expect(tierLabel('gold', { Tier_gold: 'Gold' })).toBe('Gold');
    expect(tierLabel('diamond', {})).toBe('Diamond');
    expect(tierLabel(null, {})).toBe('');
  });

  it('keeps the newest N transactions and signs point changes', () => {
    const t = (id: string, createdAt: string) => ({ transactionId: id, pointsChange: 1, balanceAfter: 1, reason: 'r', description: null, createdAt });
    expect(latest([t('a', '2026-01-01'), t('b', '2026-03-01'), t('c', '2026-02-01')], 2).map((x) => x.transactionId)).toEqual(['b', 'c']);
    const int = (n: number) => String(n);
    expect([signed(5, int), signed(-5, int), signed(0, int)]).toEqual(['+5', '−5', '0']);
  });
});
