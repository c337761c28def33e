// A customer's profile beyond name and contact: type, segments, tax id, extra contacts and addresses (schemas and rules).
import { z } from 'zod';
import { blankToUndefined, farOverLimit, optionalText, requiredText } from './fields';
import { normalizeText, textProblem } from './text';

export const CUSTOMER_TYPES = ['private', 'dealer', 'fleet'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export const CUSTOMER_TYPE_LABELS: Readonly<Record<CustomerType, string>> = {
  private: 'Private buyer',
  dealer: 'Dealer',
  fleet: 'Fleet',
};

export const MAX_SEGMENTS = 20;
export const MAX_SEGMENT_LENGTH = 40;
export const MAX_CONTACTS = 20;
export const MAX_ADDRESSES = 10;

export const customerType = z.enum(CUSTOMER_TYPES, { error: `Type must be one of ${CUSTOMER_TYPES.join(', ')}.` });

/** The key two segments are compared by: "JDM Enthusiast" and "jdm enthusiast" are one segment. */
export function segmentKey(segment: string): string {
  return segment.normalize('NFC').trim().toLocaleLowerCase('en');
}

/** Problems with a list of segments (already trimmed), or null: duplicates ignoring case, too many. */
export function segmentsProblem(segments: readonly string[]): string | null {
  if (segments.length > MAX_SEGMENTS) return `Segments may hold at most ${MAX_SEGMENTS} tags (it has ${segments.length}).`;
  const seen = new Map<string, string>();
  for (const segment of segments) {
    const key = segmentKey(segment);
    const first = seen.get(key);
    if (first !== undefined) return `Segments has "${first}" and "${segment}": the same tag (case does not matter). Keep one.`;
    seen.set(key, segment);
  }
  return null;
}

/** One segment: one line, trimmed, 1-40 characters. */
const segment = z.string({ error: 'Each segment must be text.' }).transform((raw, ctx) => {
  if (raw.length > farOverLimit(MAX_SEGMENT_LENGTH)) {
    ctx.addIssue({ code: 'custom', message: `Each segment must be at most ${MAX_SEGMENT_LENGTH} characters.` });
    return z.NEVER;
  }
  const problem = textProblem(raw, { multiline: false });
  if (problem) {
    ctx.addIssue({ code: 'custom', message: `Segment ${problem}` });
    return z.NEVER;
  }
  const text = normalizeText(raw, { multiline: false });
  if (text === '') ctx.addIssue({ code: 'custom', message: 'A segment cannot be blank: remove it or type a tag.' });
  else if (text.length > MAX_SEGMENT_LENGTH) {
    ctx.addIssue({ code: 'custom', message: `Segment "${text.slice(0, 20)}…" must be at most ${MAX_SEGMENT_LENGTH} characters.` });
  }
  return text;
});

/** Free tags such as "repeat" or "JDM enthusiast": the whole list is sent each time. */
export const segmentList = z
  .array(segment, { error: 'Segments must be a list of tags, e.g. ["repeat", "trade"].' })
  .max(farOverLimit(MAX_SEGMENTS), { error: `Segments may hold at most ${MAX_SEGMENTS} tags.` })
  .superRefine((list, ctx) => {
    const problem = segmentsProblem(list);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Phone text before normalisation (the service turns it into E.164 with the office's default region). */
export const PHONE_EXAMPLE = '+44 20 7946 0018';
const PHONE_MAX = 24;
export const phoneText = (label: string) => {
  const message = `${label} must contain 6 to 24 digits, optionally starting with + and the country code, e.g. ${PHONE_EXAMPLE}.`;
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be text, e.g. ${PHONE_EXAMPLE}.` })
      .transform((raw, ctx) => {
        if (raw.length > farOverLimit(PHONE_MAX)) {
          ctx.addIssue({ code: 'custom', message: `${label} must be at most ${PHONE_MAX} characters (it has ${raw.length}).` });
          return z.NEVER;
        }
        const problem = textProblem(raw, { multiline: false });
        if (problem) {
          ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
          return z.NEVER;
        }
        return normalizeText(raw, { multiline: false });
      })
      .pipe(
        z
          .string()
          .regex(/^\+?[0-9 ()\-.]{6,24}$/, { error: message })
          // The pattern bounds the characters; spaces and brackets alone ("(((---)))") are no number.
          .refine((text) => (text.match(/[0-9]/g)?.length ?? 0) >= 6, { error: message }),
      )
      .optional(),
  );
};

export const emailText = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be text, e.g. name@example.com.` })
      .trim()
      .pipe(
        z
          .email({ error: `${label} must be a valid address, e.g. name@example.com.` })
          .max(200, { error: `${label} must be at most 200 characters.` }),
      )
      .optional(),
  );

export const contactInput = z.strictObject(
  {
    name: requiredText('Contact name', 200),
    role: optionalText('Contact role', 100),
    email: emailText('Contact email'),
    phone: phoneText('Contact phone'),
  },
  { error: 'Each contact must be an object {name, role?, email?, phone?}.' },
);
export type CustomerContact = { name: string; role: string | null; email: string | null; phone: string | null };

export const addressInput = z.strictObject(
  {
    label: requiredText('Address label', 40),
    lines: z
      .array(requiredText('Address line', 200), { error: 'Address lines must be a list of text, e.g. ["1 Quay St"].' })
      .min(1, { error: 'Address lines need at least one line, e.g. ["1 Quay St"].' })
      .max(4, { error: 'Address lines may hold at most 4 lines.' }),
    city: optionalText('City', 100),
    postcode: optionalText('Postcode', 20),
    country: optionalText('Country', 100),
  },
  { error: 'Each address must be an object {label, lines, city?, postcode?, country?}.' },
);
export type CustomerAddress = { label: string; lines: string[]; city: string | null; postcode: string | null; country: string | null };

export const contactList = z
  .array(contactInput, { error: 'Contacts must be a list of {name, role?, email?, phone?}.' })
  .max(MAX_CONTACTS, { error: `Contacts may hold at most ${MAX_CONTACTS} people.` });
export const addressList = z
  .array(addressInput, { error: 'Addresses must be a list of {label, lines, city?, postcode?, country?}.' })
  .max(MAX_ADDRESSES, { error: `Addresses may hold at most ${MAX_ADDRESSES} entries.` });

/** Contacts and addresses as stored: absent optional parts are null, so records compare field by field. */
export function storedContacts(list: readonly z.infer<typeof contactInput>[]): CustomerContact[] {
  return list.map((c) => ({ name: c.name, role: c.role ?? null, email: c.email ?? null, phone: c.phone ?? null }));
}
export function storedAddresses(list: readonly z.infer<typeof addressInput>[]): CustomerAddress[] {
  return list.map((a) => ({
    label: a.label,
    lines: a.lines,
    city: a.city ?? null,
    postcode: a.postcode ?? null,
    country: a.country ?? null,
  }));
}
