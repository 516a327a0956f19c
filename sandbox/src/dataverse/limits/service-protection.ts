import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DATAVERSE_LIMITS, limitError, type ProtectionLimits } from './limits';
import { UserUsage, type UsageSnapshot } from './usage';

export interface ProtectionRegistration {
  /** The user the limits count against (the principal's object id); undefined = not limited. */
  userOf: (req: FastifyRequest) => string | undefined;
}

export interface ServiceProtection {
  readonly limits: Readonly<ProtectionLimits>;
  /** Adds the hooks. Register after the auth hook (hooks run in order), so userOf can read the principal. */
  register(app: FastifyInstance, options: ProtectionRegistration): void;
  snapshot(userId: string): UsageSnapshot;
  /** Forgets all usage (between test cases). */
  reset(): void;
}

/** Debug headers from LIMITS (spec §1.3); the time budget is printed like the service does, `1,199,990.00`. */
export const BURST_REMAINING_HEADER = 'x-ms-ratelimit-burst-remaining-xrm-requests';
export const TIME_REMAINING_HEADER = 'x-ms-ratelimit-time-remaining-xrm-requests';

const formatMs = (ms: number) => ms.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Dataverse service protection (spec §4.4): per user, a 300 s sliding window of request count and combined
 * execution time, plus a concurrency cap. Over a limit: 429, Retry-After in seconds, the hex-coded error body.
 */
export function createServiceProtection(limits: Partial<ProtectionLimits> = {}, now: () => number = Date.now): ServiceProtection {
  const effective: ProtectionLimits = Object.freeze({ ...DATAVERSE_LIMITS, ...limits });
  const users = new Map<string, UserUsage>();
  const usageOf = (userId: string) => {
    let usage = users.get(userId);
    if (!usage) users.set(userId, (usage = new UserUsage(effective)));
    return usage;
  };

  return {
    limits: effective,
    snapshot: (userId) => usageOf(userId).snapshot(now()),
    reset: () => users.clear(),
    register(app, { userOf }) {
      app.addHook('onRequest', async (req, reply) => {
        const userId = userOf(req);
        if (userId === undefined) return;
        const usage = usageOf(userId);
        const startedAt = now();
        const admission = usage.admit(startedAt);
        if (!admission.ok) {
          req.log.info({ userId, limit: admission.kind, retryAfterSec: admission.retryAfterSec }, 'service protection limit hit');
          return reply
            .code(429)
            .headers({
              'retry-after': String(admission.retryAfterSec),
              'content-type': 'application/json; odata.metadata=minimal',
              'odata-version': '4.0',
            })
            .send(Buffer.from(JSON.stringify({ error: limitError(admission.kind, effective) })));
        }
        reply.header(BURST_REMAINING_HEADER, String(admission.remainingRequests));
        reply.header(TIME_REMAINING_HEADER, formatMs(admission.remainingExecutionMs));
        // 'close' fires once whether the response finished or the client went away: the slot is always freed.
        reply.raw.once('close', () => {
          const endedAt = now();
          usage.complete(endedAt, endedAt - startedAt);
        });
      });
    },
  };
}
