// Specification of input validation: zod schemas and parseInput's field paths and messages written for a CSR.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { parseInput } from '../../core/api/validation';
import { loginInput } from '../../core/domain/auth';
import { customerCreateInput, customerUpdateInput } from '../../core/domain/customer';
import { dateOnly, pageLimit } from '../../core/domain/fields';
import { orderCreateInput, orderListInput, orderRemoveVehicleInput, orderUpdateInput } from '../../core/domain/order';
import { stageEventInput, vehicleCreateInput, vehicleListInput } from '../../core/domain/vehicle';

/** The VALIDATION error parseInput throws for `input`; fails the test when the input passes. */
function invalid(schema: z.ZodType, input: unknown): PortsideError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof PortsideError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

const VEHICLE = { vin: '1HGCM82633A004352', make: 'Honda', model: 'Accord', year: 2003 };

describe('parseInput', () => {
  it('names each failing field by its path, e.g. vehicles.1.price', () => {
    const error = invalid(orderCreateInput, {
      currency: 'USD',
      vehicles: [{ vehicleId: 'a', price: 100 }, { vehicleId: 'b', price: -1 }, { vehicleId: 'c' }],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ 'vehicles.1.price': 'Price must be greater than zero.' });
    expect(error.message).toBe('Price must be greater than zero.');
  });

  it('counts the other fields to fix in its message', () => {
    const error = invalid(vehicleCreateInput, { vin: 'ABC', make: ' ', model: '', year: 1800 });
    expect(Object.keys(error.fields ?? {})).toEqual(['vin', 'make', 'model', 'year']);
    expect(error.message).toBe(`${error.fields?.vin} (and 3 more fields to fix)`);
    expect(invalid(vehicleCreateInput, { ...VEHICLE, make: '', model: '' }).message).toBe('Make is required. (and 1 more field to fix)');
  });

  it('says plainly that a missing field is required', () => {
    expect(invalid(z.object({ size: z.number() }), {}).fields).toEqual({ size: 'size is required.' });
    expect(invalid(loginInput, {}).fields).toEqual({ username: 'Username is required.', password: 'Password is required.' });
    expect(invalid(orderUpdateInput, { id: 'o-1' }).fields).toEqual({
      version: 'version is required: send the version of the record you last loaded.',
    });
  });

  it('refuses an input that is an object to JavaScript but no set of named fields (a Map, Set or Date over IPC)', () => {
    for (const input of [new Map([['status', 'Cancelled']]), new Set(['x']), new Date(), [], 'text', 42]) {
      const error = invalid(orderListInput, input);
      expect(error.message).toBe('The request must be a JSON object of named fields.');
      expect(error.fields).toEqual({ _: 'The request must be a JSON object of named fields.' });
    }
    expect(parseInput(orderListInput, Object.assign(Object.create(null) as object, { limit: '5' }))).toEqual({ limit: 5 });
  });

  it('treats a missing body as an empty object', () => {
    expect(parseInput(orderListInput, undefined)).toEqual({ limit: 50 });
    expect(invalid(loginInput, null).fields).toHaveProperty('username');
  });

  it('returns the parsed, normalised value when the input is valid', () => {
    expect(parseInput(orderCreateInput, { currency: 'NZD', customerId: '', notes: '   ' })).toEqual({ currency: 'NZD', vehicles: [] });
  });
});

