/**
 * Child-process entry of dataverse-process.ts: one Dataverse emulator with the service protection limits scaled
 * by argv[2], answering the parent's questions (usage per user, row counts) over the IPC channel.
 */
import { sandboxClients } from '../../../sandbox/src/dataverse/identity';
import { scaledLimits } from '../../../sandbox/src/dataverse/limits';
import { startDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import type { ChildAnswer, ChildQuestion } from './dataverse-process';

async function main(): Promise<void> {
  const factor = Number(process.argv[2]);
  const dv = await startDataverse({ limits: scaledLimits(factor) });
  const objectIdOf = (clientId: string) => sandboxClients().find((c) => c.clientId === clientId)?.objectId ?? clientId;
  const reply = (answer: ChildAnswer) => process.send?.(answer);
  process.on('message', (q: ChildQuestion) => {
    switch (q.type) {
      case 'usage': {
        const total = dv.emulator.protection?.snapshot(objectIdOf(q.clientId)).total ?? { requests: 0, executionMs: 0 };
        return reply({ id: q.id, value: total });
      }
      case 'count':
        return reply({ id: q.id, value: dv.emulator.store.count(q.table) });
      case 'cpu': {
        const u = process.cpuUsage();
        return reply({ id: q.id, value: (u.user + u.system) / 1000 });
      }
      case 'close':
        void dv.close().then(() => process.exit(0));
        return;
    }
  });
  reply({ id: 0, value: { url: dv.url, caPem: dv.caPem } });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
