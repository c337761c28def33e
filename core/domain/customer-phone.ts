// Phone numbers to E.164 with libphonenumber-js: a number without a country code is read in the office's default region.
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { PortsideError } from '../api/errors';

export const DEFAULT_PHONE_REGION = 'GB';

/** Example numbers per region for messages; others fall back to an international one. */
const NATIONAL_EXAMPLES: Readonly<Record<string, string>> = {
  GB: '020 7946 0018',
  NZ: '021 555 0101',
  AU: '0412 345 678',
  US: '(201) 555-0123',
  IE: '085 123 4567',
  JP: '090-1234-5678',
};

/** Whether `region` is a two-letter region libphonenumber knows (e.g. GB, NZ). */
export function isPhoneRegion(region: string): region is CountryCode {
  return /^[A-Z]{2}$/.test(region) && isSupportedCountry(region);
}

/** The number in E.164 (+442079460018), or null when it cannot be parsed or is no valid number. */
export function toE164(raw: string, region: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, isPhoneRegion(region) ? region : DEFAULT_PHONE_REGION);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** The fix to show for a number that is not one: an international example and one in the default region. */
export function phoneExample(region: string): string {
  const national = NATIONAL_EXAMPLES[region];
  return national ? `+44 20 7946 0018, or ${national} within ${region}` : '+44 20 7946 0018';
}

/**
 * Normalises the phone fields of one input to E.164, collecting a message per bad field (keyed
 * by its path, e.g. `phone` or `contacts.1.phone`) and refusing them all at once (VALIDATION).
 */
export function normalizePhones(entries: readonly { path: string; label: string; raw: string }[], region: string): Map<string, string> {
  const out = new Map<string, string>();
  const fields: Record<string, string> = {};
  for (const { path, label, raw } of entries) {
    const e164 = toE164(raw, region);
    if (e164) out.set(path, e164);
    else
      fields[path] =
        `${label} "${raw}" is not a valid phone number: type it with its country code or as dialled in ${region}, e.g. ${phoneExample(region)}.`;
  }
  const first = Object.values(fields)[0];
  if (first) throw new PortsideError('VALIDATION', first, { fields });
  return out;
}
