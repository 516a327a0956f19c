import { applyRate, formatMoney, includedTax, normalizeMoney, parseMoney, roundToCents } from './money';

describe('money', () => {
  test('parses and formats decimal strings exactly', () => {
    expect(parseMoney('24.99')).toBe(249900n);
    expect(parseMoney('-5')).toBe(-50000n);
    expect(formatMoney(parseMoney('0.1') + parseMoney('0.2'))).toBe('0.30');
    expect(normalizeMoney('24.9900')).toBe('24.99');
    expect(normalizeMoney('1.2345')).toBe('1.2345');
    expect(formatMoney(0n)).toBe('0.00');
  });

  test('rejects floats and junk', () => {
    expect(() => parseMoney('1e3')).toThrow(RangeError);
    expect(() => parseMoney('1.23456')).toThrow(RangeError);
    expect(() => parseMoney('')).toThrow(RangeError);
  });

  test('tax to the cent, rounding half away from zero (spec §4.6 lines)', () => {
    expect(formatMoney(applyRate(parseMoney('44.98'), '0.0825'))).toBe('3.71');
    expect(formatMoney(applyRate(parseMoney('39.95'), '0.0825'))).toBe('3.30');
    expect(formatMoney(applyRate(parseMoney('0.10'), '0.05'))).toBe('0.01'); // 0.005 rounds up
    expect(formatMoney(roundToCents(parseMoney('-0.005')))).toBe('-0.01');
  });

  test('tax included in a gross amount', () => {
    expect(formatMoney(includedTax(parseMoney('108.25'), '0.0825'))).toBe('8.25');
  });
});
