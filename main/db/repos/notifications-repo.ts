// SQL for notifications (local to this device), their preferences, and the notifier's read of the audit trail.
import type { FieldChange } from '../../../core/domain/audit';
import type { NotificationView } from '../../../core/domain/notification-api';
import type { NotificationDigest, NotificationEventType } from '../../../core/domain/notifications';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Db } from '../database';

export interface NotificationRecord extends NotificationView {
  userId: string;
  digest: NotificationDigest;
  changeKey: string | null;
  lastEventAt: string;
  coalesceKey: string;
}

interface NotificationRow {
  id: string;
  user_id: string;
  order_id: string;
  event_type: string;
  title: string;
  body: string;
  entity_type: string;
  entity_id: string;
  digest: string;
  change_key: string | null;
  last_event_at: string;
  created_at: string;
  updated_at: string;
  read_at: string | null;
  count: number;
  coalesce_key: string;
}

/** An audit entry as the notifier reads it: its row number is the notifier's cursor. */
export interface NotifierAuditEntry {
  rowid: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  entityType: string;
  entityId: string;
  orderId: string | null;
  action: string;
  changes: FieldChange[];
  deviceId: string | null;
}

const COLUMNS = [
  'id',
  'user_id',
  'order_id',
  'event_type',
  'title',
  'body',
  'entity_type',
  'entity_id',
  'digest',
  'change_key',
  'last_event_at',
  'created_at',
  'updated_at',
  'read_at',
  'count',
  'coalesce_key',
] as const;

function toRecord(r: NotificationRow): NotificationRecord {
  return {
    id: r.id,
    userId: r.user_id,
    orderId: r.order_id,
    eventType: r.event_type as NotificationEventType,
    title: r.title,
    body: r.body,
    entityType: r.entity_type,
    entityId: r.entity_id,
    digest: JSON.parse(r.digest) as NotificationDigest,
    changeKey: r.change_key,
    lastEventAt: r.last_event_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    readAt: r.read_at,
    count: r.count,
    coalesceKey: r.coalesce_key,
  };
}

function toRow(n: NotificationRecord): NotificationRow {
  return {
    id: n.id,
    user_id: n.userId,
    order_id: n.orderId,
    event_type: n.eventType,
    title: n.title,
    body: n.body,
    entity_type: n.entityType,
    entity_id: n.entityId,
    digest: JSON.stringify(n.digest),
    change_key: n.changeKey,
    last_event_at: n.lastEventAt,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    read_at: n.readAt,
    count: n.count,
    coalesce_key: n.coalesceKey,
  };
}

export function notificationView(n: NotificationRecord): NotificationView {
  const { userId: _u, digest: _d, changeKey: _c, lastEventAt: _l, coalesceKey: _k, ...view } = n;
  return view;
}

export interface PreferenceRow {
  eventType: NotificationEventType;
  inApp: boolean;
  desktop: boolean;
}

const SELECT = `SELECT ${COLUMNS.join(', ')} FROM notifications`;

