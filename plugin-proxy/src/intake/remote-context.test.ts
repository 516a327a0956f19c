import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertValue, parseRemoteContext, wcfDateToIso } from './remote-context';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.resolve(REPO_ROOT, '../shared/reference/dataverse-samples/webhook/docs-contact-update-async-postoperation.json');
const sampleExists = existsSync(SAMPLE);
if (!sampleExists) console.warn(`remote-context.test: documented sample not found at ${SAMPLE}; the sample tests are skipped`);
const withSample = sampleExists ? it : it.skip;

describe('parseRemoteContext on the documented sample (contact Update, async PostOperation)', () => {
  withSample('normalises the context', () => {
    const res = parseRemoteContext(JSON.parse(readFileSync(SAMPLE, 'utf8')));
    if (!res.ok) throw new Error(res.reason);
    const e = res.event;
    expect(e).toMatchObject({
      message: 'Update',
      table: 'contact',
      id: '6d81597f-0f9f-e711-8122-000d3aa2331c',
      operationId: '4af10637-4ea2-e711-8122-000d3aa2331c',
      correlationId: 'b374239d-4233-41a9-8b17-a86cb4f737b5',
      requestId: null,
      initiatingUserId: '75c2dd85-e89e-e711-8122-000d3aa2331c',
      userId: '75c2dd85-e89e-e711-8122-000d3aa2331c',
      depth: 1,
      stage: 40,
      mode: 1,
      // /Date(1506409448000-0700)/: the offset is the sender's zone, the milliseconds are already UTC.
      createdOn: '2017-09-26T07:04:08.000Z',
      targetRef: null,
      preImages: {},
      truncated: false,
    });
    expect(e.target).toEqual({
      logicalName: 'contact',
      id: '6d81597f-0f9f-e711-8122-000d3aa2331c',
      rowVersion: null,
      formattedValues: {},
      attributes: {
        firstname: 'James',
        contactid: '6d81597f-0f9f-e711-8122-000d3aa2331c',
        fullname: 'James Glynn (sample)',
        yomifullname: 'James Glynn (sample)',
        modifiedon: '2017-09-26T00:04:07.000Z',
        modifiedby: { id: '75c2dd85-e89e-e711-8122-000d3aa2331c', logicalName: 'systemuser', name: null },
        modifiedonbehalfby: null,
      },
    });
    // The automatic post-image of async steps has no __type; it is still an Entity.
    expect(e.postImages.AsynchronousStepPrimaryName).toEqual({
      logicalName: 'contact',
      id: '6d81597f-0f9f-e711-8122-000d3aa2331c',
      rowVersion: null,
      formattedValues: {},
      attributes: { fullname: 'James Glynn (sample)', contactid: '6d81597f-0f9f-e711-8122-000d3aa2331c' },
    });
    // The result is plain JSON: it is what the job payload stores.
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});

describe('value conversion', () => {
  it('converts option sets, money, dates and references', () => {
    expect(convertValue({ __type: 'OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts', Value: 2 })).toBe(2);
    expect(convertValue({ __type: 'Money:http://schemas.microsoft.com/xrm/2011/Contracts', Value: 123.45 })).toBe(123.45);
    expect(convertValue('/Date(1721816905786)/')).toBe('2024-07-24T10:28:25.786Z');
    expect(convertValue('/Date(1722582039000+0000)/')).toBe('2024-08-02T07:00:39.000Z');
    expect(convertValue('not a /Date(1)/ string')).toBe('not a /Date(1)/ string');
    expect(convertValue({ __type: 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts', Id: 'AB-CD', LogicalName: 'account', Name: 'Contoso', KeyAttributes: [] })).toEqual({
      id: 'ab-cd',
      logicalName: 'account',
      name: 'Contoso',
    });
    expect(wcfDateToIso('/Date(abc)/')).toBeNull();
  });
});

describe('parseRemoteContext', () => {
  const base = { MessageName: 'Delete', PrimaryEntityName: 'account', PrimaryEntityId: 'AAAA-1', OperationId: 'op-1', Depth: 2, Stage: 40 };

  it('reads an EntityReference target (Delete) and pre-images', () => {
    const res = parseRemoteContext(
      {
        ...base,
        InputParameters: [{ key: 'Target', value: { __type: 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts', Id: 'AAAA-1', LogicalName: 'account', Name: null } }],
        PreEntityImages: [{ key: 'pre', value: { LogicalName: 'account', Id: 'AAAA-1', Attributes: [{ key: 'clar_clarityid', value: 'cmp_1' }, { key: 'statecode', value: { __type: 'OptionSetValue:x', Value: 0 } }] } }],
      },
      { truncated: false },
    );
    if (!res.ok) throw new Error(res.reason);
    expect(res.event.target).toBeNull();
    expect(res.event.targetRef).toEqual({ id: 'aaaa-1', logicalName: 'account', name: null });
    expect(res.event.preImages.pre?.attributes).toEqual({ clar_clarityid: 'cmp_1', statecode: 0 });
    expect(res.event.depth).toBe(2);
  });

  it('accepts a truncated context without InputParameters or images', () => {
    const res = parseRemoteContext(base, { truncated: true });
    expect(res.ok && res.event.truncated && res.event.target === null).toBe(true);
  });

  it('names what is missing when the body is not a RemoteExecutionContext', () => {
    expect(parseRemoteContext([])).toEqual({ ok: false, reason: 'body is not a JSON object' });
    const res = parseRemoteContext({ MessageName: 'Update' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.reason).toBe('not a RemoteExecutionContext: missing PrimaryEntityName, PrimaryEntityId, OperationId');
  });
});
