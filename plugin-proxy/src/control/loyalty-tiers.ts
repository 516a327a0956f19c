/**
 * The loyalty ladder the LoyaltyCard shows progress on: tiers by lifetime points earned (redemptions do not
 * lower them), highest first. The same ladder as the sandbox demo (sandbox/src/demo/loyalty.ts TIERS); a store
 * with another ladder changes this one constant.
 */
export const LOYALTY_TIERS: ReadonlyArray<readonly [name: string, minLifetimePoints: number]> = [
  ['platinum', 5000],
  ['gold', 1500],
  ['silver', 500],
  ['bronze', 0],
];

export interface TierProgress {
  tier: string;
  nextTier: string | null;
  pointsToNextTier: number;
  /** 0–1 from the current tier's threshold to the next one's; 1 at the top tier. */
  progress: number;
}

export function tierProgress(lifetimePoints: number, ladder = LOYALTY_TIERS): TierProgress {
  const points = Math.max(0, lifetimePoints);
  const i = ladder.findIndex(([, min]) => points >= min);
  const index = i === -1 ? ladder.length - 1 : i;
  const [tier, min] = ladder[index]!;
  const next = index > 0 ? ladder[index - 1]! : undefined;
  if (!next) return { tier, nextTier: null, pointsToNextTier: 0, progress: 1 };
  const span = next[1] - min;
  return { tier, nextTier: next[0], pointsToNextTier: next[1] - points, progress: Math.min(1, Math.max(0, Math.round(((points - min) / span) * 1000) / 1000)) };
}
