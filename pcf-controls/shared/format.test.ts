import { formatMoney, intlFormatter, localeFromLcid } from './format';
import { fill, localize } from './strings';

describe('formatting', () => {
  it('maps Dynamics LCIDs to locales, falling back to en-US', () => {
    expect(localeFromLcid(1031)).toBe('de-DE');
    expect(localeFromLcid(1033)).toBe('en-US');
    expect(localeFromLcid(99999)).toBe('en-US');
    expect(localeFromLcid(undefined)).toBe('en-US');
  });

  it('formats money in the order currency and the user locale', () => {
    expect(formatMoney('en-US', '1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('de-DE', '1234.5', 'EUR').replace(/\s/g, ' ')).toBe('1.234,50 €');
    expect(formatMoney('en-US', 12, 'JPY')).toBe('¥12');
  });

  it('keeps unknown currencies and non-numbers readable', () => {
    expect(formatMoney('en-US', '10', 'XXXX')).toBe('10.00 XXXX');
    expect(formatMoney('en-US', 'n/a', 'USD')).toBe('n/a');
  });

  it('formats dates in the user locale, leaving invalid input as is', () => {
    const f = intlFormatter('de-DE', 'UTC');
    expect(f.date('2026-03-05T10:00:00Z')).toBe('5. März 2026');
    expect(intlFormatter('en-US', 'UTC').date('2026-03-05T10:00:00Z')).toBe('Mar 5, 2026');
    expect(f.date('garbage')).toBe('garbage');
    expect(f.integer(12345)).toBe('12.345');
  });
});

describe('strings', () => {
  it('falls back to the English default when the resx lacks a key', () => {
    const s = localize({ A: 'a', B: 'b' }, (k) => (k === 'A' ? 'Ä' : k));
    expect(s).toEqual({ A: 'Ä', B: 'b' });
  });

  it('fills {n} placeholders', () => {
    expect(fill('{0} points to {1}', 250, 'Gold')).toBe('250 points to Gold');
    expect(fill('{0} and {2}', 'x')).toBe('x and {2}');
  });
});
