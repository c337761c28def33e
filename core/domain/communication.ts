// The order communication log: what a CSR logs (calls, notes, messages), its input rules, and e-mail delivery states.
import { z } from 'zod';
import { blankToUndefined, entityId, farOverLimit, optionalText, pageLimit, requiredLongText } from './fields';
import { normalizeText, textProblem } from './text';

/** `note` is internal (only the team sees it); the others are customer-facing channels. */
export const COMMUNICATION_CHANNELS = ['note', 'phone', 'email', 'sms', 'whatsapp', 'letter'] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];

export const COMMUNICATION_DIRECTIONS = ['in', 'out'] as const;
export type CommunicationDirection = (typeof COMMUNICATION_DIRECTIONS)[number];

/**
 * none: nothing to deliver (notes, calls, inbound messages, outgoing messages on other channels);
 * drafted: an outgoing e-mail without SMTP configured (the CSR sends it from their mail app);
 * queued: waiting to be sent (or re-sent) by this device; sent: the SMTP server accepted it;
 * failed: the last attempt failed, retried at next_attempt_at.
 */
export const DELIVERY_STATUSES = ['none', 'drafted', 'queued', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const CHANNEL_LABELS: Readonly<Record<CommunicationChannel, string>> = {
  note: 'Internal note',
  phone: 'Phone call',
  email: 'E-mail',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  letter: 'Letter',
};

export const MAX_COMMUNICATION_BODY = 8000;
export const MAX_COMMUNICATION_VEHICLES = 200;

const channel = z.enum(COMMUNICATION_CHANNELS, {
  error: `channel must be one of ${COMMUNICATION_CHANNELS.join(', ')} (note is an internal note only your team sees).`,
});
const direction = z.enum(COMMUNICATION_DIRECTIONS, {
  error: 'direction must be in (the customer contacted you) or out (you contacted the customer).',
});

/** Template keys are short slugs ("status_update", "vehicle-arrived"). */
const templateKey = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'templateKey must be text.' })
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'templateKey must be a template key such as status_update (a-z, 0-9, _ and -).' })
    .optional(),
);

const EMAIL_MESSAGE = 'to must be a valid e-mail address, e.g. name@example.com.';
/** One e-mail address: trimmed, NFC, no control characters, at most 200 characters. */
const emailAddress = z.preprocess(
  blankToUndefined,
  z
    .string({ error: EMAIL_MESSAGE })
    .transform((raw, ctx) => {
      if (raw.length > farOverLimit(200)) {
        ctx.addIssue({ code: 'custom', message: 'to must be at most 200 characters.' });
        return z.NEVER;
      }
      const problem = textProblem(raw, { multiline: false });
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `to ${problem}` });
        return z.NEVER;
      }
      return normalizeText(raw, { multiline: false });
    })
    .pipe(z.email({ error: EMAIL_MESSAGE }).max(200, { error: 'to must be at most 200 characters.' }))
    .optional(),
);

const vehicleIds = z
  .array(entityId('vehicleIds item'), { error: 'vehicleIds must be a list of vehicle ids of this order.' })
  .max(MAX_COMMUNICATION_VEHICLES, { error: `vehicleIds may name at most ${MAX_COMMUNICATION_VEHICLES} vehicles.` })
  .optional();

/** `POST /orders/:id/communication`. Author and time come from the session, never from here. */
export const communicationLogInput = z
  .strictObject({
    id: entityId('Order id'),
    channel,
    direction: direction.optional(),
    subject: optionalText('subject', 300),
    body: requiredLongText('body', MAX_COMMUNICATION_BODY),
    vehicleIds,
    correctsId: z.preprocess(blankToUndefined, entityId('correctsId').optional()),
    templateKey,
    to: emailAddress,
  })
  .superRefine((input, ctx) => {
    if (input.channel === 'note' && input.direction !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['direction'],
        message: 'direction is not used on an internal note: leave it out (notes are for your team only).',
      });
    }
    if (input.channel !== 'note' && input.direction === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['direction'],
        message: `direction is required for ${CHANNEL_LABELS[input.channel].toLowerCase()}: in (the customer contacted you) or out (you contacted them).`,
      });
    }
    if (input.to !== undefined && !(input.channel === 'email' && input.direction === 'out')) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'to is only for e-mails you send (channel email, direction out): leave it out.',
      });
    }
  });
export type CommunicationLogInput = z.infer<typeof communicationLogInput>;

export const communicationListInput = z.strictObject({ id: entityId('Order id') });
export type CommunicationListInput = z.infer<typeof communicationListInput>;

