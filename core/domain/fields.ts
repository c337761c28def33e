// Reusable zod field schemas for strict input: text, ids, dates, money, versions; every message names the field and the fix.
import { z } from 'zod';
import { CURRENCIES } from './money';
import { hasVisibleCharacter, normalizeText, textProblem } from './text';

/** Turns blank strings from forms into undefined so "optional" means optional. */
export const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** "Name is required." for a missing value, "Name must be text." for a value of another type. */
const typeMessage =
  (label: string, expected: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `${label} is required.` : `${label} must be ${expected}.`;

export interface TextOptions {
  max?: number;
  /** Notes, addresses and reasons keep line breaks and tabs; other fields are one line. */
  multiline?: boolean;
}

/**
 * A length no text within `max` characters reaches before trimming and NFC normalization
 * (which joins at most a few code units into one), short of padding no form would send.
 */
export const farOverLimit = (max: number): number => max * 4 + 1000;

/**
 * Text as Portside stores it: NFC-normalized and trimmed; control characters, bidi overrides
 * and lone surrogates refused; at most `max` characters; at least one visible character.
 */
function cleanText(label: string, { max = 2000, multiline = false }: TextOptions) {
  return z.string({ error: typeMessage(label, 'text') }).transform((raw, ctx) => {
    // Scanning and normalizing megabytes only to refuse them blocks the event loop (IPC has no
    // body limit): text this far over the limit cannot shrink back under it, so it is refused unread.
    if (raw.length > farOverLimit(max)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be at most ${max} characters (it has ${raw.length}).` });
      return z.NEVER;
    }
    const problem = textProblem(raw, { multiline });
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
      return z.NEVER;
    }
    const text = normalizeText(raw, { multiline });
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: `${label} is required.` });
      return z.NEVER;
    }
    if (!hasVisibleCharacter(text)) {
      ctx.addIssue({ code: 'custom', message: `${label} has no visible character: type a real value.` });
      return z.NEVER;
    }
    if (text.length > max) {
      ctx.addIssue({ code: 'custom', message: `${label} must be at most ${max} characters (it has ${text.length}).` });
      return z.NEVER;
    }
    return text;
  });
}

export const requiredText = (label: string, max = 200) => cleanText(label, { max });

export const optionalText = (label: string, max = 2000, options: Omit<TextOptions, 'max'> = {}) =>
  z.preprocess(blankToUndefined, cleanText(label, { max, ...options }).optional());

/** Multi-line required text: reasons that must be given. */
export const requiredLongText = (label: string, max = 1000) => cleanText(label, { max, multiline: true });

/** Multi-line optional text: notes, addresses, reasons. */
export const optionalLongText = (label: string, max = 4000) => optionalText(label, max, { multiline: true });

/** Optional text that may also be cleared with null (for updates). */
export const clearableText = (label: string, max = 2000, options: Omit<TextOptions, 'max'> = {}) =>
  z.union([z.null(), optionalText(label, max, options)]);

/** Ids are UUIDs in practice; anything outside this alphabet cannot be one of ours. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const entityId = (label: string) =>
  z
    .string({ error: typeMessage(label, 'an id (text)') })
    .min(1, { error: `${label} is required.` })
    .regex(ID_PATTERN, { error: `${label} is not a valid id: use the id shown by Portside (letters, digits and dashes).` });

/** A local account name: letters, digits and . _ @ + - (an e-mail address fits), at most 64 characters. */
export const accountName = (label: string) =>
  z
    .string({ error: typeMessage(label, 'text') })
    .min(1, { error: `${label} is required.` })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/, {
      error: `${label} is not an account name: use letters, digits and . _ @ + - (at most 64 characters).`,
    });

export const currency = z.enum(CURRENCIES, {
  error: `Currency must be one of ${CURRENCIES.join(', ')}.`,
});

const MAX_MINOR = 1_000_000_000_000;

/** A price in minor units (cents): a whole number greater than zero. */
export const positiveAmount = (label: string) =>
  z
    .number({ error: typeMessage(label, 'a whole number of minor units (cents), e.g. 1250000 for 12,500.00') })
    .int({ error: `${label} must be a whole number of minor units (cents), e.g. 1250000 for 12,500.00.` })
    .min(1, { error: `${label} must be greater than zero.` })
    .max(MAX_MINOR, { error: `${label} is unrealistically large: check the number of digits.` });

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for "YYYY-MM-DD" naming a day that exists (2026-02-30 does not). */
export function isRealDate(text: string): boolean {
  const m = DATE_ONLY.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A calendar date "YYYY-MM-DD" that exists. */
export const dateOnly = (label: string) =>
  z
    .string({ error: typeMessage(label, 'a date written YYYY-MM-DD') })
    .refine(isRealDate, { error: `${label} must be a real date written YYYY-MM-DD, e.g. 2026-03-01.` });

export const optionalDate = (label: string) => z.preprocess(blankToUndefined, dateOnly(label).optional());
export const clearableDate = (label: string) => z.union([z.null(), optionalDate(label)]);

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses an ISO 8601 instant with an explicit zone, refusing impossible dates and times instead
 * of rolling them over as `Date.parse` does ("2026-02-30T10:00Z" is not 2 March). Returns the
 * instant as UTC with milliseconds, or null.
 */
export function parseInstant(text: string): string | null {
  const m = INSTANT.exec(text);
  if (!m || !isRealDate(m[1] ?? '')) return null;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (m[5] !== 'Z' && (Number(m[6]) > 14 || Number(m[7]) > 59)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** An ISO 8601 instant with a zone; normalised to UTC with milliseconds. */
export const isoInstant = (label: string) =>
  z.string({ error: typeMessage(label, 'a date and time') }).transform((raw, ctx) => {
    const instant = parseInstant(raw);
    if (instant === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${label} must be a real date and time in ISO 8601 with a zone, e.g. 2026-03-01T09:30:00Z.`,
      });
      return z.NEVER;
    }
    return instant;
  });

