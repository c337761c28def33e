// Specification of money handling: integer minor units beside an ISO 4217 code, never floats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCIES, type Currency, currencyExponent, formatMoney, isCurrency, minorToInput, parseMoney } from '../../core/domain/money';

describe('money', () => {
  it('knows each currency and its minor-unit exponent (JPY has none)', () => {
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency('usd')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    for (const c of CURRENCIES) expect([0, 2]).toContain(currencyExponent(c));
  });

  it('formats minor units for display: 1250000 USD is $12,500.00', () => {
    expect(formatMoney(1_250_000, 'USD')).toBe('$12,500.00');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(1_250_000, 'JPY')).toBe('¥1,250,000');
  });

  it('parses what a person types into exact minor units', () => {
    expect(parseMoney('12,500.50', 'USD')).toBe(1_250_050);
    expect(parseMoney(' 12 500 ', 'NZD')).toBe(1_250_000);
    expect(parseMoney('0.1', 'USD')).toBe(10);
    expect(parseMoney('1500', 'JPY')).toBe(1500);
  });

  it('never lets binary floating point creep in (0.29 is 29 cents, not 28.999...)', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(parseMoney('0.29', 'USD')).toBe(29);
    expect(parseMoney('1.15', 'USD')).toBe(115);
    expect(parseMoney('4.35', 'USD')).toBe(435);
  });

  it('refuses text that is not a non-negative amount with at most the currency’s decimals', () => {
    for (const text of ['', 'abc', '-5', '12.345', '1e3', '.5', '1.2.3', '$12']) expect(parseMoney(text, 'USD')).toBeNull();
    expect(parseMoney('1500.5', 'JPY')).toBeNull();
    expect(parseMoney('99999999999999999', 'USD')).toBeNull();
  });

  it('writes minor units as a plain form value', () => {
    expect(minorToInput(1_250_000, 'USD')).toBe('12500.00');
    expect(minorToInput(5, 'USD')).toBe('0.05');
    expect(minorToInput(0, 'GBP')).toBe('0.00');
    expect(minorToInput(1500, 'JPY')).toBe('1500');
    expect(minorToInput(-5, 'USD')).toBe('-0.05');
  });

  it('parseMoney(minorToInput(x)) === x for every non-negative amount and currency', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom<Currency>(...CURRENCIES), (minor, currency) => {
        expect(parseMoney(minorToInput(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});
