// The notification centre: a user's own notifications (list, mark read) and their per-event-type preferences.
import type {
  NotificationList,
  NotificationListInput,
  NotificationPreferences,
  NotificationPreferencesInput,
  NotificationReadInput,
} from '../../core/domain/notification-api';
import { NOTIFICATION_EVENT_LABELS, NOTIFICATION_EVENT_TYPES } from '../../core/domain/notifications';
import { notificationView } from '../db/repos/notifications-repo';
import type { ServiceDeps } from './unit-of-work';

/**
 * Every call takes the signed-in user's id from the session, never from the input: a user
 * reads, marks and configures only their own. Notifications are local to this device (derived
 * from the synced audit trail), so these writes have no audit entry and no outbox change set.
 */
export class NotificationCentreService {
  constructor(private readonly deps: ServiceDeps) {}

  list(userId: string, input: NotificationListInput): NotificationList {
    const { notifications } = this.deps.repos;
    const page = notifications.page(userId, { unreadOnly: input.unreadOnly ?? false, limit: input.limit, cursor: input.cursor });
    return { items: page.items.map(notificationView), unreadCount: notifications.unreadCount(userId), nextCursor: page.nextCursor };
  }

  /** Marks notifications read (ids of someone else's are ignored, as if unknown); returns the unread count after. */
  markRead(userId: string, input: NotificationReadInput): { marked: number; unreadCount: number } {
    const { notifications } = this.deps.repos;
    const now = this.deps.clock.now();
    const marked = this.deps.db.transaction(() =>
      input.all ? notifications.markAllRead(userId, now) : notifications.markRead(userId, input.ids ?? [], now),
    )();
    // The user's other windows update their bell.
    this.deps.events.emit([{ entity: 'notification', id: userId, cause: 'notifications.read', recipientId: userId }]);
    return { marked, unreadCount: notifications.unreadCount(userId) };
  }

  preferences(userId: string): NotificationPreferences {
    const saved = new Map(this.deps.repos.notifications.preferences(userId).map((p) => [p.eventType, p]));
    return {
      items: NOTIFICATION_EVENT_TYPES.map((eventType) => ({
        eventType,
        label: NOTIFICATION_EVENT_LABELS[eventType],
        inApp: saved.get(eventType)?.inApp ?? true,
        desktop: saved.get(eventType)?.desktop ?? true,
      })),
    };
  }

  setPreferences(userId: string, input: NotificationPreferencesInput): NotificationPreferences {
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      for (const pref of input.preferences) this.deps.repos.notifications.putPreference(userId, pref, now);
    })();
    return this.preferences(userId);
  }
}
