import { TIERS } from '../../../sandbox/src/demo/loyalty';
import { LOYALTY_TIERS, tierProgress } from './loyalty-tiers';

describe('tierProgress', () => {
  it('places lifetime points on the ladder with the distance and progress to the next tier', () => {
    expect(tierProgress(0)).toEqual({ tier: 'bronze', nextTier: 'silver', pointsToNextTier: 500, progress: 0 });
    expect(tierProgress(250)).toEqual({ tier: 'bronze', nextTier: 'silver', pointsToNextTier: 250, progress: 0.5 });
    expect(tierProgress(500)).toEqual({ tier: 'silver', nextTier: 'gold', pointsToNextTier: 1000, progress: 0 });
    expect(tierProgress(1000)).toEqual({ tier: 'silver', nextTier: 'gold', pointsToNextTier: 500, progress: 0.5 });
    expect(tierProgress(7000)).toEqual({ tier: 'platinum', nextTier: null, pointsToNextTier: 0, progress: 1 });
  });

  it('matches the demo ladder (sandbox/src/demo/loyalty.ts)', () => {
    expect(LOYALTY_TIERS.map(([n, m]) => [n, m])).toEqual(TIERS.map(([n, m]) => [n, m]));
  });
});
