import { TRANSFORMS, TransformError } from './index';

/** Runs a transform the way the engine does: arguments parsed by the transform's own schema. */
function run(name: string, value: unknown, args: Record<string, unknown> = {}): unknown {
  const def = TRANSFORMS[name];
  if (!def) throw new Error(`no transform ${name}`);
  return def.run(value, def.args.parse(args));
}

describe('text transforms', () => {
  it('trim, lower, upper', () => {
    expect(run('trim', '  Maria ')).toBe('Maria');
    expect(run('lower', 'Maria@Example.COM')).toBe('maria@example.com');
    expect(run('upper', 'tx')).toBe('TX');
    expect(run('trim', 42)).toBe('42');
    expect(() => run('trim', { a: 1 })).toThrow(TransformError);
  });

  it('truncate counts characters, not UTF-16 units', () => {
    expect(run('truncate', 'Barton Springs', { maxLength: 5 })).toBe('Barto');
    expect(run('truncate', 'ab😀cd', { maxLength: 3 })).toBe('ab😀');
    expect(run('truncate', 'short', { maxLength: 50 })).toBe('short');
  });

  it('join and concat skip empty parts', () => {
    expect(run('join', ['Austin', null, '', 'TX'], { separator: ', ' })).toBe('Austin, TX');
    expect(run('join', ['a', 'b'])).toBe('a b');
    expect(run('concat', ['SO-', 10045])).toBe('SO-10045');
  });

  it('fullName composes, splitName splits', () => {
    expect(run('fullName', ['Maria', undefined, ' Lopez '])).toBe('Maria Lopez');
    expect(run('fullName', { firstName: 'Maria', lastName: 'Lopez' })).toBe('Maria Lopez');
    expect(run('splitName', 'Maria de la Cruz', { part: 'first' })).toBe('Maria');
    expect(run('splitName', 'Maria de la Cruz', { part: 'last' })).toBe('de la Cruz');
    expect(run('splitName', 'Cher', { part: 'first' })).toBe('');
    expect(run('splitName', 'Cher', { part: 'last' })).toBe('Cher');
  });

  it('coalesce takes the first non-empty value', () => {
    expect(run('coalesce', [null, ' ', '+15125550142'])).toBe('+15125550142');
    expect(() => run('coalesce', [null, ''])).toThrow('no non-empty value');
  });
});

describe('phone', () => {
  it.each([
    ['(512) 555-0142', '+15125550142'],
    ['512.555.0142', '+15125550142'],
    ['1-512-555-0142', '+15125550142'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
  ])('e164 %s → %s', (input, expected) => {
    expect(run('e164', input)).toBe(expected);
  });

  it('uses the default country for national numbers', () => {
    expect(run('e164', '020 7946 0958', { defaultCountry: 'GB' })).toBe('+442079460958');
  });

  it('keeps what it cannot normalise, unless strict', () => {
    expect(run('e164', ' 555-0142 ext. 12 ')).toBe('555-0142 ext. 12');
    expect(() => run('e164', '555', { strict: true })).toThrow('cannot normalise phone number "555"');
  });
});

describe('geography', () => {
  it('countryName and countryCode are inverse, with aliases', () => {
    expect(run('countryName', 'US')).toBe('United States');
    expect(run('countryName', 'gb')).toBe('United Kingdom');
    expect(run('countryName', 'XK')).toBe('XK'); // unknown codes pass through to the free-text column
    expect(run('countryCode', 'United States')).toBe('US');
    expect(run('countryCode', ' usa ')).toBe('US');
    expect(run('countryCode', 'de')).toBe('DE');
    expect(run('countryCode', 'Nederland')).toBe('NL'); // as the sandbox demo's CRM spells it
    expect(() => run('countryCode', 'Narnia')).toThrow('unknown country "Narnia"');
  });

  it('regionCode', () => {
    expect(run('regionCode', 'Texas')).toBe('TX');
    expect(run('regionCode', 'tx')).toBe('TX');
    expect(run('regionCode', 'Ontario')).toBe('ON');
    expect(run('regionCode', 'Victoria', { country: 'AU' })).toBe('VIC');
    expect(run('regionCode', 'Bavaria')).toBe('Bavaria');
  });
});

describe('conversions', () => {
  it('toIsoDate', () => {
    expect(run('toIsoDate', '2025-01-15T14:30:00Z')).toBe('2025-01-15T14:30:00.000Z');
    expect(run('toIsoDate', '2025-01-15T14:30:00Z', { dateOnly: true })).toBe('2025-01-15');
    expect(() => run('toIsoDate', 'soon')).toThrow('expected a date, got "soon"');
  });

  it('money string ↔ number', () => {
    expect(run('moneyToNumber', '24.99')).toBe(24.99);
    expect(run('moneyToNumber', '$1,024.50')).toBe(1024.5);
    expect(run('numberToMoney', 24.9)).toBe('24.90');
    expect(run('numberToMoney', '7', { decimals: 4 })).toBe('7.0000');
    expect(() => run('moneyToNumber', 'twelve')).toThrow('expected a money amount');
  });

  it('boolean and not', () => {
    expect(run('boolean', 'yes')).toBe(true);
    expect(run('boolean', 0)).toBe(false);
    expect(run('boolean', 'true', { negate: true })).toBe(false);
    expect(run('not', false)).toBe(true);
    expect(() => run('boolean', 'maybe')).toThrow('expected a boolean, got "maybe"');
  });
});

it('every transform documents an example', () => {
  for (const [name, def] of Object.entries(TRANSFORMS)) expect([name, def.example.length > 0]).toEqual([name, true]);
});
