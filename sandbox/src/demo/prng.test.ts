import { allocate } from './cents';
import { Rng } from './prng';
import { iso } from './time';

describe('building blocks', () => {
  test('streams are reproducible per (seed, label) and differ across labels', () => {
    const draw = (seed: number, label: string) => { const r = new Rng(seed, label); return [r.float(), r.int(1, 6), r.guid()]; };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
  });

  test('sampleIndices returns distinct sorted indices', () => {
    const s = new Rng(9, 'x').sampleIndices(1000, 250);
    expect(s).toHaveLength(250);
    expect(new Set(s).size).toBe(250);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
  });

  test('iso matches Date#toISOString without milliseconds', () => {
    const r = new Rng(3, 'iso');
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor(r.float() * 4e12) - 1e12;
      expect(iso(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
    }
  });

  test('allocate splits an amount exactly by weight', () => {
    expect(allocate(500, [4998, 3995, 0])).toEqual([278, 222, 0]);
    expect(allocate(1, [1, 1, 1]).reduce((a, b) => a + b)).toBe(1);
  });
});