const VERSION_MESSAGE = 'version must be a whole number, 1 or more: send the version of the record you last loaded.';

/** The version of a record the caller last saw (JSON bodies: a number, never "1" or true). */
export const version = z
  .number({
    error: (issue) =>
      issue.input === undefined ? 'version is required: send the version of the record you last loaded.' : VERSION_MESSAGE,
  })
  .int({ error: VERSION_MESSAGE })
  .min(1, { error: VERSION_MESSAGE })
  .max(Number.MAX_SAFE_INTEGER, { error: VERSION_MESSAGE });

/**
 * A whole number that may arrive as query-string text (GET and DELETE have no body): only plain
 * decimal digits are read as a number; "0x1", "1e2", " 1" or "1.0" stay text and are refused.
 */
const fromQueryDigits = (value: unknown): unknown =>
  typeof value === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(value) ? Number(value) : value;

/** `version` for operations whose input is a query string (DELETE). */
export const queryVersion = z.preprocess(fromQueryDigits, version);

/** Page size from a query string; blank means "not given" like every other list filter. */
export const pageLimit = z.preprocess(
  (v) => fromQueryDigits(blankToUndefined(v)),
  z
    .number({ error: 'limit must be a whole number from 1 to 200.' })
    .int({ error: 'limit must be a whole number from 1 to 200.' })
    .min(1, { error: 'limit must be a whole number from 1 to 200.' })
    .max(200, { error: 'limit must be a whole number from 1 to 200.' })
    .default(50),
);

export const searchQuery = optionalText('Search', 200);

/** Opaque paging cursors are base64url; anything else was not made by Portside. */
export const cursor = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'cursor must be the nextCursor text of the previous page.' })
    .max(500, { error: 'cursor is not one Portside made: start again from the first page.' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'cursor is not one Portside made: start again from the first page.' })
    .optional(),
);

/** For query strings: "true"/"1" -> true, "false"/"0" -> false. */
export const queryBoolean = (label: string) =>
  z.preprocess(
    (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : blankToUndefined(v)),
    z.boolean({ error: `${label} must be true or false.` }).optional(),
  );
