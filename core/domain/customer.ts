// Customers: the people and companies who buy orders of imported vehicles.
import { z } from 'zod';
import type { CommunicationView } from './communication';
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
import type { DuplicateReason } from './customer-duplicates';
import {
  addressList,
  contactList,
  type CustomerAddress,
  type CustomerContact,
  type CustomerType,
  customerType,
  phoneText,
  segmentList,
} from './customer-profile';
import type { CurrencyAmount } from './customer-totals';

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
/** Checked for shape here; the service turns it into E.164 with the office's default region (customer-phone.ts). */
const phone = phoneText('Phone');
const allowDuplicate = z.boolean({ error: 'allowDuplicate must be true or false.' }).optional();
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
  type: customerType.optional(),
  segments: segmentList.optional(),
  taxId: optionalText('Tax id', 50),
  contacts: contactList.optional(),
  addresses: addressList.optional(),
  /** Save although a likely duplicate exists (the person looked at it and chose to). */
  allowDuplicate: allowDuplicate,
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
  type: customerType.optional(),
  segments: segmentList.optional(),
  taxId: clearableText('Tax id', 50),
  contacts: contactList.optional(),
  addresses: addressList.optional(),
  allowDuplicate: allowDuplicate,
});
export type CustomerUpdateInput = z.infer<typeof customerUpdateInput>;

export const customerListInput = z.strictObject({
  query: searchQuery,
  type: z.preprocess((v) => (v === '' ? undefined : v), customerType.optional()),
  segment: optionalText('Segment', 40),
  limit: pageLimit,
  cursor,
});
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
  type: CustomerType;
  /** Free tags, unique ignoring case, in the order given. */
  segments: string[];
  taxId: string | null;
  contacts: CustomerContact[];
  addresses: CustomerAddress[];
  /** Set once this record was merged into another customer (then it is a tombstone kept for the audit trail). */
  mergedInto: string | null;
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
  /** Per currency, what open orders still owe (see customer-totals.ts orderBalanceDue). */
  openBalance: CurrencyAmount[];
}

/** A row of the customer list as the API shows it. */
export type CustomerListItem = WithAuthorNames<CustomerWithCounts>;

export interface CustomerDetail extends CustomerView {
  /** Newest first, every status. */
  orders: OrderSummary[];
  /** Per currency: what the customer's non-cancelled orders are worth. */
  orderValueByCurrency: { currency: string; orderValue: number; orders: number }[];
  /** Per currency (never summed across currencies): completed + open orders' value. */
  lifetimeValue: CurrencyAmount[];
  /** Per currency: what is still owed on non-cancelled orders (customer-totals.ts orderBalanceDue). */
  outstandingBalance: CurrencyAmount[];
  /** Customers merged into this one, for the audit trail. */
  mergedFrom: { id: string; name: string }[];
  /** The latest communication on any of the customer's orders, newest first (merged customers' included: it follows the orders). */
  communication: CommunicationView[];
}

export const customerDuplicatesInput = z.strictObject({
  name: optionalText('Name', 200),
  email,
  phone,
  company: optionalText('Company', 200),
  excludeId: z.preprocess(blankToUndefined, entityId('excludeId').optional()),
});
export type CustomerDuplicatesInput = z.infer<typeof customerDuplicatesInput>;

/** A likely duplicate and why. */
export interface DuplicateMatch {
  customer: CustomerView;
  reasons: DuplicateReason[];
}

export const customerMergeInput = z.strictObject({
  id: entityId('Customer id'),
  sourceId: entityId('sourceId'),
  version,
  sourceVersion: z
    .number({ error: 'sourceVersion is required: send the version of the duplicate you last loaded.' })
    .int({ error: 'sourceVersion must be a whole number, 1 or more: the version of the duplicate you last loaded.' })
    .min(1, { error: 'sourceVersion must be a whole number, 1 or more: the version of the duplicate you last loaded.' }),
});
export type CustomerMergeInput = z.infer<typeof customerMergeInput>;

/** What a merge did: the target as it now is, and what moved to it. */
export interface CustomerMergeResult {
  customer: CustomerView;
  movedOrders: { id: string; orderNumber: string }[];
  sourceId: string;
}
