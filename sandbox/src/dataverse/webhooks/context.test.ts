import { buildRemoteExecutionContext, trimOversized, type ContextInput, type RemoteExecutionContext } from './context';
import { BUSINESS_UNIT, CONTACT_ID, CONTACT_ROW, event, loadSample, newStore, ORG, updateEvent, USER_ID } from './test-support/fixtures';
import { serializeWcf, TYPE } from './wcf';
import type { WriteEvent } from '../pipeline/types';

type Json = Record<string, unknown>;
const NEWER_MEMBERS = ['InitiatingUserAgent', 'InitiatingUserAzureActiveDirectoryObjectId', 'UserAzureActiveDirectoryObjectId'];
const store = newStore();
const STEP = { id: '75417616-4ea2-e711-8122-000d3aa2331c', name: 'Clarity: Update of contact', stage: 40, mode: 1 };

function build(ev: WriteEvent, overrides: Partial<ContextInput> = {}): Json {
  const ctx = buildRemoteExecutionContext({
    event: ev,
    step: STEP,
    images: [],
    organization: ORG,
    businessUnitId: BUSINESS_UNIT,
    names: (ref) => (ref.id === USER_ID ? 'Dana Admin' : null),
    ...overrides,
  });
  // Compare what goes over the wire.
  return JSON.parse(serializeWcf(ctx)) as Json;
}

const at = (value: unknown, ...path: (string | number)[]): Json =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value) as Json;
const keysOf = (value: unknown) => Object.keys(value as object);
const attrKeys = (entity: unknown) => (at(entity, 'Attributes') as unknown as { key: string }[]).map((a) => a.key);
const attr = (entity: unknown, key: string) => (at(entity, 'Attributes') as unknown as { key: string; value: unknown }[]).find((a) => a.key === key)?.value;

describe('RemoteExecutionContext vs the documented sample (contact Update, async PostOperation)', () => {
  const sample = loadSample();
  const ours = build(updateEvent(store));
  const maybe = sample ? it : it.skip;

  maybe('has the sample top-level members in the sample order, plus only the three 2024 members (§6.4)', () => {
    const theirs = keysOf(sample);
    expect(keysOf(ours).filter((k) => !NEWER_MEMBERS.includes(k))).toEqual(theirs);
    expect(keysOf(ours).filter((k) => !theirs.includes(k))).toEqual(NEWER_MEMBERS);
    // Alphabetical, as DataContract orders unordered members: the rule that places the newer members.
    expect(keysOf(ours)).toEqual([...keysOf(ours)].sort());
  });

  maybe('ParentContext, Target Entity, OwningExtension and the automatic post-image have the sample shapes', () => {
    expect(keysOf(ours.ParentContext).filter((k) => !NEWER_MEMBERS.includes(k))).toEqual(keysOf(sample!.ParentContext));
    expect(keysOf(at(ours, 'InputParameters', 0, 'value'))).toEqual(keysOf(at(sample, 'InputParameters', 0, 'value')));
    expect(keysOf(ours.OwningExtension)).toEqual(keysOf(sample!.OwningExtension));
    expect(keysOf(at(ours, 'PostEntityImages', 0))).toEqual(['key', 'value']);
    expect(keysOf(at(ours, 'PostEntityImages', 0, 'value'))).toEqual(keysOf(at(sample, 'PostEntityImages', 0, 'value')));
    expect(keysOf(attr(at(ours, 'InputParameters', 0, 'value'), 'modifiedby'))).toEqual(
      keysOf(attr(at(sample, 'InputParameters', 0, 'value'), 'modifiedby')),
    );
  });

  maybe('reproduces the sample values that follow from the same write', () => {
    const target = at(ours, 'InputParameters', 0, 'value');
    const sampleTarget = at(sample, 'InputParameters', 0, 'value');
    expect(attrKeys(target)).toEqual(attrKeys(sampleTarget));
    expect(target.__type).toBe(sampleTarget.__type);
    expect(attr(target, 'modifiedon')).toBe(attr(sampleTarget, 'modifiedon'));
    expect(attr(target, 'modifiedby')).toEqual(attr(sampleTarget, 'modifiedby'));
    expect(attrKeys(at(ours, 'ParentContext', 'InputParameters', 0, 'value'))).toEqual(attrKeys(at(sample, 'ParentContext', 'InputParameters', 0, 'value')));
    expect(at(ours, 'ParentContext', 'InputParameters', 1)).toEqual(at(sample, 'ParentContext', 'InputParameters', 1));
    expect(at(ours, 'PostEntityImages', 0, 'value')).toEqual(at(sample, 'PostEntityImages', 0, 'value'));
    for (const k of ['BusinessUnitId', 'CorrelationId', 'Depth', 'InitiatingUserId', 'IsExecutingOffline', 'IsInTransaction', 'IsOfflinePlayback', 'IsolationMode', 'MessageName', 'Mode', 'OrganizationId', 'OrganizationName', 'OutputParameters', 'PreEntityImages', 'PrimaryEntityId', 'PrimaryEntityName', 'SecondaryEntityName', 'SharedVariables', 'Stage'])
      expect([k, ours[k]]).toEqual([k, sample![k]]);
    expect(at(ours, 'ParentContext').Stage).toBe(30);
    expect(at(ours, 'ParentContext').ParentContext).toBeNull();
    expect(at(ours, 'OwningExtension').Id).toBe(STEP.id);
  });
});

