/**
 * A separate process for sqlite.int.test.ts (run with `node --import tsx`): `crash <file> <n>` enqueues n jobs,
 * claims one and dies by SIGKILL without closing anything; `drain <file> <owner>` claims and completes until
 * the queue is empty and prints the ids it completed.
 */
import { openStore } from './open-store';

async function main(): Promise<void> {
  const [mode, file, arg] = process.argv.slice(2);
  const store = await openStore({ sqliteFile: file as string });
  if (mode === 'crash') {
    for (let i = 0; i < Number(arg); i++) {
      await store.jobs.enqueue({ kind: 'clarity.order', recordKey: `order:${i % 5}`, idempotencyKey: `crash-${i}`, source: 'clarity', payload: { i } });
    }
    const [job] = await store.jobs.claim('doomed', 1, 60_000);
    process.stdout.write(JSON.stringify({ claimed: job?.id }), () => process.kill(process.pid, 'SIGKILL'));
    return;
  }
  const ids: string[] = [];
  for (let empty = 0; empty < 50; ) {
    const jobs = await store.jobs.claim(arg as string, 3, 60_000);
    empty = jobs.length ? 0 : empty + 1;
    for (const job of jobs) {
      if (!(await store.jobs.complete(job.id, arg as string))) throw new Error(`lost lease on ${job.id}`);
      ids.push(job.id);
    }
    if (!jobs.length) await new Promise((r) => setTimeout(r, 5)); // the other process may hold a key's head
  }
  await store.close();
  process.stdout.write(JSON.stringify(ids));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
