// Message templates as records: the four defaults, channels, keys, and the strict inputs that refuse unknown placeholders when saving.
import { z } from 'zod';
import { entityId, optionalText, queryVersion, requiredLongText, requiredText, version } from './fields';
import type { WithAuthorNames } from './people';
import { describeTemplateProblem, parseTemplate, type PlaceholderName } from './templates';

export const TEMPLATE_CHANNELS = ['email', 'sms', 'whatsapp', 'letter', 'any'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/** The defaults every device starts with (migration 014): editable, never deleted. */
export const DEFAULT_TEMPLATE_KEYS = ['status_update', 'vehicle_arrived', 'payment_reminder', 'order_completed'] as const;
export type DefaultTemplateKey = (typeof DEFAULT_TEMPLATE_KEYS)[number];

export const isDefaultTemplateKey = (key: string): key is DefaultTemplateKey => (DEFAULT_TEMPLATE_KEYS as readonly string[]).includes(key);

export const TEMPLATE_SUBJECT_MAX = 200;
export const TEMPLATE_BODY_MAX = 8000;

export interface MessageTemplate {
  id: string;
  key: string;
  name: string;
  channel: TemplateChannel;
  /** null for channels without one (SMS, WhatsApp). */
  subject: string | null;
  body: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A template as the API shows it: authors' names, and whether it is one of the defaults (which cannot be deleted). */
export type MessageTemplateView = WithAuthorNames<MessageTemplate> & { isDefault: boolean };

/** Refuses, naming the field, text whose placeholders Portside does not know or whose braces it cannot read. */
function checkPlaceholders(label: string) {
  return (text: string, ctx: z.RefinementCtx): void => {
    const [first] = parseTemplate(text).problems;
    if (first) ctx.addIssue({ code: 'custom', message: describeTemplateProblem(label, first) });
  };
}

const subjectText = optionalText('Subject', TEMPLATE_SUBJECT_MAX).superRefine((text, ctx) => {
  if (text !== undefined) checkPlaceholders('Subject')(text, ctx);
});
const bodyText = requiredLongText('Body', TEMPLATE_BODY_MAX).superRefine(checkPlaceholders('Body'));
const channel = z.enum(TEMPLATE_CHANNELS, { error: `Channel must be one of ${TEMPLATE_CHANNELS.join(', ')}.` });
const templateName = requiredText('Name', 120);

export const templateListInput = z.strictObject({
  channel: z.preprocess((v) => (v === '' ? undefined : v), channel.optional()),
});
export type TemplateListInput = z.infer<typeof templateListInput>;

/** A custom template's key is made from its name ("Deposit received" -> deposit_received), unique among live templates. */
export const templateCreateInput = z.strictObject({
  name: templateName,
  channel: channel.default('any'),
  subject: subjectText,
  body: bodyText,
});
export type TemplateCreateInput = z.infer<typeof templateCreateInput>;

export const templateUpdateInput = z.strictObject({
  id: entityId('Template id'),
  version,
  name: templateName.optional(),
  channel: channel.optional(),
  /** null clears it. */
  subject: z.union([z.null(), subjectText]),
  body: bodyText.optional(),
});
export type TemplateUpdateInput = z.infer<typeof templateUpdateInput>;

export const templateDeleteInput = z.strictObject({ id: entityId('Template id'), version: queryVersion });
export type TemplateDeleteInput = z.infer<typeof templateDeleteInput>;

/**
 * Preview a saved template (templateId), or text being edited (subject and body, checked as saving
 * checks them), against an order; without an order, order values show as dashes. The service
 * refuses both forms at once, after looking the template up (an unknown one is 404 either way).
 */
export const templatePreviewInput = z.strictObject({
  orderId: entityId('Order').optional(),
  templateId: entityId('Template').optional(),
  subject: subjectText,
  body: bodyText.optional(),
});
export type TemplatePreviewInput = z.infer<typeof templatePreviewInput>;

export interface TemplatePreview {
  /** null when the template has no subject (SMS, WhatsApp). */
  subject: string | null;
  /** null when only a subject was sent to preview. */
  body: string | null;
  placeholders: PlaceholderName[];
  /** The template previewed (null for text being edited). */
  templateKey: string | null;
  /** The order it was rendered against (null: none chosen, order values show as dashes). */
  orderNumber: string | null;
}

/** "Deposit received!" -> "deposit_received": a key for a custom template made from its name. */
export function templateKeyFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return /^[a-z]/.test(slug) && slug.length >= 2 ? slug : `custom_${slug}`.replace(/_+$/, '').slice(0, 40);
}
