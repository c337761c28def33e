// Customer records in core: phone numbers to E.164, likely duplicates, segment rules, money per currency.
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { customerCreateInput, customerUpdateInput } from '../../core/domain/customer';
import { duplicateReasons, editDistance, normalizeName, similarNames } from '../../core/domain/customer-duplicates';
import { isPhoneRegion, normalizePhones, toE164 } from '../../core/domain/customer-phone';
import { segmentsProblem } from '../../core/domain/customer-profile';
import { lifetimeValue, outstandingBalance } from '../../core/domain/customer-totals';
import type { OrderSummary } from '../../core/domain/order';

describe('phone numbers', () => {
  it('normalises a number with its country code to E.164 whatever its spacing', () => {
    expect(toE164('+64 21 555 0101', 'GB')).toBe('+64215550101');
    expect(toE164('+44 (0)20 7946-0018', 'NZ')).toBe('+442079460018');
  });

  it('reads a number without a country code in the default region', () => {
    expect(toE164('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(toE164('021 555 0101', 'NZ')).toBe('+64215550101');
  });

  it('refuses numbers that cannot be parsed or are no valid number', () => {
    expect(toE164('call me', 'GB')).toBeNull();
    expect(toE164('+1 (2) 3-4.5', 'GB')).toBeNull();
    expect(toE164('123456', 'GB')).toBeNull();
    expect(toE164('+44 20 7946', 'GB')).toBeNull();
  });

  it('refuses every bad number of a save at once, naming each field and giving an example', () => {
    let error: unknown;
    try {
      normalizePhones(
        [
          { path: 'phone', label: 'Phone', raw: '+64 21 555 0101' },
          { path: 'contacts.1.phone', label: "Contact 2's phone", raw: '123456' },
        ],
        'GB',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PortsideError);
    const refused = error as PortsideError;
    expect(refused.code).toBe('VALIDATION');
    expect(Object.keys(refused.fields ?? {})).toEqual(['contacts.1.phone']);
    expect(refused.message).toMatch(
      /Contact 2's phone "123456" is not a valid phone number.*e\.g\. \+44 20 7946 0018, or 020 7946 0018 within GB/,
    );
  });

  it('knows a region code from a made-up one', () => {
    expect(isPhoneRegion('GB')).toBe(true);
    expect(isPhoneRegion('NZ')).toBe(true);
    expect(isPhoneRegion('XX')).toBe(false);
    expect(isPhoneRegion('gb')).toBe(false);
  });
});

describe('likely duplicates', () => {
  it('compares names without case, accents or punctuation', () => {
    expect(normalizeName('  Ngātā-Motors, Ltd. ')).toBe('ngata motors ltd');
    expect(similarNames('José Núñez', 'jose nunez')).toBe(true);
    expect(similarNames('Aroha Ngata', 'Ngata, Aroha')).toBe(true);
  });

  it('allows a typo or two in longer names, none in short ones', () => {
    expect(similarNames('Aroha Ngata', 'Aroha Ngatta')).toBe(true);
    expect(similarNames('Christopher Wellington', 'Cristopher Welington')).toBe(true);
    expect(similarNames('Li Wu', 'Lu Wu')).toBe(false);
    expect(similarNames('Aroha Ngata', 'Mere Tane')).toBe(false);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });

  it('matches the same email ignoring case, and the same E.164 phone', () => {
    expect(duplicateReasons({ email: 'aroha@example.com' }, { email: 'aroha@example.com' })).toEqual(['same_email']);
    expect(duplicateReasons({ email: 'Aroha@Example.com' }, { email: 'aroha@example.com' })).toEqual(['same_email']);
    expect(duplicateReasons({ phoneE164: '+64215550101' }, { phoneE164: '+64215550101' })).toEqual(['same_phone']);
    expect(duplicateReasons({ phoneE164: '+64215550101' }, { phoneE164: '+64215550102' })).toEqual([]);
  });

  it('matches a similar name only at the same company', () => {
    const existing = { name: 'Aroha Ngata', company: 'Ngata Motors Ltd' };
    expect(duplicateReasons({ name: 'aroha ngatta', company: 'NGATA MOTORS, LTD.' }, existing)).toEqual(['similar_name_and_company']);
    expect(duplicateReasons({ name: 'Aroha Ngata', company: 'Other Imports' }, existing)).toEqual([]);
    expect(duplicateReasons({ name: 'Aroha Ngata' }, existing)).toEqual([]);
  });

  it('gives every reason that holds', () => {
    const existing = { name: 'Aroha Ngata', company: 'Ngata', email: 'a@x.nz', phoneE164: '+64215550101' };
    expect(duplicateReasons(existing, existing)).toEqual(['same_email', 'same_phone', 'similar_name_and_company']);
  });
});

describe('segments', () => {
  it('are trimmed and unique ignoring case', () => {
    expect(customerCreateInput.parse({ name: 'A', segments: ['  repeat ', 'JDM enthusiast'] }).segments).toEqual([
      'repeat',
      'JDM enthusiast',
    ]);
    expect(segmentsProblem(['Repeat', 'repeat'])).toBe(
      'Segments has "Repeat" and "repeat": the same tag (case does not matter). Keep one.',
    );
    const refused = customerUpdateInput.safeParse({ id: 'c', version: 1, segments: ['Trade', 'TRADE'] });
    expect(refused.success).toBe(false);
  });

  it('hold at most 20 tags of at most 40 characters, none blank', () => {
    const many = Array.from({ length: 21 }, (_, i) => `tag ${i}`);
    expect(customerCreateInput.safeParse({ name: 'A', segments: many }).success).toBe(false);
    expect(customerCreateInput.safeParse({ name: 'A', segments: many.slice(0, 20) }).success).toBe(true);
    expect(customerCreateInput.safeParse({ name: 'A', segments: ['x'.repeat(41)] }).success).toBe(false);
    expect(customerCreateInput.safeParse({ name: 'A', segments: ['x'.repeat(40)] }).success).toBe(true);
    expect(customerCreateInput.safeParse({ name: 'A', segments: ['  '] }).success).toBe(false);
  });

  it('refuse a type that is not private, dealer or fleet', () => {
    expect(customerCreateInput.safeParse({ name: 'A', type: 'fleet' }).success).toBe(true);
    expect(customerCreateInput.safeParse({ name: 'A', type: 'Fleet' }).success).toBe(false);
  });
});

describe('money per currency', () => {
  const orders: Pick<OrderSummary, 'status' | 'orderValue' | 'balanceDue' | 'currency'>[] = [
    { status: 'Completed', orderValue: 1_000_00, balanceDue: 0, currency: 'USD' },
    { status: 'Confirmed', orderValue: 500_00, balanceDue: 450_00, currency: 'USD' },
    { status: 'Draft', orderValue: 2_000_00, balanceDue: 2_000_00, currency: 'JPY' },
    { status: 'Cancelled', orderValue: 9_999_00, balanceDue: -1_000_00, currency: 'USD' },
  ];

  it('counts completed and open orders in the lifetime value, never adding currencies together', () => {
    expect(lifetimeValue(orders)).toEqual([
      { currency: 'USD', amount: 1_500_00 },
      { currency: 'JPY', amount: 2_000_00 },
    ]);
  });

  it("owes each order's balance due, per currency; a Cancelled order's money to refund is not owed by the customer", () => {
    expect(outstandingBalance(orders)).toEqual([
      { currency: 'USD', amount: 450_00 },
      { currency: 'JPY', amount: 2_000_00 },
    ]);
  });
});
