/** GET /api/control/contacts/:id/loyalty — the LoyaltyCard control: balance, tier ladder progress, last entries. */
import type { FastifyInstance } from 'fastify';
import type { LoyaltyTransaction } from '../clients/clarity';
import { customerOfContact } from './customers-of';
import type { RouteDeps } from './deps';
import { tierProgress } from './loyalty-tiers';
import { parseOr400, recordParams } from './params';
import { withDeadline } from './upstream';
import { ledgerEntry } from './views';

const RECENT = 10;
/** Lifetime points come from the ledger; a ledger longer than this counts its newest entries only. */
const MAX_LEDGER = 5000;

export function contactLoyaltyRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/contacts/:id/loyalty', async (req) => {
    const { id } = parseOr400(recordParams, req.params, 'contact id');
    const customerId = await customerOfContact(deps.store, id);
    if (!customerId) return { linked: false, balance: null, tier: null, nextTier: null, pointsToNextTier: null, progress: null, recent: [] };
    return deps.cache.get(`loyalty:${customerId}`, () =>
      withDeadline('Clarity', deps.timeoutMs, async () => {
        const customer = await deps.clarity.getCustomer(customerId);
        // The link outlived the customer (deleted in Clarity): show it as not linked rather than fail.
        if (!customer) return { linked: false, balance: null, tier: null, nextTier: null, pointsToNextTier: null, progress: null, recent: [] };
        const ledger: LoyaltyTransaction[] = [];
        for await (const t of deps.clarity.listLoyaltyTransactions(customerId, { sort: '-createdAt', limit: 250 })) {
          ledger.push(t);
          if (ledger.length >= MAX_LEDGER) break;
        }
        const lifetimePoints = ledger.reduce((sum, t) => sum + Math.max(0, t.pointsChange), 0);
        return {
          linked: true,
          customerId,
          balance: customer.loyaltyPoints,
          lifetimePoints,
          ...tierProgress(lifetimePoints),
          recent: ledger.slice(0, RECENT).map(ledgerEntry),
        };
      }),
    );
  });
}