describe('order schemas', () => {
  it('require a known currency', () => {
    expect(invalid(orderCreateInput, {}).fields).toEqual({ currency: 'Currency must be one of USD, EUR, GBP, JPY, AUD, NZD, CAD, AED.' });
    expect(invalid(orderCreateInput, { currency: 'usd' }).fields).toHaveProperty('currency');
  });

  it('refuse the same vehicle twice in one order', () => {
    const error = invalid(orderCreateInput, { currency: 'USD', vehicles: [{ vehicleId: 'v1' }, { vehicleId: 'v2' }, { vehicleId: 'v1' }] });
    expect(error.fields).toEqual({ 'vehicles.2.vehicleId': 'This vehicle is listed twice in the order.' });
  });

  it('take prices as whole minor units', () => {
    expect(invalid(orderCreateInput, { currency: 'USD', vehicles: [{ vehicleId: 'v1', price: 12.5 }] }).fields).toEqual({
      'vehicles.0.price': 'Price must be a whole number of minor units (cents), e.g. 1250000 for 12,500.00.',
    });
    expect(invalid(orderCreateInput, { currency: 'USD', vehicles: [{ vehicleId: 'v1', price: '1250' }] }).fields).toEqual({
      'vehicles.0.price': 'Price must be a whole number of minor units (cents), e.g. 1250000 for 12,500.00.',
    });
    expect(invalid(orderCreateInput, { currency: 'USD', vehicles: [{ vehicleId: 'v1', price: 0 }] }).fields).toEqual({
      'vehicles.0.price': 'Price must be greater than zero.',
    });
  });

  it('take the estimated completion date as a real calendar date', () => {
    expect(parseInput(orderCreateInput, { currency: 'USD', estimatedCompletionDate: '2026-02-28' }).estimatedCompletionDate).toBe(
      '2026-02-28',
    );
    for (const date of ['2026-02-30', '28/02/2026', '2026-2-3']) {
      expect(invalid(orderCreateInput, { currency: 'USD', estimatedCompletionDate: date }).fields).toEqual({
        estimatedCompletionDate: 'Estimated completion date must be a real date written YYYY-MM-DD, e.g. 2026-03-01.',
      });
    }
    expect(dateOnly('Date').safeParse('2024-02-29').success).toBe(true);
    expect(dateOnly('Date').safeParse('2025-02-29').success).toBe(false);
  });

  it('let an update clear notes and dates with null but keep unspecified fields untouched', () => {
    expect(parseInput(orderUpdateInput, { id: 'o-1', version: 3, notes: null, estimatedCompletionDate: null })).toEqual({
      id: 'o-1',
      version: 3,
      notes: null,
      estimatedCompletionDate: null,
    });
    expect(invalid(orderUpdateInput, { id: 'o-1', version: 3, status: 'Shipped' }).fields).toEqual({
      status: 'Status must be one of Draft, Confirmed, In Progress, Completed, Cancelled.',
    });
  });

  it('say what is wrong with a clearable field given the wrong value, not "Invalid input"', () => {
    expect(invalid(orderUpdateInput, { id: 'o-1', version: 3, notes: 12 }).fields).toEqual({ notes: 'Notes must be text.' });
    expect(invalid(orderUpdateInput, { id: 'o-1', version: 3, notes: 'x'.repeat(5000) }).fields).toEqual({
      notes: 'Notes must be at most 4000 characters (it has 5000).',
    });
    expect(invalid(customerUpdateInput, { id: 'c-1', version: 1, address: { street: 'x' } }).fields).toEqual({
      address: 'Address must be text.',
    });
  });

  it('read list filters from a query string', () => {
    expect(parseInput(orderListInput, { status: '', customerId: '', query: '', limit: '20' })).toEqual({ limit: 20 });
    expect(parseInput(orderListInput, { limit: '' })).toEqual({ limit: 50 });
    for (const limit of ['500', 'ten', '0x10', '1e2', ' 20', '20.0', '0'])
      expect(invalid(orderListInput, { limit }).fields).toEqual({ limit: 'limit must be a whole number from 1 to 200.' });
    expect(pageLimit.parse(undefined)).toBe(50);
  });

  it('take the removal reason as optional text and the version from the query string', () => {
    expect(parseInput(orderRemoveVehicleInput, { id: 'o', version: '3', vehicleId: 'v', reason: '  ' })).toEqual({
      id: 'o',
      version: 3,
      vehicleId: 'v',
    });
    for (const version of ['0x1', '1e0', '01', '-1', '0', 'true', ''])
      expect(invalid(orderRemoveVehicleInput, { id: 'o', version, vehicleId: 'v' }).fields).toHaveProperty('version');
  });
});

describe('vehicle schemas', () => {
  it('check the VIN and give its message for the vin field', () => {
    expect(invalid(vehicleCreateInput, { ...VEHICLE, vin: '1HGCM82633A004353' }).fields).toEqual({
      vin: 'VIN "1HGCM82633A004353" fails its check digit (position 9 should be 5): check for a mistyped character.',
    });
    expect(parseInput(vehicleCreateInput, { ...VEHICLE, vin: 'zvw30-1234567' }).vin).toBe('ZVW30-1234567');
  });

  it('take the year as a whole number only, and keep it realistic', () => {
    expect(parseInput(vehicleCreateInput, { ...VEHICLE, year: 2019 }).year).toBe(2019);
    expect(invalid(vehicleCreateInput, { ...VEHICLE, year: 1899 }).fields).toEqual({ year: 'Year must be 1900 or later.' });
    for (const year of ['2019', 'new', '2e3', [2019], true, null, 2019.5])
      expect(invalid(vehicleCreateInput, { ...VEHICLE, year }).fields).toEqual({ year: 'Year must be a whole number, e.g. 2019.' });
  });

  it('need a currency when a purchase price is given', () => {
    expect(invalid(vehicleCreateInput, { ...VEHICLE, purchasePrice: 1_000_000 }).fields).toEqual({
      currency: 'Currency is required when a purchase price is given.',
    });
    expect(parseInput(vehicleCreateInput, { ...VEHICLE, purchasePrice: 1_000_000, currency: 'JPY' }).purchasePrice).toBe(1_000_000);
  });

  it('take a stage event with a known stage and an ISO instant normalised to UTC', () => {
    expect(parseInput(stageEventInput, { id: 'v', stage: 'arrived', at: '2026-03-01T09:30:00+13:00' })).toEqual({
      id: 'v',
      stage: 'arrived',
      at: '2026-02-28T20:30:00.000Z',
    });
    expect(invalid(stageEventInput, { id: 'v', stage: 'shipped' }).fields?.stage).toMatch(/^Stage must be one of pending, purchased/);
    expect(invalid(stageEventInput, { id: 'v', stage: 'arrived', at: 'yesterday' }).fields).toEqual({
      at: 'Stage date must be a real date and time in ISO 8601 with a zone, e.g. 2026-03-01T09:30:00Z.',
    });
    // Impossible dates are refused, not rolled over (2026-02-30 is not 2 March); a zone is required.
    for (const at of ['2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00', '2026-03-01'])
      expect(invalid(stageEventInput, { id: 'v', stage: 'arrived', at }).fields).toHaveProperty('at');
  });

  it('read available=true|false from a query string', () => {
    expect(parseInput(vehicleListInput, { available: 'true' }).available).toBe(true);
    expect(parseInput(vehicleListInput, { available: '0' }).available).toBe(false);
    expect(invalid(vehicleListInput, { available: 'maybe' }).fields).toEqual({ available: 'available must be true or false.' });
  });
});

