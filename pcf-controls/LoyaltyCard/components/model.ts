/** Pure helpers of the loyalty card: progress and captions. */
import type { LoyaltySummary, LoyaltyTransaction } from '../../shared/types';

/** 0–1 for the ProgressIndicator; null data (unlinked) and out-of-range values are clamped. */
export function progressValue(s: Pick<LoyaltySummary, 'progress' | 'nextTier'>): number {
  if (!s.nextTier) return 1;
  const p = s.progress ?? 0;
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

/** `gold` → `Gold`; resx labels win when present. */
export function tierLabel(tier: string | null, labels: Readonly<Record<string, string>>): string {
  if (!tier) return '';
  return labels[`Tier_${tier}`] ?? tier.charAt(0).toUpperCase() + tier.slice(1);
}

export function latest(recent: readonly LoyaltyTransaction[], count: number): LoyaltyTransaction[] {
  return [...recent].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, Math.max(0, count));
}

export function signed(points: number, integer: (n: number) => string): string {
  return points > 0 ? `+${integer(points)}` : points < 0 ? `−${integer(-points)}` : integer(0);
}
