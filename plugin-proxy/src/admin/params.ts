/** Query and path parameters of the admin API, validated with zod (bad input is a 400, not a store error). */
import { z } from 'zod';
import { ConnectorError } from '../errors';
import { JOB_STATES } from '../store/job-states';

export const listQuery = z.object({
  // The admin API is the dead-letter queue's: without a state it lists dead jobs.
  state: z.enum(JOB_STATES).default('dead'),
  kind: z.string().min(1).optional(),
  recordKey: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().min(1).optional(),
});

export const idParams = z.object({ id: z.string().regex(/^\d{1,19}$|^[\w-]{1,64}$/, 'must be a job id') });

export const conflictsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });

export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || what} ${i.message}`).join('; ');
  throw new ConnectorError('CONNECTOR_ERR_MALFORMED', `Invalid ${what}: ${problems}`);
}
