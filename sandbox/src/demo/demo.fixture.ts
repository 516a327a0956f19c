/** One mid-sized data set shared by the demo tests (generated once per test file, ~1,100 orders). */
import { generateDemoData, type DemoData } from './generate';

let cached: DemoData | undefined;

export function sample(): DemoData {
  cached ??= generateDemoData({ customers: 400, seed: 42 });
  return cached;
}

/** Test-side money parsing, deliberately independent of the generator's and the emulator's helpers. */
export function cents(s: string): number {
  expect(s).toMatch(/^-?\d+\.\d{2}$/);
  const [i, f] = s.replace('-', '').split('.');
  return (s.startsWith('-') ? -1 : 1) * (Number(i) * 100 + Number(f));
}

/** `amount × rate` (or the tax inside a gross amount), rounded half away from zero, in cents. */
export function taxCents(base: number, rate: string, included: boolean): number {
  const [i = '0', f = ''] = rate.split('.');
  const den = 10 ** f.length;
  const num = Number(i) * den + Number(f || '0');
  const d = included ? den + num : den;
  const sign = base < 0 ? -1 : 1;
  return sign * Math.floor((2 * Math.abs(base) * num + d) / (2 * d));
}
