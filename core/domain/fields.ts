// Reusable zod field schemas: trimmed text, ids, dates, money, with messages for a CSR.
import { z } from 'zod';
import { CURRENCIES } from './money';

/** Turns blank strings from forms into undefined so "optional" means optional. */
const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

export const optionalText = (label: string, max = 2000) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, { error: `${label} must be at most ${max} characters.` })
      .optional(),
  );

/** Optional text that may also be cleared with null (for updates). */
export const clearableText = (label: string, max = 2000) => z.union([z.null(), optionalText(label, max)]);

export const entityId = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(64, { error: `${label} is not a valid id.` });

export const currency = z.enum(CURRENCIES, {
  error: `Currency must be one of ${CURRENCIES.join(', ')}.`,
});

export const minorAmount = (label: string) =>
  z
    .number({ error: `${label} must be a number in minor units (cents).` })
    .int({ error: `${label} must be a whole number of minor units (cents).` })
    .min(0, { error: `${label} cannot be negative.` })
    .max(1_000_000_000_000, { error: `${label} is unrealistically large.` });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date "YYYY-MM-DD" that exists. */
export const dateOnly = (label: string) =>
  z
    .string({ error: `${label} must be a date (YYYY-MM-DD).` })
    .refine(
      (v) => DATE_ONLY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        error: `${label} must be a real date written YYYY-MM-DD.`,
      },
    );

export const optionalDate = (label: string) => z.preprocess(blankToUndefined, dateOnly(label).optional());
export const clearableDate = (label: string) => z.union([z.null(), optionalDate(label)]);

/** An ISO 8601 instant; normalised to UTC with milliseconds. */
export const isoInstant = (label: string) =>
  z
    .string({ error: `${label} must be a date and time.` })
    .refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), {
      error: `${label} must be an ISO 8601 date and time, e.g. 2026-03-01T09:30:00Z.`,
    })
    .transform((v) => new Date(v).toISOString());

/**
 * The version of a record the caller last saw, optional where an older client may omit it;
 * also accepted from a query string (DELETE has no body).
 */
export const optionalVersion = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: 'version must be a number: send the version you last loaded.' })
    .int({ error: 'version must be a whole number.' })
    .min(1, { error: 'version must be at least 1.' })
    .optional(),
);

/** Page size from a query string; blank means "not given" like every other list filter. */
export const pageLimit = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: 'limit must be a number.' })
    .int({ error: 'limit must be a whole number.' })
    .min(1, { error: 'limit must be at least 1.' })
    .max(200, { error: 'limit must be at most 200.' })
    .default(50),
);

export const searchQuery = optionalText('Search', 200);
export const cursor = optionalText('cursor', 500);

/** For query strings: "true"/"1" -> true, "false"/"0" -> false. */
export const queryBoolean = (label: string) =>
  z.preprocess(
    (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : blankToUndefined(v)),
    z.boolean({ error: `${label} must be true or false.` }).optional(),
  );
