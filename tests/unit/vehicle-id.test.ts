// Specification of vehicle identifiers: ISO 3779 VINs (check digit where the market needs it) and Japanese chassis numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVehicleId, normalizeVehicleId, vinCheckDigit, vinRequiresCheckDigit } from '../../core/domain/vehicle-id';

/** Published example VINs with a correct check digit (position 9). */
const VALID_NORTH_AMERICAN = ['1HGCM82633A004352', '1M8GDM9AXKP042788', '11111111111111111'];
const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
/** ISO 3779 transliteration, written out independently of the implementation. */
const VALUE: Record<string, number> = Object.fromEntries([
  ...'0123456789'.split('').map((d) => [d, Number(d)] as const),
  ...'ABCDEFGH'.split('').map((c, i) => [c, i + 1] as const),
  ...'JKLMN'.split('').map((c, i) => [c, i + 1] as const),
  ['P', 7] as const,
  ['R', 9] as const,
  ...'STUVWXYZ'.split('').map((c, i) => [c, i + 2] as const),
]);

function rejection(raw: string): string {
  const result = checkVehicleId(raw);
  if (result.ok) throw new Error(`expected "${raw}" to be refused`);
  return result.message;
}

describe('vehicle identifiers', () => {
  it('accepts North-American VINs whose check digit is right', () => {
    for (const vin of VALID_NORTH_AMERICAN) expect(checkVehicleId(vin)).toEqual({ ok: true, kind: 'vin', value: vin });
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });

  it('computes the check digit as ISO 3779 says: weighted sum of transliterated values mod 11, 10 written X', () => {
    const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VIN_ALPHABET), { minLength: 17, maxLength: 17 }), (chars) => {
        const sum = chars.reduce((total, ch, i) => total + (VALUE[ch] ?? Number.NaN) * (weights[i] ?? Number.NaN), 0);
        expect(vinCheckDigit(chars.join(''))).toBe(sum % 11 === 10 ? 'X' : String(sum % 11));
      }),
    );
  });

  it('refuses a North-American VIN with one mistyped character, naming the check digit', () => {
    const message = rejection('1HGCM82633A004353');
    expect(message).toBe('VIN "1HGCM82633A004353" fails its check digit (position 9 should be 5): check for a mistyped character.');
    expect(rejection('1HGCM82643A004352')).toContain('check digit (position 9');
  });

  it('catches any single mistyped character that changes the check sum', () => {
    const naVin = fc
      .tuple(fc.constantFrom(...'12345'), fc.array(fc.constantFrom(...VIN_ALPHABET), { minLength: 16, maxLength: 16 }))
      .map(([first, rest]) => {
        const draft = first + rest.join('');
        return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
      });
    fc.assert(
      fc.property(naVin, fc.integer({ min: 0, max: 16 }), fc.constantFrom(...VIN_ALPHABET), (vin, position, typo) => {
        expect(checkVehicleId(vin).ok).toBe(true);
        const original = vin.charAt(position);
        fc.pre(typo !== original && !(position === 0 && !/[1-5]/.test(typo)));
        // A typo that keeps the transliterated value (A for J, say) is invisible to any check digit.
        fc.pre(position === 8 || VALUE[typo] !== VALUE[original]);
        const mistyped = vin.slice(0, position) + typo + vin.slice(position + 1);
        expect(checkVehicleId(mistyped).ok).toBe(false);
      }),
    );
  });

  it('rejects the letters I, O and Q, which VINs never use', () => {
    for (const vin of ['1HGCM82633A00435O', 'WVWZZZ1JZXW00000I', 'JTDKB20U09312345Q']) {
      expect(rejection(vin)).toContain('letters I, O and Q are not allowed');
    }
  });

  it('accepts a Japanese chassis number such as ZVW30-1234567', () => {
    expect(checkVehicleId('ZVW30-1234567')).toEqual({ ok: true, kind: 'chassis', value: 'ZVW30-1234567' });
    expect(checkVehicleId(' zvw30-1234567 ')).toEqual({ ok: true, kind: 'chassis', value: 'ZVW30-1234567' });
    expect(rejection('ZVW30-12')).toContain('e.g. ZVW30-1234567');
  });

  it('accepts European and Japanese VINs without checking a check digit (their markets do not use one)', () => {
    for (const vin of ['WVWZZZ1JZXW000001', 'WBA3A5C51CF256551', 'VF1RFB00X54321987', 'JTDKB20U093123456']) {
      expect(vinRequiresCheckDigit(vin)).toBe(false);
      expect(checkVehicleId(vin)).toEqual({ ok: true, kind: 'vin', value: vin });
    }
  });

  it('says how long a VIN must be and points to the chassis form', () => {
    expect(rejection('1HGCM82633A00435')).toBe(
      'A VIN has 17 characters; "1HGCM82633A00435" has 16. For a Japanese frame number use the form ZVW30-1234567.',
    );
    expect(rejection('   ')).toBe('Enter the VIN or chassis number.');
  });

  it('normalises what a person types: trims, upper-cases, drops inner spaces', () => {
    expect(normalizeVehicleId(' 1hgcm 8263 3a004352 ')).toBe('1HGCM82633A004352');
    expect(checkVehicleId('1hgcm82633a004352')).toEqual({ ok: true, kind: 'vin', value: '1HGCM82633A004352' });
  });
});
