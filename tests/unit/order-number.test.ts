// Specification of order numbers: the two formats, parsing, device codes and the office-time-zone year.
import { describe, expect, it } from 'vitest';
import {
  calendarInZone,
  DEVICE_CODE_ALPHABET,
  deviceCodeFor,
  formatOrderNumber,
  formatProvisionalOrderNumber,
  isDeviceCode,
  isKnownTimeZone,
  parseOrderNumber,
  yearInZone,
} from '../../core/domain/order-number';

describe('order number format', () => {
  it('writes a sequenced number as PS-<year>-<five digits>, growing past 99,999 instead of wrapping', () => {
    expect(formatOrderNumber(2026, 42)).toBe('PS-2026-00042');
    expect(formatOrderNumber(2026, 99_999)).toBe('PS-2026-99999');
    expect(formatOrderNumber(2026, 100_000)).toBe('PS-2026-100000');
  });

  it('writes an offline fallback number as PS-<year>-<device code>-<four digits>', () => {
    expect(formatProvisionalOrderNumber(2027, 'K7QX', 3)).toBe('PS-2027-K7QX-0003');
    expect(formatProvisionalOrderNumber(2027, 'K7QX', 12_345)).toBe('PS-2027-K7QX-12345');
  });

  it('refuses a sequence below 1, a year without four digits and a device code outside the alphabet', () => {
    expect(() => formatOrderNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatOrderNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatOrderNumber(99, 1)).toThrow(RangeError);
    expect(() => formatProvisionalOrderNumber(2027, 'K7QO', 1)).toThrow(RangeError);
    expect(() => formatProvisionalOrderNumber(2027, 'K7Q', 1)).toThrow(RangeError);
  });

  it('parses both formats back to what they were made from', () => {
    expect(parseOrderNumber('PS-2026-00042')).toEqual({ kind: 'sequenced', year: 2026, seq: 42 });
    expect(parseOrderNumber('PS-2026-100000')).toEqual({ kind: 'sequenced', year: 2026, seq: 100_000 });
    expect(parseOrderNumber('PS-2027-K7QX-0003')).toEqual({ kind: 'provisional', year: 2027, deviceCode: 'K7QX', seq: 3 });
    expect(parseOrderNumber(formatProvisionalOrderNumber(2030, '4711', 9))).toEqual({
      kind: 'provisional',
      year: 2030,
      deviceCode: '4711',
      seq: 9,
    });
  });

  it('reads nothing else as an order number', () => {
    for (const text of [
      '',
      'PS-2026-0042',
      'PS-2026-00000',
      'ps-2026-00042',
      'PS-26-00042',
      'PS-2027-K7QO-0003',
      'PS-2027-K7QX-003',
      ' PS-2026-00042',
      'PS-2026-00042x',
    ]) {
      expect(parseOrderNumber(text), text).toBeNull();
    }
  });
});

describe('device codes', () => {
  it('derives the same four-symbol code from the same device id, every time', () => {
    const id = '0b5f3c1e-8f6a-4d4e-9a43-2f1c7d9e6a10';
    expect(deviceCodeFor(id)).toBe(deviceCodeFor(id));
    expect(isDeviceCode(deviceCodeFor(id))).toBe(true);
  });

  it('derives another code on another attempt, for a device whose first code is taken', () => {
    const id = '0b5f3c1e-8f6a-4d4e-9a43-2f1c7d9e6a10';
    expect(deviceCodeFor(id, 1)).not.toBe(deviceCodeFor(id, 0));
  });

  it('spreads device ids over the code space (1,000 random ids: at most a handful share a code)', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => deviceCodeFor(crypto.randomUUID())));
    expect(codes.size).toBeGreaterThan(990);
  });

  it('uses only symbols that cannot be misread or misheard for one another', () => {
    for (const confusable of 'BCDEGILOPSTVZ') expect(DEVICE_CODE_ALPHABET).not.toContain(confusable);
    expect(new Set(DEVICE_CODE_ALPHABET).size).toBe(DEVICE_CODE_ALPHABET.length);
  });
});

describe('the year in the office time zone', () => {
  it('is already next year in Auckland when UTC still has New Year’s Eve (2026-12-31T11:30Z is 2027)', () => {
    expect(yearInZone('2026-12-31T11:30:00.000Z', 'Pacific/Auckland')).toBe(2027);
    expect(yearInZone('2026-12-31T10:59:59.999Z', 'Pacific/Auckland')).toBe(2026);
    expect(yearInZone('2026-12-31T11:30:00.000Z', 'UTC')).toBe(2026);
  });

  it('is still last year in Los Angeles when UTC already has New Year’s Day', () => {
    expect(yearInZone('2027-01-01T05:00:00.000Z', 'America/Los_Angeles')).toBe(2026);
    expect(yearInZone('2027-01-01T08:00:00.000Z', 'America/Los_Angeles')).toBe(2027);
  });

  it('gives the month too, so blocks for next year can be reserved in December', () => {
    expect(calendarInZone('2026-11-30T11:30:00.000Z', 'Pacific/Auckland')).toEqual({ year: 2026, month: 12 });
    expect(calendarInZone('2026-11-30T11:30:00.000Z', 'UTC')).toEqual({ year: 2026, month: 11 });
  });

  it('refuses something that is not an instant', () => {
    expect(() => yearInZone('not a date', 'UTC')).toThrow(RangeError);
  });

  it('knows real IANA zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Pacific/Auckland')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Pacific/Atlantis')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