export const communicationRetryInput = z.strictObject({ id: entityId('Order id'), entryId: entityId('entryId') });
export type CommunicationRetryInput = z.infer<typeof communicationRetryInput>;

/** One log entry as stored and synced. Content is immutable; only the delivery fields advance (with version). */
export interface CommunicationEntry {
  id: string;
  orderId: string;
  /** The order's customer when the entry was written: the customer page lists it. */
  customerId: string | null;
  channel: CommunicationChannel;
  direction: CommunicationDirection | null;
  subject: string | null;
  body: string;
  vehicleIds: string[];
  templateKey: string | null;
  /** The earlier entry of the same order this one corrects. */
  correctsId: string | null;
  toAddress: string | null;
  deliveryStatus: DeliveryStatus;
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  /** The device that sends it (only that one does: a pulled queued entry is never sent twice). */
  sendingDeviceId: string | null;
  createdAt: string;
  createdBy: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** An entry as the API shows it: its author's name and the entries that correct it. */
export interface CommunicationView extends CommunicationEntry {
  authorName: string;
  /** Ids of later entries that correct this one, oldest first. */
  correctedBy: string[];
}

/** Whether a channel talks to the customer (every channel but the internal note). */
export function isCustomerFacing(channelName: CommunicationChannel): boolean {
  return channelName !== 'note';
}

/** Backoff of e-mail retries: 1 min, 2, 4 … capped at one hour (a mail server down for a day is retried hourly). */
export const EMAIL_RETRY_BASE_MS = 60_000;
export const EMAIL_RETRY_MAX_MS = 3_600_000;

/** When the next attempt after `attempts` failed ones runs. */
export function nextEmailAttemptAt(now: string, attempts: number): string {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  const delay = Math.min(EMAIL_RETRY_BASE_MS * 2 ** exponent, EMAIL_RETRY_MAX_MS);
  return new Date(Date.parse(now) + delay).toISOString();
}

/**
 * A mailto: address with subject and body, for a drafted e-mail opened in the CSR's mail app.
 * RFC 6068: the address part and each header value percent-encoded (spaces as %20, never "+"),
 * line breaks as %0D%0A.
 */
export function mailtoLink(message: { to: string | null; subject: string | null; body: string }): string {
  const encode = (text: string): string => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  const params: string[] = [];
  if (message.subject) params.push(`subject=${encode(message.subject)}`);
  params.push(`body=${encode(message.body)}`);
  return `mailto:${message.to ? encodeURIComponent(message.to).replace(/%40/g, '@') : ''}?${params.join('&')}`;
}

/** `GET /orders/:id/timeline`: newest first, a page at a time. */
export const timelineInput = z.strictObject({
  id: entityId('Order id'),
  limit: pageLimit,
  cursor: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'cursor must be the nextCursor text of the previous page.' })
      .max(200, { error: 'cursor is not one Portside made: start again from the first page.' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'cursor is not one Portside made: start again from the first page.' })
      .optional(),
  ),
});
export type TimelineInput = z.infer<typeof timelineInput>;

export const TIMELINE_KINDS = ['communication', 'status', 'stage', 'payment', 'vehicle', 'order'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

interface TimelineBase {
  /** Unique across sources (the record's or audit entry's id); ties on `at` order by it. */
  id: string;
  at: string;
  actorName: string;
}

export type TimelineItem =
  | (TimelineBase & { kind: 'communication'; entry: CommunicationView })
  | (TimelineBase & { kind: 'status'; from: string | null; to: string; reason: string | null; automatic: boolean })
  | (TimelineBase & {
      kind: 'stage';
      vehicleId: string;
      vin: string | null;
      stage: string | null;
      previousStage: string | null;
      retracted: boolean;
      reason: string | null;
    })
  | (TimelineBase & {
      kind: 'payment';
      paymentId: string;
      /** deposit | instalment | balance | refund */
      paymentKind: string;
      /** Integer minor units of `currency`; money going back for a refund. */
      amount: number;
      currency: string;
      method: string | null;
      reference: string | null;
    })
  | (TimelineBase & {
      kind: 'vehicle';
      action: string;
      vehicleId: string;
      vin: string | null;
      changes: { field: string; before: unknown; after: unknown }[];
      reason: string | null;
    })
  | (TimelineBase & {
      kind: 'order';
      action: string;
      changes: { field: string; before: unknown; after: unknown }[];
      reason: string | null;
    });

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}
