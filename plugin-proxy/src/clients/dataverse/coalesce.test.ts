import type { BatchItem, BatchOperation, BatchResult } from './batch';
import { ChangeSetCoalescer } from './coalesce';

/** A `$batch` sender the test answers by hand: every change set succeeds unless its first body says `fail`. */
function fakeSender() {
  const sent: { items: BatchItem[]; answer: (error?: Error) => void }[] = [];
  const send = (items: BatchItem[]) =>
    new Promise<BatchResult[]>((resolve, reject) => {
      sent.push({
        items,
        answer: (error) => {
          if (error) return reject(error);
          const results: BatchResult[] = [];
          for (const item of items) {
            const ops = 'changeSet' in item ? item.changeSet : [item];
            const failing = ops.find((op) => (op.body as { fail?: boolean } | undefined)?.fail);
            if (failing) results.push({ status: 400, headers: {}, contentId: failing.contentId, error: new Error('bad') as never });
            else for (const op of ops) results.push({ status: 204, headers: {}, contentId: op.contentId });
          }
          resolve(results);
        },
      });
    });
  return { sent, send };
}

const op = (url: string, body: Record<string, unknown> = {}): BatchOperation => ({ method: 'POST', url, body });
const tick = () => new Promise((r) => setTimeout(r, 15));
const sizes = (sent: { items: BatchItem[] }[]) => sent.map((s) => s.items.length);

describe('ChangeSetCoalescer', () => {
  it('sends a lone change set after the linger, and what queues behind a batch in flight as the next batch', async () => {
    const f = fakeSender();
    const c = new ChangeSetCoalescer(f.send, { lingerMs: 5, maxInFlight: 1 });
    const first = c.submit([op('accounts')]);
    await tick();
    expect(sizes(f.sent)).toEqual([1]);
    const queued = Array.from({ length: 5 }, (_, i) => c.submit([op('contacts', { n: i })]));
    await tick();
    expect(sizes(f.sent)).toEqual([1]);
    f.sent[0]!.answer();
    expect(await first).toEqual([{ status: 204, headers: {}, contentId: '1' }]);
    await tick();
    expect(sizes(f.sent)).toEqual([1, 5]);
    f.sent[1]!.answer();
    for (const p of queued) expect((await p).map((r) => r.contentId)).toEqual(['1']);
    expect(c.stats()).toMatchObject({ batches: 2, changeSets: 6, waiting: 0, inFlight: 0 });
  });

  it('while the pacer would hold a request, keeps gathering change sets instead of sending a small batch', async () => {
    const f = fakeSender();
    let budgetSpent = true;
    const c = new ChangeSetCoalescer(f.send, { lingerMs: 1, maxInFlight: 2, readyIn: () => (budgetSpent ? 1000 : 0) });
    const first = Array.from({ length: 3 }, () => c.submit([op('contacts')]));
    await tick();
    const more = Array.from({ length: 4 }, () => c.submit([op('contacts')]));
    await tick();
    expect(sizes(f.sent)).toEqual([]);
    budgetSpent = false;
    await new Promise((r) => setTimeout(r, 80));
    expect(sizes(f.sent)).toEqual([7]);
    f.sent[0]!.answer();
    for (const p of [...first, ...more]) await expect(p).resolves.toHaveLength(1);
  });

  it('splits at maxChangeSets and at 1000 operations', async () => {
    const f = fakeSender();
    const c = new ChangeSetCoalescer(f.send, { lingerMs: 5, maxInFlight: 10, maxChangeSets: 3 });
    for (let i = 0; i < 7; i++) void c.submit([op('contacts')]);
    await tick();
    expect(sizes(f.sent)).toEqual([3, 3, 1]);
    const g = fakeSender();
    const d = new ChangeSetCoalescer(g.send, { lingerMs: 5, maxInFlight: 10, maxChangeSets: 100 });
    for (let i = 0; i < 3; i++) void d.submit(Array.from({ length: 400 }, () => op('tasks')));
    await tick();
    expect(sizes(g.sent)).toEqual([2, 1]);
  });

  it('gives each caller its own results with its own Content-IDs, and renumbers $n references across the batch', async () => {
    const f = fakeSender();
    const c = new ChangeSetCoalescer(f.send, { lingerMs: 5 });
    const ops = (fail: boolean): BatchOperation[] => [
      { ...op('salesorders'), contentId: '1' },
      { method: 'PATCH', url: '$1', body: { statecode: 1, fail }, contentId: '2' },
      { ...op('annotations', { 'objectid_salesorder@odata.bind': '$1' }), contentId: '3' },
    ];
    const [ok, bad, ok2] = [c.submit(ops(false)), c.submit(ops(true)), c.submit(ops(false))];
    await tick();
    const items = f.sent[0]!.items as { changeSet: BatchOperation[] }[];
    expect(items.map((i) => i.changeSet.map((o) => o.contentId))).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']]);
    expect(items[1]!.changeSet[1]!.url).toBe('$4');
    expect(items[2]!.changeSet[2]!.body).toEqual({ 'objectid_salesorder@odata.bind': '$7' });
    f.sent[0]!.answer();
    expect((await ok).map((r) => r.contentId)).toEqual(['1', '2', '3']);
    expect(await bad).toEqual([expect.objectContaining({ status: 400, contentId: '2', error: expect.any(Error) })]);
    expect((await ok2).map((r) => r.contentId)).toEqual(['1', '2', '3']);
  });

  it('rejects every change set of a batch that failed as a whole, and only those', async () => {
    const f = fakeSender();
    const c = new ChangeSetCoalescer(f.send, { lingerMs: 5, maxInFlight: 1 });
    const a = c.submit([op('contacts')]);
    await tick();
    const b = c.submit([op('contacts')]);
    f.sent[0]!.answer(new Error('429'));
    await expect(a).rejects.toThrow('429');
    await tick();
    f.sent[1]!.answer();
    await expect(b).resolves.toHaveLength(1);
  });

  it('on close, fails what was not sent yet as transient and refuses more', async () => {
    const f = fakeSender();
    const c = new ChangeSetCoalescer(f.send, { lingerMs: 50 });
    const pending = c.submit([op('contacts')]);
    c.close();
    await expect(pending).rejects.toMatchObject({ code: 'CONNECTOR_ERR_TRANSIENT' });
    await expect(c.submit([op('contacts')])).rejects.toMatchObject({ code: 'CONNECTOR_ERR_TRANSIENT' });
    await tick();
    expect(f.sent).toHaveLength(0);
  });

  it('rejects a change set the response does not answer, and refuses GETs and oversized change sets', async () => {
    const c = new ChangeSetCoalescer(async () => [], { lingerMs: 0 });
    await expect(c.submit([op('contacts')])).rejects.toMatchObject({ code: 'CONNECTOR_ERR_TRANSIENT' });
    await expect(c.submit([{ method: 'GET', url: 'contacts' }])).rejects.toMatchObject({ code: 'CONNECTOR_ERR_INTERNAL' });
    await expect(c.submit(Array.from({ length: 1001 }, () => op('tasks')))).rejects.toMatchObject({ code: 'CONNECTOR_ERR_INTERNAL' });
    await expect(c.submit([])).resolves.toEqual([]);
  });
});
