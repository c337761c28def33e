// The notifier: reads the audit trail (local and pulled entries) past its cursor and notifies each order's followers, coalescing bursts.
import type { NotificationPush } from '../../core/domain/notification-api';
import type { OverdueTask } from '../../core/domain/task';
import {
  classifyAuditEntry,
  coalesceKeyOf,
  eventTypeOf,
  mergeDigest,
  type NotificationEventType,
  type NotificationFact,
  notificationText,
  shouldCoalesce,
  startDigest,
} from '../../core/domain/notifications';
import type { NotificationRecord, NotifierAuditEntry } from '../db/repos/notifications-repo';
import type { ChangeEvent } from './change-events';
import type { ServiceDeps } from './unit-of-work';

/** Settings key of the notifier's place in the audit trail (an audit_entries rowid). */
export const NOTIFIER_CURSOR_KEY = 'notifications.audit_cursor';
/** Entries read per transaction: a first pull of thousands of entries is worked through in steps. */
const BATCH = 500;
/** Without notifications to write, the cursor is saved at most this often (re-reading entries that notify nobody is harmless). */
const SAVE_CURSOR_EVERY = 2000;
export const NOTIFICATION_CAUSE = 'notifications.notify';

/**
 * Where overdue tasks come from (the tasks table, wired by one call to `useOverdueTaskSource`): the
 * overdue tasks nobody was told about yet, marked told at `now`. The notifier calls it inside its
 * own transaction, so the mark and the notifications commit together. The mark lives on the task
 * (a new due date or a reopening clears it), so the notifier keeps no cursor of its own.
 */
export interface OverdueTaskSource {
  takeUntold(now: string): OverdueTask[];
}

/** One fact about to be delivered, with where it came from. */
interface Delivery {
  orderId: string;
  orderNumber: string;
  fact: NotificationFact;
  at: string;
  changeKey: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string;
}

