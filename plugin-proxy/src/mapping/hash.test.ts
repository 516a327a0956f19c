import { canonicalHash } from './hash';

describe('canonicalHash', () => {
  const h = canonicalHash;
  it('is a sha-256 hex digest, stable across key order at every level', () => {
    expect(h({ a: 1, b: { c: 2, d: [1, 2] } })).toMatch(/^[0-9a-f]{64}$/);
    expect(h({ b: { d: [1, 2], c: 2 }, a: 1 })).toBe(h({ a: 1, b: { c: 2, d: [1, 2] } }));
  });

  it('treats 1 and 1.0, -0 and 0 alike, but not 1 and "1"', () => {
    expect(h({ n: 1 })).toBe(h({ n: 1.0 }));
    expect(h({ n: -0 })).toBe(h({ n: 0 }));
    expect(h({ n: 1 })).not.toBe(h({ n: '1' }));
  });

  it('treats undefined members as missing, but null as a value', () => {
    expect(h({ a: 1, b: undefined })).toBe(h({ a: 1 }));
    expect(h({ a: 1, b: null })).not.toBe(h({ a: 1 }));
  });

  it('normalises timestamps and Unicode, not numeric-looking strings', () => {
    expect(h({ t: '2025-01-15T14:31:02Z' })).toBe(h({ t: '2025-01-15T14:31:02.000Z' }));
    expect(h({ t: '2025-01-15T16:31:02+02:00' })).toBe(h({ t: '2025-01-15T14:31:02Z' }));
    expect(h({ s: 'Jose\u0301' })).toBe(h({ s: 'José' }));
    expect(h({ zip: '00501' })).not.toBe(h({ zip: '501' }));
  });

  it('keeps array order and distinguishes changed content', () => {
    expect(h({ l: [1, 2] })).not.toBe(h({ l: [2, 1] }));
    expect(h({ firstname: 'Maria' })).not.toBe(h({ firstname: 'María' }));
  });
});
