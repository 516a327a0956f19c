import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from './contract';
import { manualClock, newJob } from './contract-support';
import { openStore } from './open-store';
import type { Store } from './types';

const dir = mkdtempSync(join(tmpdir(), 'clarity-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = () => join(dir, `store-${++n}.db`);

describeStoreContract('sqlite', async () => {
  const file = freshFile();
  const opened: Store[] = [];
  return {
    async open(now) {
      const store = await openStore({ sqliteFile: file, now });
      opened.push(store);
      return store;
    },
    async dispose() {
      await Promise.allSettled(opened.map((s) => s.close()));
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
  };
});

/** Runs the child fixture in its own Node process (tsx compiles it) and returns what it printed. */
function child(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'sqlite-child.fixture.ts'), ...args], {
      cwd: __dirname, // `--import tsx` resolves from here up to the workspace's node_modules
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('sqlite store across processes', () => {
  it('a process killed right after enqueue resolves loses nothing, and its lease is taken over', async () => {
    const file = freshFile();
    const run = await child(['crash', file, '25']);
    expect(run.signal).toBe('SIGKILL');
    const { claimed } = JSON.parse(run.out) as { claimed: string };

    const clock = manualClock(Date.now() + 10 * 60_000); // well past the child's 60 s lease
    const store = await openStore({ sqliteFile: file, now: clock.now });
    try {
      expect((await store.jobs.counts()).queued + (await store.jobs.counts()).running).toBe(25);
      expect((await store.jobs.get(claimed))?.state).toBe('running');
      const taken = await store.jobs.claim('survivor', 100, 1000);
      expect(taken.find((j) => j.id === claimed)).toMatchObject({ attempts: 2, leaseOwner: 'survivor' });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('two processes draining one file never claim the same job', async () => {
    const file = freshFile();
    const store = await openStore({ sqliteFile: file });
    for (let i = 0; i < 300; i++) await store.jobs.enqueue(newJob({ recordKey: `k${i % 30}` }));
    await store.close();

    const runs = await Promise.all([child(['drain', file, 'p1']), child(['drain', file, 'p2'])]);
    const [a, b] = runs.map((r) => (expect(r.code).toBe(0), JSON.parse(r.out) as string[]));
    expect(a!.length + b!.length).toBe(300);
    expect(new Set([...a!, ...b!]).size).toBe(300);

    const after = await openStore({ sqliteFile: file });
    try {
      expect((await after.jobs.counts()).done).toBe(300);
      expect((await after.jobs.list({ limit: 1000 })).every((j) => j.attempts === 1)).toBe(true);
    } finally {
      await after.close();
    }
  }, 60_000);
});
