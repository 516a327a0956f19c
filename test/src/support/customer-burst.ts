/**
 * A burst of Clarity customer updates for crash and scale-out scenarios: seeds customers (no events), changes
 * each one several times so Clarity emits and delivers one `customer.updated` per change, then checks what
 * the connector made of it: every event stored once as a job, none dead, one contact per customer holding the
 * customer's last values.
 */
import type { Customer } from '../../../sandbox/src/clarity';
import type { Job, JobState, Store } from '../../../plugin-proxy/src/store/types';
import type { ConnectorSandbox } from './connector';
import { waitFor } from './processes';

export interface Burst {
  customerIds: string[];
  /** Every event Clarity emitted for the burst, in emission order. */
  eventIds: string[];
  /** What each customer looks like after its last change. */
  finals: Map<string, { lastName: string; phone: string }>;
  /** Rounds emitted so far. */
  rounds: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `n` customers loaded straight into Clarity's state: no events, so no contact exists until an update arrives. */
export function seedCustomers(sb: ConnectorSandbox, n: number, tag: string): string[] {
  const at = new Date().toISOString();
  const customers: Customer[] = Array.from({ length: n }, (_, i) => ({
    customerId: `cus_${tag}${pad(i, 4)}`,
    firstName: 'Burst',
    lastName: `Seeded${i}`,
    email: `burst.${tag}.${i}@example.com`,
    shippingAddresses: [],
    billingAddresses: [],
    accountStatus: 'active',
    loyaltyPoints: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  sb.clarity.state.seed({ customers });
  return customers.map((c) => c.customerId);
}

/**
 * `rounds` more changes per customer (round r gives every customer a new last name and phone), emitted as fast
 * as Clarity can: its dispatcher starts delivering each event at once, so they reach the proxy concurrently and
 * not in emission order. Pass the previous burst to continue it (its rounds and finals carry on).
 */
export function emitBurst(sb: ConnectorSandbox, customerIds: string[], rounds: number, previous?: Burst): Burst {
  const burst: Burst = previous ?? { customerIds, eventIds: [], finals: new Map(), rounds: 0 };
  const off = sb.clarity.state.events.onEvent((e) => {
    if (e.type === 'customer.updated') burst.eventIds.push(e.id);
  });
  try {
    for (let r = burst.rounds + 1; r <= burst.rounds + rounds; r++) {
      customerIds.forEach((id, i) => {
        const change = { lastName: `Burst${i}-r${r}`, phone: `+1555${pad(i, 4)}${pad(r, 3)}` };
        sb.clarity.state.customers.patch(id, change);
        burst.finals.set(id, change);
      });
    }
    burst.rounds += rounds;
  } finally {
    off();
  }
  return burst;
}

/** Delivery attempts of these events that did not get a 2xx (Clarity retries each of them). */
export function failedDeliveries(sb: ConnectorSandbox, eventIds: readonly string[]): { attempts: number; events: number } {
  const ids = new Set(eventIds);
  const failed = sb.clarity.state.dispatcher.attempts.filter((a) => ids.has(a.eventId) && a.outcome === 'failed');
  return { attempts: failed.length, events: new Set(failed.map((a) => a.eventId)).size };
}

export type Counts = Record<JobState, number>;

export const pendingOf = (c: Counts) => c.queued + c.running + c.retry;

/** Every job in the store, oldest first, page by page. */
export async function allJobs(store: Store): Promise<Job[]> {
  const jobs: Job[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.jobs.list({ limit: 500, ...(after ? { after } : {}) });
    jobs.push(...page);
    if (page.length < 500) return jobs;
    after = page[page.length - 1]!.id;
  }
}

/**
 * Waits until Clarity has nothing left to deliver, the Dataverse emulator's webhooks are drained, and the queue
 * has had nothing queued, running or waiting to retry for three polls in a row.
 */
export async function waitForQuiet(sb: ConnectorSandbox, store: Store, timeoutMs: number): Promise<Counts> {
  let quiet = 0;
  return waitFor(
    async () => {
      const delivered = await Promise.race([sb.clarity.state.dispatcher.whenIdle().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 100))]);
      if (!delivered) return (quiet = 0), undefined;
      const counts = await store.jobs.counts();
      quiet = pendingOf(counts) === 0 ? quiet + 1 : 0;
      return quiet >= 3 ? counts : undefined;
    },
    { timeoutMs, intervalMs: 100, what: 'the connector to settle', describe: async () => JSON.stringify(await store.jobs.counts()) },
  );
}

export interface ContactRow {
  contactid: string;
  clar_clarityid: string | null;
  lastname: string | null;
  telephone1: string | null;
}

/** Every contact in the Dataverse emulator (following nextLink pages). */
export async function allContacts(sb: ConnectorSandbox): Promise<ContactRow[]> {
  const rows: ContactRow[] = [];
  let next: string | undefined = 'contacts?$select=contactid,clar_clarityid,lastname,telephone1';
  while (next) {
    const res = await sb.dv.request(next, { headers: { prefer: 'odata.maxpagesize=5000' } });
    if (res.status !== 200) throw new Error(`listing contacts failed: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { value: ContactRow[]; '@odata.nextLink'?: string };
    rows.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return rows;
}

export interface Outcome {
  /** Burst events with no job (lost), or with a dead / non-finished job. */
  missing: string[];
  notFinished: { key: string; state: JobState }[];
  /** Clarity jobs whose idempotency key is not one of the burst's events (should be none). */
  strangers: string[];
  /** Clarity jobs in the store (one per event when nothing is lost or doubled). */
  clarityJobs: number;
  /** Jobs that ran more than once (taken over after a crash, or retried). */
  rerun: number;
  /** Clarity jobs skipped as already applied (an older version arriving after a newer one). */
  staleSkips: number;
  dead: number;
  contacts: number;
  /** Writes by the connector that created a contact (201), from the emulator's request log. */
  contactCreates: number;
  /** Customers with no contact, or with more than one. */
  withoutContact: string[];
  duplicated: string[];
  /** Customers whose contact does not hold their last values. */
  stale: { id: string; want: { lastName: string; phone: string }; got: { lastname: string | null; telephone1: string | null } }[];
}

/** Compares the store and Dataverse with the burst: a test expects every list empty. */
export async function checkOutcome(sb: ConnectorSandbox, store: Store, burst: Burst): Promise<Outcome> {
  const jobs = await allJobs(store);
  const byKey = new Map<string, Job>();
  const clarityJobs = jobs.filter((j) => j.source === 'clarity');
  for (const j of clarityJobs) byKey.set(j.idempotencyKey, j);
  const wanted = new Set(burst.eventIds.map((id) => `clarity:${id}`));
  const missing = [...wanted].filter((k) => !byKey.has(k));
  const notFinished = [...wanted].flatMap((k) => {
    const j = byKey.get(k);
    return j && j.state !== 'done' && j.state !== 'skipped' ? [{ key: k, state: j.state }] : [];
  });
  const strangers = [...byKey.keys()].filter((k) => !wanted.has(k));
  const contacts = await allContacts(sb);
  const byCustomer = new Map<string, ContactRow[]>();
  for (const c of contacts) if (c.clar_clarityid) byCustomer.set(c.clar_clarityid, [...(byCustomer.get(c.clar_clarityid) ?? []), c]);
  const stale: Outcome['stale'] = [];
  for (const id of burst.customerIds) {
    const row = byCustomer.get(id)?.[0];
    const want = burst.finals.get(id)!;
    if (row && (row.lastname !== want.lastName || row.telephone1 !== want.phone)) stale.push({ id, want, got: { lastname: row.lastname, telephone1: row.telephone1 } });
  }
  return {
    missing,
    notFinished,
    strangers,
    clarityJobs: clarityJobs.length,
    rerun: jobs.filter((j) => j.attempts > 1).length,
    staleSkips: clarityJobs.filter((j) => j.state === 'skipped' && /already applied/.test(j.outcome ?? '')).length,
    dead: jobs.filter((j) => j.state === 'dead').length,
    contacts: contacts.length,
    contactCreates: sb.dv.emulator.requests
      .entries()
      .filter((e) => e.caller === 'sandbox-connector' && ['POST', 'PATCH'].includes(e.method) && /\/contacts\b/.test(e.url) && e.status === 201).length,
    withoutContact: burst.customerIds.filter((id) => !byCustomer.has(id)),
    duplicated: burst.customerIds.filter((id) => (byCustomer.get(id)?.length ?? 0) > 1),
    stale,
  };
}