describe('customer schemas', () => {
  it('need a name and give friendly messages for email and phone', () => {
    expect(invalid(customerCreateInput, { name: '  ', email: 'not-an-email', phone: 'call me' }).fields).toEqual({
      name: 'Name is required.',
      email: 'Email must be a valid address, e.g. name@example.com.',
      phone: 'Phone must contain 6 to 24 digits, optionally starting with + and the country code, e.g. +44 20 7946 0018.',
    });
  });

  it('treat blank optional fields as not given', () => {
    expect(parseInput(customerCreateInput, { name: ' Aroha Ngata ', email: '', phone: '', preferredChannel: '' })).toEqual({
      name: 'Aroha Ngata',
    });
  });

  it('let an update clear optional fields with null', () => {
    expect(parseInput(customerUpdateInput, { id: 'c', version: 1, email: null, company: null })).toEqual({
      id: 'c',
      version: 1,
      email: null,
      company: null,
    });
    expect(invalid(customerUpdateInput, { id: 'c', version: 1, name: null }).fields).toHaveProperty('name');
  });
});

describe('text that hides what it is', () => {
  it('refuses a phone number with no digits in it, only brackets, dashes and spaces', () => {
    for (const phone of ['(((---)))', '+1 (2) 3-4.5', '  ......  ']) {
      expect(invalid(customerCreateInput, { name: 'Aroha', phone }).fields).toEqual({
        phone: 'Phone must contain 6 to 24 digits, optionally starting with + and the country code, e.g. +44 20 7946 0018.',
      });
    }
    expect(parseInput(customerCreateInput, { name: 'Aroha', phone: '+64 (21) 555-0101' }).phone).toBe('+64 (21) 555-0101');
  });

  it('treats the Unicode line and paragraph separators as line breaks: refused on one line, "\\n" in notes', () => {
    expect(invalid(customerCreateInput, { name: 'Aroha\u2028Ngata' }).fields).toEqual({
      name: 'Name must be on one line: remove the line break.',
    });
    expect(invalid(customerCreateInput, { name: 'Aroha\u2029Ngata' }).fields).toHaveProperty('name');
    expect(parseInput(customerCreateInput, { name: 'Aroha', notes: 'One\u2028Two\u2029Three' }).notes).toBe('One\nTwo\nThree');
  });

  it('refuses names made only of characters that draw nothing (Hangul fillers, the blank Braille pattern)', () => {
    for (const name of ['\u3164', '\u115F\u1160', '\uFFA0', '\u2800\u2800', '\u3164\u200B\u2800']) {
      expect(invalid(customerCreateInput, { name }).fields).toEqual({ name: 'Name has no visible character: type a real value.' });
    }
    // Emoji joined or flagged with invisible characters still show: kept exactly.
    for (const name of ['👩\u200D🔧', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', '❤\uFE0F', 'ㅤAroha']) {
      expect(parseInput(customerCreateInput, { name }).name).toBe(name);
    }
  });
});

describe('text far over its limit', () => {
  it('is refused by its length before it is scanned or normalized (megabytes would block the event loop)', () => {
    // The control character would be reported first if the text were read.
    expect(invalid(customerCreateInput, { name: `${'x'.repeat(2000)}\u0000` }).fields).toEqual({
      name: 'Name must be at most 200 characters (it has 2001).',
    });
    expect(invalid(customerCreateInput, { name: 'A', phone: `${'1'.repeat(5000)}\u202E` }).fields).toEqual({
      phone: 'Phone must be at most 24 characters (it has 5001).',
    });
    // Within reach of the limit, text is still trimmed and normalized before it is measured.
    const decomposed = 'e\u0301'.repeat(200);
    expect(parseInput(customerCreateInput, { name: `   ${decomposed}   ` }).name).toBe('\u00E9'.repeat(200));
  });
});
