import { canTransition, isTerminal, JOB_STATES, statesFor, TRANSITIONS, UNFINISHED_STATES } from './job-states';
import type { JobState } from './types';

const ADMIN_OPS = new Set(['editPayload', 'retryDead', 'discard']);

function reachableFrom(start: JobState): Set<JobState> {
  const seen = new Set<JobState>([start]);
  const todo: JobState[] = [start];
  for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
    for (const t of TRANSITIONS) {
      if (t.from === s && !seen.has(t.to)) {
        seen.add(t.to);
        todo.push(t.to);
      }
    }
  }
  return seen;
}

describe('job state machine', () => {
  it('every state is reachable from queued', () => {
    expect([...reachableFrom('queued')].sort()).toEqual([...JOB_STATES].sort());
  });

  it('done, skipped and discarded have no exits', () => {
    expect(JOB_STATES.filter(isTerminal).sort()).toEqual(['discarded', 'done', 'skipped']);
    for (const s of ['done', 'skipped', 'discarded'] as const) {
      for (const to of JOB_STATES) expect(canTransition(s, to)).toBe(false);
    }
  });

  it('dead leaves only through admin operations', () => {
    const exits = TRANSITIONS.filter((t) => t.from === 'dead');
    expect(exits.map((t) => t.to).sort()).toEqual(['dead', 'discarded', 'queued']);
    for (const t of exits) expect(ADMIN_OPS.has(t.op)).toBe(true);
  });

  it('admin operations act on dead jobs only; worker operations on running jobs only', () => {
    for (const op of ADMIN_OPS) expect(statesFor(op as 'discard')).toEqual(['dead']);
    for (const op of ['complete', 'skip', 'retryLater', 'deadLetter'] as const) expect(statesFor(op)).toEqual(['running']);
    expect(statesFor('claim').sort()).toEqual([...UNFINISHED_STATES].sort());
  });

  it('every unfinished state can be claimed and every finished one cannot', () => {
    for (const s of JOB_STATES) {
      expect(canTransition(s, 'running')).toBe((UNFINISHED_STATES as readonly JobState[]).includes(s));
    }
  });

  it('rejects transitions that are not in the table', () => {
    expect(canTransition('queued', 'done')).toBe(false);
    expect(canTransition('retry', 'dead')).toBe(false);
    expect(canTransition('running', 'queued')).toBe(false);
    expect(canTransition('dead', 'running')).toBe(false);
  });

  it('lists each transition once', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}->${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
