import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorError } from '../errors';
import { compileMapping, loadMappings } from './index';

const base = { name: 'customer-to-contact', from: 'clarity.customer', to: 'dataverse.contact' };

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).code).toBe('CONNECTOR_ERR_MAPPING');
    return (e as Error).message;
  }
  throw new Error('expected a mapping error');
}

describe('validation names the mapping and the field', () => {
  it('unknown transform', () => {
    const msg = problemsOf(() => compileMapping({ ...base, fields: [{ target: 'telephone1', source: 'phone', transform: 'phoneE164x' }] }));
    expect(msg).toBe('mapping customer-to-contact, field "telephone1": unknown transform "phoneE164x"');
  });

  it('reports several problems at once', () => {
    const msg = problemsOf(() =>
      compileMapping({
        ...base,
        fields: [
          { target: 'telephone1', source: 'phone', tranform: 'trim' },
          { target: 'firstname' },
          { target: 'lastname', source: 'lastName', transform: { name: 'truncate', maxLenght: 5 } },
          { target: 'address1_line1', source: 'shippingAddresses[=true].line1' },
          { target: 'statecode', source: 'accountStatus', type: 'int' },
          { target: 'clar_loyaltypoints', source: 'loyaltyPoints', direction: 'clarity-to-dataverse', sourceOfTruth: 'dataverse' },
          { target: 'x', source: 'a', when: { exits: 'a' } },
          { source: 'a' },
          { target: 'y', source: 'a', default: 'abc', type: 'integer' },
        ],
      }),
    );
    const lines = msg.split('\n');
    expect(lines).toEqual([
      'mapping customer-to-contact, field "telephone1": Unrecognized key: "tranform"',
      'mapping customer-to-contact, field "firstname": needs exactly one of "source", "const" or "lookup"',
      'mapping customer-to-contact, field "lastname": transform "truncate": maxLength: Invalid input: expected number, received undefined',
      'mapping customer-to-contact, field "lastname": transform "truncate": Unrecognized key: "maxLenght"',
      'mapping customer-to-contact, field "address1_line1": invalid selector "[=true]" in path "shippingAddresses[=true].line1"',
      expect.stringMatching(/^mapping customer-to-contact, field "statecode": type: Invalid option/),
      'mapping customer-to-contact, field "clar_loyaltypoints": sourceOfTruth "dataverse" contradicts direction "clarity-to-dataverse"',
      expect.stringMatching(/^mapping customer-to-contact, field "x": when: expected one of \{"exists"\}/),
      expect.stringMatching(/^mapping customer-to-contact, field #8: target: Invalid input/),
      'mapping customer-to-contact, field "y": expected an integer, got "abc"',
    ]);
  });

  it('header problems and shadowed rules', () => {
    expect(problemsOf(() => compileMapping({ name: 'Bad Name', from: 'clarity.customer', to: 'clarity.customer', fields: [] }))).toMatch(/^mapping Bad Name: name: expected a lower-case name/m);
    expect(problemsOf(() => compileMapping({ ...base, to: 'clarity.customer', fields: [{ target: 'a', source: 'b' }] }))).toBe(
      'mapping customer-to-contact: "from" and "to" must be different systems (clarity ⇄ dataverse)',
    );
    expect(problemsOf(() => compileMapping({ ...base, fields: [{ target: 'a', source: 'b' }, { target: 'a', source: 'c' }] }))).toBe(
      'mapping customer-to-contact, field "a": never used, an earlier rule for the same target has no "when"',
    );
    expect(problemsOf(() => compileMapping({ ...base, to: 'clarity.customer', from: 'dataverse.contact', fields: [{ target: 'p', lookup: { entitySet: 'accounts', source: 'x' } }] }))).toBe(
      'mapping customer-to-contact, field "p": "lookup" only applies to Dataverse targets',
    );
  });
});

describe('loadMappings', () => {
  it('lists every problem of every file in one error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mappings-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...base, fields: [{ target: 'telephone1', source: 'phone', transform: 'phoneE164x' }] }));
    writeFileSync(join(dir, 'b.json'), '{ "name": ');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...base, fields: [{ target: 'firstname', source: 'firstName' }] }));
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ ...base, fields: [{ target: 'firstname', source: 'firstName' }] }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const msg = problemsOf(() => loadMappings(dir));
    expect(msg).toContain('a.json: mapping customer-to-contact, field "telephone1": unknown transform "phoneE164x"');
    expect(msg).toMatch(/b\.json: not valid JSON: /);
    expect(msg).toContain('c.json: mapping customer-to-contact is also defined in a.json');
    expect(msg).toContain('d.json: mapping customer-to-contact is also defined in a.json');
  });

  it('an empty or missing folder is an error, not an empty set', () => {
    expect(problemsOf(() => loadMappings(mkdtempSync(join(tmpdir(), 'mappings-'))))).toMatch(/no \*\.json mapping files/);
    expect(problemsOf(() => loadMappings(join(tmpdir(), 'does-not-exist-mappings')))).toMatch(/cannot read the mappings folder/);
  });

  it("loads 'plugin-proxy/mappings' and answers unknown names with a mapping error", () => {
    const set = loadMappings(join(__dirname, '..', '..', 'mappings'));
    expect(problemsOf(() => set.get('no-such-mapping'))).toMatch(/mapping no-such-mapping is not defined/);
  });
});