describe('RemoteExecutionContext values', () => {
  it('escapes "/" like the WCF serializer and writes dates as \\/Date(ms)\\/', () => {
    const raw = serializeWcf(buildRemoteExecutionContext({ event: updateEvent(store), step: STEP, images: [], organization: ORG, businessUnitId: BUSINESS_UNIT, names: () => null }));
    expect(raw).toContain('"OperationCreatedOn":"\\/Date(1506409448000)\\/"');
    expect(raw).toContain('"__type":"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts"');
  });

  it('users and ids come from the event context exactly (the proxy skips its own echoes with them)', () => {
    const ev = updateEvent(store);
    const ctx = build(ev);
    expect([ctx.UserId, ctx.InitiatingUserId, ctx.CorrelationId, ctx.RequestId, ctx.OperationId]).toEqual([
      ev.context.userId, ev.context.initiatingUserId, ev.context.correlationId, ev.context.requestId, ev.operationId,
    ]);
  });

  it('Create: Target with typed values, OutputParameters id, post-image with names and formatted values', () => {
    const row = { ...CONTACT_ROW, parentcustomerid: { id: 'a1000000-0000-4000-8000-000000000001', logicalName: 'account' } };
    const ctx = build(event(store, 'Create', row, undefined, row), { images: [{ alias: 'post', type: 1, attributes: ['gendercode', 'modifiedby', 'creditlimit', 'donotemail', 'description'] }] });
    const target = at(ctx, 'InputParameters', 0, 'value');
    expect(attr(target, 'gendercode')).toEqual({ __type: TYPE.optionSetValue, Value: 1 });
    expect(attr(target, 'statecode')).toEqual({ __type: TYPE.optionSetValue, Value: 0 });
    expect(attr(target, 'creditlimit')).toEqual({ __type: TYPE.money, Value: 1500.5 });
    expect(attr(target, 'createdon')).toBe('/Date(1506380400000)/');
    expect(attr(target, 'parentcustomerid')).toEqual({ __type: TYPE.entityReference, Id: 'a1000000-0000-4000-8000-000000000001', KeyAttributes: [], LogicalName: 'account', Name: null, RowVersion: null });
    expect(attr(target, 'modifiedby')).toMatchObject({ Name: null }); // a request Target carries no names
    expect(ctx.OutputParameters).toEqual([{ key: 'id', value: CONTACT_ID }]);
    expect(ctx.PreEntityImages).toEqual([]);
    const images = ctx.PostEntityImages as unknown as { key: string; value: Json }[];
    expect(images.map((i) => i.key)).toEqual(['post', 'AsynchronousStepPrimaryName']);
    const post = images[0]!.value;
    expect(post.__type).toBeUndefined();
    expect(attrKeys(post)).toEqual(['contactid', 'creditlimit', 'gendercode', 'donotemail', 'modifiedby']);
    expect(attr(post, 'modifiedby')).toMatchObject({ Name: 'Dana Admin' });
    expect(post.FormattedValues).toEqual([{ key: 'gendercode', value: 'Male' }, { key: 'donotemail', value: 'Allow' }]);
    expect(post.RowVersion).toBe('5948260');
  });

  it('Delete: Target is an EntityReference, pre-image holds the data, no automatic post-image', () => {
    const ctx = build(event(store, 'Delete', {}, CONTACT_ROW), { images: [{ alias: 'before', type: 0, attributes: [] }] });
    expect(at(ctx, 'InputParameters', 0)).toEqual({
      key: 'Target',
      value: { __type: TYPE.entityReference, Id: CONTACT_ID, KeyAttributes: [], LogicalName: 'contact', Name: null, RowVersion: null },
    });
    expect(at(ctx, 'ParentContext', 'InputParameters')).toHaveLength(1);
    expect(ctx.PostEntityImages).toEqual([]);
    const pre = at(ctx, 'PreEntityImages', 0, 'value');
    expect(attrKeys(pre)).not.toContain('modifiedonbehalfby'); // nulls are absent from retrieved rows
    expect(attr(pre, 'emailaddress1')).toBe('james@example.com');
  });

  it('sync steps run in the transaction and get no automatic image; pre-stages have no ParentContext', () => {
    const ctx = build(updateEvent(store), { step: { ...STEP, mode: 0 } });
    expect([ctx.IsInTransaction, ctx.Mode, ctx.PostEntityImages]).toEqual([true, 0, []]);
    expect(build(updateEvent(store), { step: { ...STEP, mode: 0, stage: 20 } }).ParentContext).toBeNull();
  });

  it('trimOversized drops ParentContext, InputParameters and images (§6.3)', () => {
    const full = buildRemoteExecutionContext({ event: updateEvent(store), step: STEP, images: [], organization: ORG, businessUnitId: BUSINESS_UNIT, names: () => null });
    const trimmed: RemoteExecutionContext = trimOversized(full);
    expect([trimmed.ParentContext, trimmed.InputParameters, trimmed.PreEntityImages, trimmed.PostEntityImages]).toEqual([null, [], [], []]);
    expect(Object.keys(trimmed)).toEqual(Object.keys(full));
  });
});
