// Post-commit change notifications: the HTTP transport turns them into SSE, Electron into IPC events.
import { EventEmitter } from 'node:events';
import type { NotificationPush } from '../../core/domain/notification-api';

export interface ChangeEvent {
  entity: 'order' | 'vehicle' | 'customer' | 'template' | 'notification';
  id: string;
  /** The operation or rule that changed it, e.g. "orders.addVehicle". */
  cause: string;
  /** Short text for a notification, e.g. "PS-2026-00042 is now In Progress". */
  summary?: string;
  /** Addressed to one user (notifications): only that user's sessions may receive it. */
  recipientId?: string;
  /** A notification for `recipientId` (entity 'notification'). */
  notification?: NotificationPush;
}

export class ChangeEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit(events: readonly ChangeEvent[]): void {
    for (const event of events) this.emitter.emit('change', event);
  }

  /** Every event, addressed ones included: for this process's own listeners (sync loop, notifier), never a session. */
  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** What one user's session may see: every event for all, and those addressed to this user. */
  subscribeFor(userId: string, listener: (event: ChangeEvent) => void): () => void {
    return this.subscribe((event) => {
      if (isVisibleTo(event, userId)) listener(event);
    });
  }

  /** Says a transaction committed (a local change or a pulled page): the notifier reads the audit trail past its cursor. */
  committed(): void {
    this.emitter.emit('committed');
  }

  onCommitted(listener: () => void): () => void {
    this.emitter.on('committed', listener);
    return () => this.emitter.off('committed', listener);
  }
}

/** Events addressed to a user reach that user only; a user nobody knows (signed out) sees none of them. */
export function isVisibleTo(event: ChangeEvent, userId: string | null): boolean {
  return event.recipientId === undefined || (userId !== null && event.recipientId === userId);
}
