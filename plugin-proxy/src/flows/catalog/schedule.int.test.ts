import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/types';
import { CATALOG_SYNC_KEY, startCatalogSchedule } from './schedule';

/**
 * Single flight of the scheduled full catalog sync, on the real SQLite store shared by two "instances" (two
 * connections to one file, as two proxies share one database): one job per interval whoever ticks, and two
 * interval's jobs never run at the same time.
 */
describe('the catalog sync schedule', () => {
  let dir: string;
  let a: Store;
  let b: Store;
  const logger = pino({ level: 'silent' });
  const HOUR = 60;
  const at = (iso: string) => new Date(iso);

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'catalog-schedule-'));
    a = await openStore({ sqliteFile: path.join(dir, 'store.db') });
    b = await openStore({ sqliteFile: path.join(dir, 'store.db') });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const syncJobs = () => a.jobs.list({ kind: 'catalog.sync' });

  test('each instance ticks, each interval gets one job; the first tick happens at start', async () => {
    const one = startCatalogSchedule({ jobs: a.jobs, intervalMinutes: HOUR, logger, now: () => at('2026-11-28T10:05:00Z') });
    const two = startCatalogSchedule({ jobs: b.jobs, intervalMinutes: HOUR, logger, now: () => at('2026-11-28T10:40:00Z') });
    try {
      await new Promise((r) => setTimeout(r, 50)); // the start ticks
      expect(await syncJobs()).toEqual([expect.objectContaining({ recordKey: CATALOG_SYNC_KEY, source: 'schedule', payload: { slot: '2026-11-28T10:00:00.000Z' } })]);
      await one.tick(at('2026-11-28T10:59:59Z'));
      await two.tick(at('2026-11-28T11:00:00Z'));
      await one.tick(at('2026-11-28T11:30:00Z'));
      expect((await syncJobs()).map((j) => (j.payload as { slot: string }).slot)).toEqual(['2026-11-28T10:00:00.000Z', '2026-11-28T11:00:00.000Z']);
    } finally {
      one.stop();
      two.stop();
    }
  });

  test("an interval's sync that overruns waits for the one running: one catalog sync at a time across instances", async () => {
    const one = startCatalogSchedule({ jobs: a.jobs, intervalMinutes: HOUR, logger, now: () => at('2026-11-28T10:05:00Z') });
    try {
      await one.tick(at('2026-11-28T11:05:00Z'));
      const [first] = await a.jobs.claim('instance-a', 10, 60_000);
      expect(first).toMatchObject({ kind: 'catalog.sync', payload: { slot: '2026-11-28T10:00:00.000Z' } });
      expect(await b.jobs.claim('instance-b', 10, 60_000)).toEqual([]);
      await a.jobs.complete(first!.id, 'instance-a');
      expect(await b.jobs.claim('instance-b', 10, 60_000)).toEqual([expect.objectContaining({ payload: { slot: '2026-11-28T11:00:00.000Z' } })]);
    } finally {
      one.stop();
    }
  });
});
