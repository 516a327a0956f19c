import { isWriteOnly } from '../metadata/tables/serviceendpoint';
import { nameBasedGuid, sdkMessageFilterId, SDK_MESSAGE_IDS, seedWebhookMessages } from './seed';
import { MemoryStore } from './test-support/memory-store';
import { testRegistry } from './test-support/tables';

describe('org seed rows for webhook registration', () => {
  it('builds a valid registry with the registration tables and their navigation names', () => {
    const registry = testRegistry();
    const step = registry.require('sdkmessageprocessingstep');
    expect(registry.tableBySet('sdkmessageprocessingstepimages')?.logicalName).toBe('sdkmessageprocessingstepimage');
    expect(step.navigation.get('eventhandler_serviceendpoint')).toEqual({ name: 'eventhandler_serviceendpoint', column: 'eventhandler', target: 'serviceendpoint' });
    expect(step.navigation.get('sdkmessagefilterid')?.target).toBe('sdkmessagefilter');
    expect(isWriteOnly(registry.require('serviceendpoint').columnMap.get('authvalue')!)).toBe(true);
    expect(isWriteOnly(registry.require('serviceendpoint').columnMap.get('url')!)).toBe(false);
  });

  it('finds messages by name and filters by table + message, as FUSEBIT queries them', () => {
    const store = new MemoryStore(testRegistry());
    const ids = seedWebhookMessages(store, ['contact', 'account', 'clar_order']);
    const [create] = store.findByColumn('sdkmessage', 'name', 'create');
    expect(create?.sdkmessageid).toBe(SDK_MESSAGE_IDS.Create);
    expect(create?.isprivate).toBe(false);
    const filters = store.findByColumn('sdkmessagefilter', 'primaryobjecttypecode', 'contact');
    expect(filters).toHaveLength(3);
    const update = filters.find((f) => (f.sdkmessageid as { id: string }).id === SDK_MESSAGE_IDS.Update);
    expect(update?.sdkmessagefilterid).toBe(ids.get('Update:contact'));
    expect(ids.get('Update:account')).toBe('23c9bb1b-ea3e-db11-86a7-000a3a5473e8');
  });

  it('is deterministic and idempotent', () => {
    const store = new MemoryStore(testRegistry());
    seedWebhookMessages(store, ['contact']);
    seedWebhookMessages(store, ['contact']);
    expect(store.count('sdkmessage')).toBe(3);
    expect(store.count('sdkmessagefilter')).toBe(3);
    expect(sdkMessageFilterId('Create', 'contact')).toBe(sdkMessageFilterId('Create', 'contact'));
    expect(sdkMessageFilterId('Create', 'contact')).not.toBe(sdkMessageFilterId('Update', 'contact'));
    expect(nameBasedGuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