export class NotificationsRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly openStmt;
  private readonly pageStmts;
  private readonly unreadCountStmt;
  private readonly markReadStmt;
  private readonly markAllReadStmt;
  private readonly preferencesStmt;
  private readonly putPreferenceStmt;
  private readonly auditAfterStmt;
  private readonly maxAuditStmt;
  private readonly getSettingStmt;
  private readonly putSettingStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<NotificationRow>(
      `INSERT INTO notifications (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.updateStmt = db.prepare<NotificationRow>(
      `UPDATE notifications SET title=@title, body=@body, entity_type=@entity_type, entity_id=@entity_id, digest=@digest,
         change_key=@change_key, last_event_at=@last_event_at, updated_at=@updated_at, count=@count WHERE id=@id`,
    );
    this.openStmt = db.prepare<[string, string], NotificationRow>(
      `${SELECT} WHERE user_id = ? AND coalesce_key = ? AND read_at IS NULL ORDER BY last_event_at DESC LIMIT 1`,
    );
    const page = (unread: boolean, after: boolean) =>
      db.prepare<{ user_id: string; after_at: string; after_id: string; limit: number }, NotificationRow>(
        `${SELECT} WHERE user_id = @user_id${unread ? ' AND read_at IS NULL' : ''}${after ? ' AND (updated_at, id) < (@after_at, @after_id)' : ''}
         ORDER BY updated_at DESC, id DESC LIMIT @limit`,
      );
    this.pageStmts = { all: page(false, false), allAfter: page(false, true), unread: page(true, false), unreadAfter: page(true, true) };
    this.unreadCountStmt = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL`,
    );
    this.markReadStmt = db.prepare<[string, string, string]>(
      `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
    );
    this.markAllReadStmt = db.prepare<[string, string]>(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`);
    this.preferencesStmt = db.prepare<[string], { event_type: string; in_app: number; desktop: number }>(
      `SELECT event_type, in_app, desktop FROM notification_preferences WHERE user_id = ?`,
    );
    this.putPreferenceStmt = db.prepare<{ user_id: string; event_type: string; in_app: number; desktop: number; updated_at: string }>(
      `INSERT INTO notification_preferences (user_id, event_type, in_app, desktop, updated_at) VALUES (@user_id, @event_type, @in_app, @desktop, @updated_at)
       ON CONFLICT(user_id, event_type) DO UPDATE SET in_app=excluded.in_app, desktop=excluded.desktop, updated_at=excluded.updated_at`,
    );
    // The rowid follows insertion (the trail is append-only), so local and pulled entries alike come after the cursor.
    this.auditAfterStmt = db.prepare<
      [number, number],
      Omit<NotifierAuditEntry, 'actorId' | 'actorName' | 'entityType' | 'entityId' | 'orderId' | 'changes' | 'deviceId'> & {
        actor_id: string | null;
        actor_name: string;
        entity_type: string;
        entity_id: string;
        order_id: string | null;
        changes: string;
        device_id: string | null;
      }
    >(
      `SELECT rowid, id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, device_id
       FROM audit_entries WHERE rowid > ? ORDER BY rowid LIMIT ?`,
    );
    this.maxAuditStmt = db.prepare<[], { n: number | null }>(`SELECT max(rowid) AS n FROM audit_entries`);
    this.getSettingStmt = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
    this.putSettingStmt = db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
  }

  insert(n: NotificationRecord): void {
    this.insertStmt.run(toRow(n));
  }

  update(n: NotificationRecord): void {
    this.updateStmt.run(toRow(n));
  }

  /** The latest unread notification of this user with this coalesce key: the one a new fact may join. */
  open(userId: string, coalesceKey: string): NotificationRecord | null {
    const row = this.openStmt.get(userId, coalesceKey);
    return row ? toRecord(row) : null;
  }

  page(
    userId: string,
    options: { unreadOnly: boolean; limit: number; cursor?: string | undefined },
  ): {
    items: NotificationRecord[];
    nextCursor: string | null;
  } {
    const after = decodeCursor(options.cursor);
    const stmt = options.unreadOnly
      ? after
        ? this.pageStmts.unreadAfter
        : this.pageStmts.unread
      : after
        ? this.pageStmts.allAfter
        : this.pageStmts.all;
    const rows = stmt.all({ user_id: userId, after_at: after?.sortKey ?? '', after_id: after?.id ?? '', limit: options.limit + 1 });
    const items = rows.slice(0, options.limit).map(toRecord);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > options.limit && last ? encodeCursor(last.updatedAt, last.id) : null };
  }

  unreadCount(userId: string): number {
    return this.unreadCountStmt.get(userId)?.n ?? 0;
  }

  /** Marks the user's own notifications read; ids of other users' notifications are ignored. Returns how many changed. */
  markRead(userId: string, ids: readonly string[], now: string): number {
    return this.markReadStmt.run(now, userId, JSON.stringify(ids)).changes;
  }

  markAllRead(userId: string, now: string): number {
    return this.markAllReadStmt.run(now, userId).changes;
  }

  preferences(userId: string): PreferenceRow[] {
    return this.preferencesStmt.all(userId).map((r) => ({
      eventType: r.event_type as NotificationEventType,
      inApp: r.in_app === 1,
      desktop: r.desktop === 1,
    }));
  }

  putPreference(userId: string, pref: PreferenceRow, now: string): void {
    this.putPreferenceStmt.run({
      user_id: userId,
      event_type: pref.eventType,
      in_app: pref.inApp ? 1 : 0,
      desktop: pref.desktop ? 1 : 0,
      updated_at: now,
    });
  }

  auditAfter(rowid: number, limit: number): NotifierAuditEntry[] {
    return this.auditAfterStmt.all(rowid, limit).map((r) => ({
      rowid: r.rowid,
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      entityType: r.entity_type,
      entityId: r.entity_id,
      orderId: r.order_id,
      action: r.action,
      changes: parseChanges(r.changes),
      deviceId: r.device_id,
    }));
  }

  lastAuditRowid(): number {
    return this.maxAuditStmt.get()?.n ?? 0;
  }

  setting(key: string): string | null {
    return this.getSettingStmt.get(key)?.value ?? null;
  }

  putSetting(key: string, value: string): void {
    this.putSettingStmt.run(key, value);
  }
}

function parseChanges(text: string): FieldChange[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as FieldChange[]) : [];
  } catch {
    return [];
  }
}
