// Order numbers people read over the phone: the format, parsing, the office-time-zone year and the offline device code.

/** A number from the shared sequence: PS-2026-00042 (local counter, or a block reserved from the table). */
export interface SequencedOrderNumber {
  kind: 'sequenced';
  year: number;
  seq: number;
}

/** An offline fallback when no reserved number is left: PS-2027-K7QX-0003 (device code + this device's own sequence). */
export interface ProvisionalOrderNumber {
  kind: 'provisional';
  year: number;
  deviceCode: string;
  seq: number;
}

export type ParsedOrderNumber = SequencedOrderNumber | ProvisionalOrderNumber;

/**
 * Digits, plus only the letters that neither look like a digit or another letter (no I L O S Z B)
 * nor rhyme with another over the phone (no B C D E G P T V Z): 23 symbols, so 4 of them give
 * 279,841 device codes.
 */
export const DEVICE_CODE_ALPHABET = '0123456789AFHJKMNQRUWXY';
export const DEVICE_CODE_LENGTH = 4;

const SEQUENCED = /^PS-(\d{4})-(\d{5,})$/;
const PROVISIONAL = new RegExp(`^PS-(\\d{4})-([${DEVICE_CODE_ALPHABET}]{${DEVICE_CODE_LENGTH}})-(\\d{4,})$`);

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`order number year must have 4 digits (got ${year})`);
}

function assertSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`order number sequence must be a whole number ≥ 1 (got ${seq})`);
}

/** PS-2026-00042: five digits at least, more once a year passes 99,999 orders. */
export function formatOrderNumber(year: number, seq: number): string {
  assertYear(year);
  assertSeq(seq);
  return `PS-${year}-${String(seq).padStart(5, '0')}`;
}

/** PS-2027-K7QX-0003: a device's own number while it has no reserved one left. */
export function formatProvisionalOrderNumber(year: number, deviceCode: string, seq: number): string {
  assertYear(year);
  assertSeq(seq);
  if (!isDeviceCode(deviceCode))
    throw new RangeError(`device code must be ${DEVICE_CODE_LENGTH} of ${DEVICE_CODE_ALPHABET} (got ${deviceCode})`);
  return `PS-${year}-${deviceCode}-${String(seq).padStart(4, '0')}`;
}

export function isDeviceCode(text: string): boolean {
  return text.length === DEVICE_CODE_LENGTH && [...text].every((c) => DEVICE_CODE_ALPHABET.includes(c));
}

/** Reads an order number as written by either format (upper case, as shown); null for anything else. */
export function parseOrderNumber(text: string): ParsedOrderNumber | null {
  const sequenced = SEQUENCED.exec(text);
  if (sequenced) {
    const seq = Number(sequenced[2]);
    if (!Number.isSafeInteger(seq) || seq < 1) return null;
    return { kind: 'sequenced', year: Number(sequenced[1]), seq };
  }
  const provisional = PROVISIONAL.exec(text);
  if (provisional && provisional[2] !== undefined) {
    const seq = Number(provisional[3]);
    if (!Number.isSafeInteger(seq) || seq < 1) return null;
    return { kind: 'provisional', year: Number(provisional[1]), deviceCode: provisional[2], seq };
  }
  return null;
}

/**
 * The device code for a device id: 4 symbols from a 32-bit FNV-1a hash of the id (and `attempt`,
 * so a device whose code is taken can derive another one). The same id always gives the same code.
 */
export function deviceCodeFor(deviceId: string, attempt = 0): string {
  let hash = 0x811c9dc5;
  for (const char of `${deviceId}#${attempt}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let code = '';
  for (let i = 0; i < DEVICE_CODE_LENGTH; i += 1) {
    code += DEVICE_CODE_ALPHABET[hash % DEVICE_CODE_ALPHABET.length] ?? '';
    hash = Math.floor(hash / DEVICE_CODE_ALPHABET.length);
  }
  return code;
}

/** Whether `timeZone` is an IANA zone this runtime knows (e.g. Pacific/Auckland). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar year and month (1-12) an instant falls in, in the office's time zone. */
/** Formatters are costly to build (about 0.3 ms) and every order create asks: one per zone, kept. */
const YEAR_MONTH_FORMATS = new Map<string, Intl.DateTimeFormat>();

function yearMonthFormat(timeZone: string): Intl.DateTimeFormat {
  let format = YEAR_MONTH_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric' });
    YEAR_MONTH_FORMATS.set(timeZone, format);
  }
  return format;
}

export function calendarInZone(instant: string | Date, timeZone: string): { year: number; month: number } {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  const parts = yearMonthFormat(timeZone).formatToParts(date);
  const part = (type: 'year' | 'month'): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}

/** The year an instant falls in at the office: 2026-12-31T11:30Z is already 2027 in Auckland. */
export function yearInZone(instant: string | Date, timeZone: string): number {
  return calendarInZone(instant, timeZone).year;
}
