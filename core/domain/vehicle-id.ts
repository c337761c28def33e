// Vehicle identifiers: 17-character VINs (ISO 3779) or Japanese chassis/frame numbers.

const VIN_CHARS = /^[A-HJ-NPR-Z0-9]{17}$/;
const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** Japanese frame numbers: a model code, a dash, then a serial ("ZVW30-1234567"). */
const CHASSIS = /^[A-Z0-9]{2,8}-[0-9]{4,8}$/;

export type VehicleIdCheck = { ok: true; kind: 'vin' | 'chassis'; value: string } | { ok: false; message: string };

export function normalizeVehicleId(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

/** The ISO 3779 / FMVSS 115 check digit ('0'-'9' or 'X') for position 9. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin.charAt(i);
    const value = /[0-9]/.test(ch) ? Number(ch) : (TRANSLITERATION[ch] ?? 0);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const rem = sum % 11;
  return rem === 10 ? 'X' : String(rem);
}

/**
 * North American VINs (first character 1-5) must carry a valid check digit; other markets
 * (Japan, Europe, ...) do not use one, so only the character set and length are checked there.
 */
export function vinRequiresCheckDigit(vin: string): boolean {
  return /^[1-5]/.test(vin);
}

export function checkVehicleId(raw: string): VehicleIdCheck {
  const value = normalizeVehicleId(raw);
  if (value.length === 0) {
    return { ok: false, message: 'Enter the VIN or chassis number.' };
  }
  if (value.includes('-')) {
    return CHASSIS.test(value)
      ? { ok: true, kind: 'chassis', value }
      : {
          ok: false,
          message: `"${value}" is not a chassis number: use the model code, a dash and the serial, e.g. ZVW30-1234567.`,
        };
  }
  if (value.length !== 17) {
    return {
      ok: false,
      message: `A VIN has 17 characters; "${value}" has ${value.length}. For a Japanese frame number use the form ZVW30-1234567.`,
    };
  }
  if (!VIN_CHARS.test(value)) {
    return {
      ok: false,
      message: `VIN "${value}" has a character VINs never use (letters I, O and Q are not allowed).`,
    };
  }
  if (vinRequiresCheckDigit(value)) {
    const expected = vinCheckDigit(value);
    if (value.charAt(8) !== expected) {
      return {
        ok: false,
        message: `VIN "${value}" fails its check digit (position 9 should be ${expected}): check for a mistyped character.`,
      };
    }
  }
  return { ok: true, kind: 'vin', value };
}