export class NotificationsService {
  private cursor: number | null = null;
  private unsaved = 0;
  private running = false;
  private stopListening: (() => void) | null = null;
  private overdueSource: OverdueTaskSource | null = null;

  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Starts notifying: from now on every commit (local or pulled) is followed by `catchUp`. The
   * first start on a database begins at the end of the trail: history (demo data, an upgrade)
   * notifies nobody.
   */
  start(): void {
    if (this.stopListening) return;
    const { notifications } = this.deps.repos;
    if (notifications.setting(NOTIFIER_CURSOR_KEY) === null) {
      notifications.putSetting(NOTIFIER_CURSOR_KEY, String(notifications.lastAuditRowid()));
    }
    this.stopListening = this.deps.events.onCommitted(() => this.catchUp());
    this.catchUp();
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  /** Plugs in the tasks table (one line where the services are wired). */
  useOverdueTaskSource(source: OverdueTaskSource): void {
    this.overdueSource = source;
  }

  /**
   * Reads every audit entry past the cursor and notifies. Returns how many notification events
   * went out. Never throws: a failure (the database busy) is retried at the next commit, and the
   * change that triggered it has already been saved.
   */
  catchUp(): number {
    // Inside someone's transaction (demo seeding) the entries are not committed yet; and never re-entered.
    if (this.running || this.deps.db.inTransaction) return 0;
    this.running = true;
    let sent = 0;
    try {
      for (;;) {
        const { events, more } = this.deps.db.transaction(() => this.step()).immediate();
        this.deps.events.emit(events);
        sent += events.length;
        if (!more) break;
      }
    } catch {
      this.cursor = null;
    } finally {
      this.running = false;
    }
    return sent;
  }

  /**
   * Notifies about overdue tasks nobody was told about yet: their assignee and the order's
   * followers, coalesced per order like any other burst. Run by a timer.
   */
  notifyOverdueTasks(now: string): number {
    const source = this.overdueSource;
    if (!source || this.deps.db.inTransaction) return 0;
    const { events } = this.deps.db
      .transaction(() => {
        const pushes = new Map<string, ChangeEvent>();
        for (const task of source.takeUntold(now)) {
          const order = this.deps.repos.orders.get(task.orderId);
          if (!order) continue;
          const recipients = new Set(this.deps.repos.followers.followers(task.orderId));
          recipients.add(task.assigneeId);
          const delivery: Delivery = {
            orderId: order.id,
            orderNumber: order.orderNumber,
            fact: { type: 'task_overdue', taskId: task.taskId, title: task.title, dueDate: task.dueDate },
            at: now,
            changeKey: `overdue@${now}`,
            actorName: null,
            entityType: 'task',
            entityId: task.taskId,
          };
          for (const userId of recipients) this.deliver(userId, delivery, pushes, new Map());
        }
        return { events: [...pushes.values()] };
      })
      .immediate();
    this.deps.events.emit(events);
    return events.length;
  }

  /** One batch: entries past the cursor into notifications, the cursor saved with them. */
  private step(): { events: ChangeEvent[]; more: boolean } {
    const { notifications } = this.deps.repos;
    const from = this.cursor ?? Number(notifications.setting(NOTIFIER_CURSOR_KEY) ?? 0);
    const entries = notifications.auditAfter(from, BATCH);
    const pushes = new Map<string, ChangeEvent>();
    const preferences = new Map<string, { inApp: boolean; desktop: boolean } | null>();
    for (const entry of entries) this.notifyAbout(entry, pushes, preferences);
    const last = entries[entries.length - 1];
    if (last) {
      this.cursor = last.rowid;
      this.unsaved += entries.length;
      if (pushes.size > 0 || this.unsaved >= SAVE_CURSOR_EVERY) {
        notifications.putSetting(NOTIFIER_CURSOR_KEY, String(last.rowid));
        this.unsaved = 0;
      }
    }
    return { events: [...pushes.values()], more: entries.length === BATCH };
  }

  private notifyAbout(
    entry: NotifierAuditEntry,
    pushes: Map<string, ChangeEvent>,
    preferences: Map<string, { inApp: boolean; desktop: boolean } | null>,
  ): void {
    const fact = classifyAuditEntry(entry);
    if (!fact || entry.orderId === null) return;
    const order = this.deps.repos.orders.get(entry.orderId);
    if (!order) return;
    if (fact.type === 'stage') fact.vin = this.deps.repos.vehicles.get(fact.vehicleId)?.vin ?? null;
    const delivery: Delivery = {
      orderId: order.id,
      orderNumber: order.orderNumber,
      fact,
      at: entry.at,
      // Entries of one transaction share their device and time: that is their change set.
      changeKey: `${entry.deviceId ?? ''}@${entry.at}`,
      actorName: entry.actorName,
      entityType: entry.entityType,
      entityId: entry.entityId,
    };
    for (const userId of this.deps.repos.followers.followers(order.id)) {
      // Nobody is told about their own change, wherever they made it.
      if (userId === entry.actorId) continue;
      this.deliver(userId, delivery, pushes, preferences);
    }
  }

  /** Stores (or coalesces) one user's notification as their preferences say, and queues its push. */
  private deliver(
    userId: string,
    d: Delivery,
    pushes: Map<string, ChangeEvent>,
    preferences: Map<string, { inApp: boolean; desktop: boolean } | null>,
  ): void {
    const eventType = eventTypeOf(d.fact);
    const cacheKey = `${userId}:${eventType}`;
    if (!preferences.has(cacheKey)) preferences.set(cacheKey, this.preferenceOf(userId, eventType));
    const pref = preferences.get(cacheKey);
    if (!pref || (!pref.inApp && !pref.desktop)) return;
    if (!pref.inApp) {
      const text = notificationText(eventType, d.orderNumber, startDigest(d.fact, d.actorName));
      const push: NotificationPush = { id: null, orderId: d.orderId, eventType, ...text, count: 1, desktop: true };
      pushes.set(`${cacheKey}:${d.orderId}`, this.pushEvent(userId, push));
      return;
    }
    const stored = this.store(userId, eventType, d);
    const push: NotificationPush = {
      id: stored.id,
      orderId: d.orderId,
      eventType,
      title: stored.title,
      body: stored.body,
      count: stored.count,
      desktop: pref.desktop,
    };
    // A burst within one batch is one push, carrying the notification as it ends up.
    pushes.set(stored.id, this.pushEvent(userId, push));
  }

  private store(userId: string, eventType: NotificationEventType, d: Delivery): NotificationRecord {
    const { notifications } = this.deps.repos;
    const coalesceKey = coalesceKeyOf(d.orderId, eventType);
    const open = notifications.open(userId, coalesceKey);
    const now = this.deps.clock.now();
    if (open && shouldCoalesce(open, { eventType, orderId: d.orderId, at: d.at, changeKey: d.changeKey })) {
      const digest = mergeDigest(open.digest, d.fact, d.actorName);
      const merged: NotificationRecord = {
        ...open,
        ...notificationText(eventType, d.orderNumber, digest),
        digest,
        count: digest.count,
        entityType: d.entityType,
        entityId: d.entityId,
        changeKey: d.changeKey,
        lastEventAt: d.at > open.lastEventAt ? d.at : open.lastEventAt,
        updatedAt: now,
      };
      notifications.update(merged);
      return merged;
    }
    const digest = startDigest(d.fact, d.actorName);
    const created: NotificationRecord = {
      id: this.deps.ids.next(),
      userId,
      orderId: d.orderId,
      eventType,
      ...notificationText(eventType, d.orderNumber, digest),
      entityType: d.entityType,
      entityId: d.entityId,
      digest,
      changeKey: d.changeKey,
      lastEventAt: d.at,
      createdAt: now,
      updatedAt: now,
      readAt: null,
      count: 1,
      coalesceKey,
    };
    notifications.insert(created);
    return created;
  }

  /** The user's choice for this event type (both on unless they said otherwise); null for a user this device does not know. */
  private preferenceOf(userId: string, eventType: NotificationEventType): { inApp: boolean; desktop: boolean } | null {
    if (!this.deps.repos.users.byId(userId)) return null;
    const saved = this.deps.repos.notifications.preferences(userId).find((p) => p.eventType === eventType);
    return saved ? { inApp: saved.inApp, desktop: saved.desktop } : { inApp: true, desktop: true };
  }

  private pushEvent(userId: string, notification: NotificationPush): ChangeEvent {
    return {
      entity: 'notification',
      id: notification.id ?? notification.orderId,
      cause: NOTIFICATION_CAUSE,
      recipientId: userId,
      notification,
    };
  }
}
