// Customers: the people and companies who buy orders of imported vehicles.
import { z } from 'zod';
import type { OrderSummary } from './order';
import type { WithAuthorNames } from './people';
import {
  blankToUndefined,
  clearableText,
  cursor,
  entityId,
  farOverLimit,
  optionalLongText,
  optionalText,
  pageLimit,
  requiredText,
  searchQuery,
  version,
} from './fields';
import { normalizeText, textProblem } from './text';

export const CONTACT_CHANNELS = ['phone', 'email', 'sms', 'whatsapp', 'letter'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Trims and NFC-normalizes one-line text before a format check, refusing control and bidi characters. */
const oneLine = (label: string, max: number) =>
  z.string({ error: `${label} must be text.` }).transform((raw, ctx) => {
    if (raw.length > farOverLimit(max)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be at most ${max} characters (it has ${raw.length}).` });
      return z.NEVER;
    }
    const problem = textProblem(raw, { multiline: false });
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
      return z.NEVER;
    }
    return normalizeText(raw, { multiline: false });
  });
const email = z.preprocess(
  blankToUndefined,
  oneLine('Email', 200)
    .pipe(
      z
        .email({ error: 'Email must be a valid address, e.g. name@example.com.' })
        .max(200, { error: 'Email must be at most 200 characters.' }),
    )
    .optional(),
);
const PHONE_MESSAGE = 'Phone must contain 6 to 24 digits, optionally starting with + and the country code.';
const phone = z.preprocess(
  blankToUndefined,
  oneLine('Phone', 24)
    .pipe(
      z
        .string()
        .regex(/^\+?[0-9 ()\-.]{6,24}$/, { error: PHONE_MESSAGE })
        // The pattern bounds the characters; spaces and brackets alone ("(((---)))") are no number.
        .refine((text) => (text.match(/[0-9]/g)?.length ?? 0) >= 6, { error: PHONE_MESSAGE }),
    )
    .optional(),
);
const channel = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.enum(CONTACT_CHANNELS, { error: `Preferred channel must be one of ${CONTACT_CHANNELS.join(', ')}.` }).optional(),
);

export const customerCreateInput = z.strictObject({
  name: requiredText('Name', 200),
  company: optionalText('Company', 200),
  email,
  phone,
  address: optionalLongText('Address', 500),
  preferredChannel: channel,
  notes: optionalLongText('Notes', 4000),
});
export type CustomerCreateInput = z.infer<typeof customerCreateInput>;

export const customerUpdateInput = z.strictObject({
  id: entityId('Customer id'),
  version,
  name: requiredText('Name', 200).optional(),
  company: z.union([z.null(), optionalText('Company', 200)]),
  email: z.union([z.null(), email]),
  phone: z.union([z.null(), phone]),
  address: clearableText('Address', 500, { multiline: true }),
  preferredChannel: z.union([z.null(), channel]),
  notes: clearableText('Notes', 4000, { multiline: true }),
});
export type CustomerUpdateInput = z.infer<typeof customerUpdateInput>;

export const customerListInput = z.strictObject({ query: searchQuery, limit: pageLimit, cursor });
export type CustomerListInput = z.infer<typeof customerListInput>;

export interface Customer {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  preferredChannel: ContactChannel | null;
  notes: string | null;
  version: number;
  createdAt: string;
  /** User ids ('system' for Portside itself); the API adds their names (CustomerView). */
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A customer as the API shows it: its author ids with their display names beside them. */
export type CustomerView = WithAuthorNames<Customer>;

/** A customer with their order counts, as the database lists them. */
export interface CustomerWithCounts extends Customer {
  openOrders: number;
  totalOrders: number;
}

/** A row of the customer list as the API shows it. */
export type CustomerListItem = WithAuthorNames<CustomerWithCounts>;

export interface CustomerDetail extends CustomerView {
  orders: OrderSummary[];
  /** Per currency: what the customer's non-cancelled orders are worth. Payments come with their issue. */
  orderValueByCurrency: { currency: string; orderValue: number; orders: number }[];
}
