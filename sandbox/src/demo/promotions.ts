/**
 * A handful of promotions covering every discount type of spec §4.4. `usageCount` is filled in after
 * the orders exist, so it equals the number of orders that carry the promotion.
 */
import type { Promotion } from '../clarity/types';
import { DAY_MS, iso } from './time';

export type PromotionKey = 'SAVE10' | 'WELCOME5' | 'FREESHIP' | 'BULK15' | 'BOGO' | 'SPRING20';

export function generatePromotions(nowMs: number): Map<PromotionKey, Promotion> {
  const at = (days: number): string => iso(nowMs - days * DAY_MS);
  const base = { usageCount: 0, version: 1 } as const;
  const list: Promotion[] = [
    { ...base, promotionId: 'prm_001', code: 'SAVE10', title: '10% off everything', type: 'percentage', value: '10', active: true, startsAt: at(740), createdAt: at(745), updatedAt: at(745) },
    { ...base, promotionId: 'prm_002', code: 'WELCOME5', title: '$5 off your first order', type: 'fixed_amount', value: '5.00', currency: 'USD', active: true, startsAt: at(740), createdAt: at(745), updatedAt: at(400), version: 2 },
    { ...base, promotionId: 'prm_003', code: 'FREESHIP', title: 'Free standard shipping', type: 'free_shipping', value: '0', active: true, startsAt: at(730), createdAt: at(731), updatedAt: at(731) },
    { ...base, promotionId: 'prm_004', code: 'BULK15', title: '15% off business orders', type: 'percentage', value: '15', active: true, startsAt: at(700), createdAt: at(701), updatedAt: at(300), version: 3 },
    { ...base, promotionId: 'prm_005', code: 'BOGO', title: 'Buy 2, get 1 free', type: 'buy_x_get_y', value: '1', active: true, startsAt: at(365), createdAt: at(366), updatedAt: at(366) },
    { ...base, promotionId: 'prm_006', code: 'SPRING20', title: 'Spring sale 20% off', type: 'percentage', value: '20', active: false, startsAt: at(600), endsAt: at(560), createdAt: at(610), updatedAt: at(559), version: 2 },
  ];
  return new Map(list.map((p) => [p.code as PromotionKey, p]));
}

/** Whether a promotion could have applied to an order placed at `ms`. */
export function runsAt(p: Promotion, ms: number): boolean {
  return (!p.startsAt || Date.parse(p.startsAt) <= ms) && (!p.endsAt || ms <= Date.parse(p.endsAt));
}
