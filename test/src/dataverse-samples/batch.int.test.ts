import fs from 'node:fs';
import { shapeOf, type ShapeNode } from '../../../sandbox/src/dataverse/batch/test/structure';
import type { RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { describeWithShared, sharedPath } from '../support/http-samples';
import { SAMPLES, startSampleDataverse } from '../support/dataverse-samples';

const ACCOUNT = '00000000-0000-0000-0000-000000000001';

/** A documented `$batch` file as wire bytes: CRLF (the docs print LF) and our org URL. */
function load(dv: RunningDataverse, file: string, crlf = true): { headers: Record<string, string>; body: string; text: string } {
  let text = fs.readFileSync(sharedPath('reference/dataverse-samples/batch', file), 'utf8').replace(/\[Organization U[Rr][Ii]\]/g, dv.url);
  text = text.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, split).split('\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(split + 2);
  return { headers, body: crlf ? body.replace(/\n/g, '\r\n') : body, text };
}

function statuses(nodes: ShapeNode[]): unknown[] {
  return nodes.map((n) => (n.kind === 'changeset' ? { changeset: statuses(n.parts) } : { status: n.status, contentId: n.contentId, headers: n.headerNames.map((h) => h.toLowerCase()).filter((h) => h !== 'content-type' || n.body !== '').sort() }));
}

async function send(dv: RunningDataverse, file: string, crlf = true): Promise<{ res: Response; text: string }> {
  const req = load(dv, file, crlf);
  const headers: Record<string, string> = { 'content-type': req.headers['content-type']! };
  if (req.headers.prefer) headers.prefer = req.headers.prefer;
  const res = await dv.request('$batch', { method: 'POST', headers, body: req.body });
  return { res, text: await res.text() };
}

/** Replays reference/dataverse-samples/batch 01–06 against the emulator and compares the response structure. */
describeWithShared('documented $batch samples', SAMPLES, () => {
  let dv: RunningDataverse;
  beforeEach(async () => {
    dv = await startSampleDataverse();
    await dv.request('accounts', { method: 'POST', body: JSON.stringify({ accountid: ACCOUNT, name: 'Batch sample account' }) });
  });
  afterEach(() => dv.close());

  test.each([
    ['01-batch-no-changeset'],
    ['02-batch-changeset'],
    ['03-changeset-content-id-refs'],
    ['04-changeset-ref-in-url-patch'],
    ['05-batch-error-stops'],
    ['06-batch-continue-on-error'],
  ])('%s: same outer status, parts, statuses, Content-IDs and headers as documented', async (name) => {
    const { res, text } = await send(dv, `${name}.request.http`);
    const documented = fs.readFileSync(sharedPath('reference/dataverse-samples/batch', `${name}.response.http`), 'utf8').replace(/\r\n/g, '\n');
    const docStatus = Number(/^HTTP\/1\.1 (\d{3})/.exec(documented)![1]);
    expect(res.status).toBe(docStatus);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/);
    const ours = shapeOf(text, res.headers.get('content-type')!);
    const docBody = documented.slice(documented.indexOf('\n\n') + 2).replace(/\n/g, '\r\n');
    const theirs = shapeOf(docBody);
    expect(ours.boundaryPrefix).toBe(theirs.boundaryPrefix);
    expect(statuses(ours.items)).toEqual(statuses(theirs.items));
  });

  test('05 leaves nothing behind; 06 creates the two valid tasks', async () => {
    await send(dv, '05-batch-error-stops.request.http');
    const after05 = (await (await dv.request(`accounts(${ACCOUNT})/Account_Tasks?$select=subject`)).json()) as { value: unknown[] };
    expect(after05.value).toHaveLength(0);
    await send(dv, '06-batch-continue-on-error.request.http');
    const after06 = (await (await dv.request(`accounts(${ACCOUNT})/Account_Tasks?$select=subject`)).json()) as { value: { subject: string }[] };
    expect(after06.value.map((t) => t.subject).sort()).toEqual(['Task 2 in batch', 'Task 3 in batch']);
  });

  test('04 binds the contact created in the same change set as the account primary contact', async () => {
    const { text } = await send(dv, '04-changeset-ref-in-url-patch.request.http');
    const account = /accounts\(([0-9a-f-]{36})\)/.exec(text)![1];
    const row = (await (await dv.request(`accounts(${account})?$select=name&$expand=primarycontactid($select=firstname)`)).json()) as Record<string, { firstname?: string } | null>;
    expect(row.primarycontactid).not.toBeNull();
  });

  test('a body with bare LF line endings is refused like the real service (Stream was not readable)', async () => {
    const { res, text } = await send(dv, '01-batch-no-changeset.request.http', false);
    expect(res.status).toBe(400);
    expect(text).toContain('"code":"0x80048d19"');
    expect(text).toContain('Stream was not readable.');
    const tasks = (await (await dv.request('tasks?$select=subject')).json()) as { value: unknown[] };
    expect(tasks.value).toHaveLength(0);
  });
});
