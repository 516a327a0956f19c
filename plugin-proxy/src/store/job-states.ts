/**
 * The job state machine as data (style.md practice 5, after pg-boss): every allowed transition is a row naming
 * the store operation that performs it. The stores build their `WHERE state IN (…)` guards from this table, so
 * the SQL cannot drift from what the table (and the test that walks it) says.
 */
import type { JobState } from './types';

/** Every state, in the order the operations view lists them. `satisfies` keeps it in step with types.ts. */
export const JOB_STATES = ['queued', 'running', 'retry', 'done', 'skipped', 'dead', 'discarded'] as const satisfies readonly JobState[];

// Compile-time check that JOB_STATES covers the whole union (adding a state to types.ts breaks this line).
const _allStatesListed: Exclude<JobState, (typeof JOB_STATES)[number]> extends never ? true : never = true;
void _allStatesListed;

export type JobOperation = 'claim' | 'complete' | 'skip' | 'retryLater' | 'deadLetter' | 'editPayload' | 'retryDead' | 'discard';

export interface Transition {
  readonly from: JobState;
  readonly to: JobState;
  readonly op: JobOperation;
  readonly why: string;
}

export const TRANSITIONS: readonly Transition[] = Object.freeze([
  { from: 'queued', to: 'running', op: 'claim', why: 'a worker leases the oldest unfinished job of its record key' },
  { from: 'retry', to: 'running', op: 'claim', why: 'the backoff has elapsed (runAfter <= now)' },
  // A crashed worker's job is not put back in the queue: another owner takes it over directly (attempts + 1),
  // so it never loses its place at the head of its record key.
  { from: 'running', to: 'running', op: 'claim', why: 'the lease expired: another owner takes the job over' },
  { from: 'running', to: 'done', op: 'complete', why: 'the handler succeeded' },
  { from: 'running', to: 'skipped', op: 'skip', why: 'nothing to do (own write, unchanged content, stale event)' },
  { from: 'running', to: 'retry', op: 'retryLater', why: 'a retryable failure; runs again at retryAt' },
  { from: 'running', to: 'dead', op: 'deadLetter', why: 'not retryable, or out of attempts' },
  { from: 'dead', to: 'dead', op: 'editPayload', why: 'an operator fixes the data before redriving' },
  { from: 'dead', to: 'queued', op: 'retryDead', why: 'an operator redrives the job (fresh attempt budget)' },
  { from: 'dead', to: 'discarded', op: 'discard', why: 'an operator gives up on the job' },
]);

/** States that still hold their record key: a later job of the key waits until these finish. */
export const UNFINISHED_STATES = ['queued', 'retry', 'running'] as const satisfies readonly JobState[];

export function canTransition(from: JobState, to: JobState): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/** The states an operation may start from (the store's SQL guard for that operation). */
export function statesFor(op: JobOperation): JobState[] {
  return [...new Set(TRANSITIONS.filter((t) => t.op === op).map((t) => t.from))];
}

/** States with no way out at all. */
export function isTerminal(state: JobState): boolean {
  return !TRANSITIONS.some((t) => t.from === state);
}

/** `'a', 'b'` for a SQL `IN (…)`: state names are fixed identifiers from this file, never user input. */
export function sqlStates(states: readonly JobState[]): string {
  return states.map((s) => `'${s}'`).join(', ');
}
