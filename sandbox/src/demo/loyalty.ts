/**
 * Loyalty ledgers (spec §4.12). The balance changes only through ledger entries, so each customer's
 * entries are replayed in time order and `loyaltyPoints` is whatever the last `balanceAfter` is.
 * Tiers follow lifetime points earned (never reduced by redemptions).
 */
import type { Customer, LoyaltyTransaction, Order, Return } from '../clarity/types';
import { toCents } from './cents';
import type { Rng } from './prng';
import { DAY_MS, iso } from './time';

export const TIERS = [['platinum', 5000], ['gold', 1500], ['silver', 500], ['bronze', 0]] as const;
const EARNING = new Set(['shipped', 'ready_for_pickup', 'completed']);

export function tierFor(lifetime: number): string {
  return TIERS.find(([, min]) => lifetime >= min)![0];
}

interface Step { ms: number; kind: 'order' | 'return' | 'adjust'; order?: Order; ret?: Return }

export class LoyaltyLedger {
  readonly transactions: LoyaltyTransaction[] = [];
  constructor(private readonly rng: Rng, private readonly nowMs: number) {}

  /** Appends this customer's ledger and sets `loyaltyPoints`, `loyaltyTier`, `updatedAt`, `version`. */
  apply(customer: Customer, createdMs: number, orders: readonly Order[], returns: readonly Return[]): void {
    const { rng } = this;
    const cid = customer.customerId;
    let balance = 0;
    let lifetime = 0;
    let entries = 0;
    let lastMs = createdMs;
    const add = (ms: number, change: number, reason: LoyaltyTransaction['reason'], description: string, referenceId?: string) => {
      if (change === 0) return;
      balance += change;
      if (change > 0) lifetime += change;
      entries++;
      lastMs = Math.max(lastMs, ms); // entries never go back in time, even when two land together
      this.transactions.push({
        transactionId: `ltx_${String(this.transactions.length + 1).padStart(8, '0')}`, customerId: cid,
        pointsChange: change, balanceAfter: balance, reason, description,
        ...(referenceId ? { referenceId } : {}), createdAt: iso(lastMs),
      });
    };
    // Points left untouched for a year expire (checked lazily before each later entry).
    const expireBefore = (ms: number) => {
      const expiry = lastMs + 365 * DAY_MS;
      if (balance > 0 && expiry < ms) add(expiry, -balance, 'expiry', 'Points expired after 12 months without activity');
    };

    if (customer.accountStatus !== 'pending' && rng.chance(0.5)) add(createdMs + 60_000, 100, 'promotion', 'Welcome bonus');
    const steps: Step[] = orders.filter((o) => EARNING.has(o.status)).map((o) => ({ ms: Date.parse(o.createdAt) + 60_000, kind: 'order', order: o }));
    for (const r of returns) if (r.status === 'refunded') steps.push({ ms: Date.parse(r.updatedAt), kind: 'return', ret: r });
    if (rng.chance(0.05)) steps.push({ ms: createdMs + Math.floor(rng.float() * (this.nowMs - createdMs)), kind: 'adjust' });
    steps.sort((a, b) => a.ms - b.ms);

    for (const s of steps) {
      expireBefore(s.ms);
      if (s.kind === 'order') {
        const o = s.order!;
        // Points spent at checkout are recorded against that order, before it earns.
        if (balance >= 500 && rng.chance(0.25)) {
          const spend = 500 * rng.int(1, Math.floor(balance / 500));
          add(s.ms - 30_000, -spend, 'redemption', `Redeemed ${spend} points`, o.orderId);
        }
        const earned = Math.floor(toCents(o.totalPrice) / 100); // one point per whole currency unit
        add(s.ms, earned, 'purchase', `Order ${o.orderNumber}`, o.orderId);
        if (rng.chance(0.05)) add(s.ms + 1000, earned, 'promotion', 'Double points event', o.orderId);
      } else if (s.kind === 'return') {
        const lost = Math.min(balance, Math.floor(toCents(s.ret!.refundAmount ?? '0') / 100));
        add(s.ms, -lost, 'return', `Return ${s.ret!.returnNumber ?? s.ret!.returnId}`, s.ret!.orderId);
      } else {
        const change = rng.chance(0.7) ? rng.pick([50, 100, 250]) : -Math.min(balance, rng.pick([25, 50]));
        add(s.ms, change, 'adjustment', change > 0 ? 'Goodwill credit from customer service' : 'Correction of duplicate credit');
      }
    }
    expireBefore(this.nowMs);

    customer.loyaltyPoints = balance;
    customer.loyaltyTier = tierFor(lifetime);
    // A profile edit now and then, besides the balance changes that each bump the version.
    const edits = rng.chance(0.3) ? rng.int(1, 3) : 0;
    const editMs = edits ? createdMs + Math.floor(rng.float() * (this.nowMs - createdMs)) : createdMs;
    customer.updatedAt = iso(Math.max(lastMs, editMs));
    customer.version = 1 + entries + edits;
  }
}
