import { SYNC_STATUS as PROXY_SYNC_STATUS } from '../../plugin-proxy/src/flows/customer/deps';
import { startDataverse, type RunningDataverse } from '../../sandbox/src/dataverse/test-support/harness';
import { SOLUTION_TABLES, SYNC_STATUS } from './schema';

/**
 * The Dataverse emulator's `clar_` schema is the solution's (connector-schema.ts converts schema.ts), and the
 * proxy's option values are the solution's: the three cannot drift.
 */
describe('the solution schema drives the Dataverse emulator', () => {
  let dv: RunningDataverse;
  beforeAll(async () => {
    dv = await startDataverse();
  });
  afterAll(() => dv.close());

  it('the proxy uses the solution’s sync status option values', () => {
    expect(PROXY_SYNC_STATUS).toEqual(SYNC_STATUS);
  });

  it('every solution column and alternate key exists in the emulator’s registry with the same definition', () => {
    for (const t of SOLUTION_TABLES) {
      const meta = dv.emulator.registry.require(t.table);
      for (const c of t.columns) {
        const column = meta.columnMap.get(c.name);
        expect({ table: t.table, column: c.name, type: column?.type, maxLength: column?.maxLength, options: column?.options }).toEqual({
          table: t.table,
          column: c.name,
          type: c.type,
          maxLength: c.maxLength,
          options: c.options,
        });
      }
      expect(meta.keys.map((k) => ({ name: k.name, columns: [...k.columns] }))).toEqual(expect.arrayContaining(t.keys.map((k) => ({ name: k.name, columns: [...k.columns] }))));
    }
  });

  it('the emulator’s contact has clar_syncstatus with the solution’s option values, usable through the alternate key', async () => {
    const contact = dv.emulator.registry.require('contact');
    expect(contact.columnMap.get('clar_syncstatus')?.options).toEqual({ [SYNC_STATUS.synced]: 'Synced', [SYNC_STATUS.pending]: 'Pending', [SYNC_STATUS.error]: 'Error' });

    const upsert = await dv.request(`${dv.api}contacts(clar_clarityid='cus_schema_1')`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', prefer: 'return=representation' },
      body: JSON.stringify({ lastname: 'Schema', clar_syncstatus: SYNC_STATUS.error, clar_syncerror: 'rejected' }),
    });
    expect(upsert.status).toBeLessThan(300);
    const read = await dv.request(`${dv.api}contacts(clar_clarityid='cus_schema_1')?$select=clar_syncstatus,clar_syncerror`, {
      headers: { prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' },
    });
    const body = (await read.json()) as Record<string, unknown>;
    expect(body.clar_syncstatus).toBe(SYNC_STATUS.error);
    expect(body['clar_syncstatus@OData.Community.Display.V1.FormattedValue']).toBe('Error');

    const invalid = await dv.request(`${dv.api}contacts(clar_clarityid='cus_schema_1')`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clar_syncstatus: 812400009 }),
    });
    expect(invalid.status).toBe(400);
  });
});
