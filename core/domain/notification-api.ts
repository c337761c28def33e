// Inputs and outputs of the notification, preference, follow and reassign operations.
import { z } from 'zod';
import type { Role } from '../auth/permissions';
import { cursor, entityId, pageLimit, queryBoolean, version } from './fields';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from './notifications';

export const MAX_READ_IDS = 500;

export const notificationListInput = z.strictObject({
  unreadOnly: queryBoolean('unreadOnly'),
  limit: pageLimit,
  cursor,
});
export type NotificationListInput = z.infer<typeof notificationListInput>;

export const notificationReadInput = z
  .strictObject({
    ids: z
      .array(entityId('Notification id'), { error: 'ids must be a list of notification ids.' })
      .min(1, { error: 'ids must name at least one notification (or send {"all": true}).' })
      .max(MAX_READ_IDS, { error: `ids can name at most ${MAX_READ_IDS} notifications at once: send {"all": true} instead.` })
      .optional(),
    all: z.literal(true, { error: 'all must be true (to mark every notification read), or leave it out and send ids.' }).optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.ids === undefined) === (input.all === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: input.ids === undefined ? ['ids'] : ['all'],
        message: 'Send either ids (the notifications to mark read) or {"all": true}, not both and not neither.',
      });
    }
  });
export type NotificationReadInput = z.infer<typeof notificationReadInput>;

const eventType = z.enum(NOTIFICATION_EVENT_TYPES, { error: `eventType must be one of ${NOTIFICATION_EVENT_TYPES.join(', ')}.` });

const preference = z.strictObject(
  {
    eventType,
    inApp: z.boolean({ error: 'inApp must be true or false.' }),
    desktop: z.boolean({ error: 'desktop must be true or false.' }),
  },
  { error: 'Each preference must be an object {eventType, inApp, desktop}.' },
);

export const notificationPreferencesInput = z.strictObject({
  preferences: z
    .array(preference, { error: 'preferences must be a list of {eventType, inApp, desktop}.' })
    .min(1, { error: 'preferences must hold at least one event type.' })
    .max(NOTIFICATION_EVENT_TYPES.length, {
      error: `preferences can hold each of the ${NOTIFICATION_EVENT_TYPES.length} event types once.`,
    })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.eventType)) {
          ctx.addIssue({ code: 'custom', path: [i, 'eventType'], message: `${item.eventType} is listed twice: keep one.` });
        }
        seen.add(item.eventType);
      });
    }),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInput>;

export const orderFollowInput = z.strictObject({ id: entityId('Order id') });
export type OrderFollowInput = z.infer<typeof orderFollowInput>;

export const orderReassignInput = z.strictObject({
  id: entityId('Order id'),
  version,
  assigneeId: entityId('Assignee'),
});
export type OrderReassignInput = z.infer<typeof orderReassignInput>;

export interface NotificationView {
  id: string;
  orderId: string;
  eventType: NotificationEventType;
  title: string;
  body: string;
  /** What the latest fact was about, e.g. a vehicle (stage) or the order (status). */
  entityType: string;
  entityId: string;
  createdAt: string;
  /** When the latest fact joined it (coalescing moves it up the list). */
  updatedAt: string;
  readAt: string | null;
  /** How many facts it sums up ("10 vehicles advanced" is one notification with count 10). */
  count: number;
}

export interface NotificationList {
  items: NotificationView[];
  unreadCount: number;
  nextCursor: string | null;
}

export interface NotificationPreference {
  eventType: NotificationEventType;
  label: string;
  inApp: boolean;
  desktop: boolean;
}

export interface NotificationPreferences {
  items: NotificationPreference[];
}

/** What a notification change event carries to its recipient's sessions (SSE `change`, IPC). */
export interface NotificationPush {
  /** The stored notification; null when the recipient turned in-app notifications of this type off. */
  id: string | null;
  orderId: string;
  eventType: NotificationEventType;
  title: string;
  body: string;
  count: number;
  /** Show it on the desktop too (the recipient's preference). */
  desktop: boolean;
}

/** Someone an order can be assigned to. */
export interface Assignee {
  id: string;
  displayName: string;
  roles: Role[];
}

export interface FollowState {
  orderId: string;
  following: boolean;
  followerCount: number;
}
