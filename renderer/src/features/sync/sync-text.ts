// What the Sync screen says: field and operation names for a person, a conflict's values as text, and the queue's state labels.
import type { QueuedChangeSet, SyncConflict } from '../../../../core/domain/sync-conflict';
import type { SyncStatus } from '../../../../core/domain/sync-status';
import { signInToSyncText } from '../shell/sync-pill-state';

const FIELD_LABELS: Record<string, string> = {
  notes: 'Notes',
  targetCompletionDate: 'Estimated completion date',
  customerId: 'Customer',
  currency: 'Currency',
  status: 'Status',
  price: 'Agreed price',
  name: 'Name',
  company: 'Company',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  preferredChannel: 'Preferred contact',
  retractReason: 'Retraction reason',
  removedReason: 'Removal reason',
  openOrders: 'Open orders',
  deleted: 'Deleted on another device',
};

/** "Notes", "Agreed price"; an unknown field is split from camelCase ("holdReason" -> "Hold reason"). */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const OPERATION_LABELS: Record<string, string> = {
  'orders.create': 'New order',
  'orders.update': 'Order edited',
  'orders.addVehicle': 'Vehicle added to an order',
  'orders.removeVehicle': 'Vehicle removed from an order',
  'orders.updateVehicle': 'Agreed price changed',
  'customers.create': 'New customer',
  'customers.update': 'Customer edited',
  'vehicles.create': 'Vehicle registered',
  'vehicles.recordStage': 'Stage recorded',
  'vehicles.retractStage': 'Stage retracted',
  'sync.merge': 'Merged with another device',
  'sync.conflicts.resolve': 'Conflict resolved',
  'auth.login': 'Sign-in',
  'auth.logout': 'Sign-out',
};

/** "Order edited" for orders.update; an unknown operation shows its own name. */
export function operationLabel(operation: string): string {
  return OPERATION_LABELS[operation] ?? operation;
}

/** A conflict's value as a line of text: "(empty)" for nothing, lists joined, a price in units. */
export function conflictValueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.map((v) => conflictValueText(field, v)).join(', ');
  if (field === 'price' && typeof value === 'number') return (value / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The text an "Edit" input starts with: mine, as the person typed it. */
export function editStartText(conflict: Pick<SyncConflict, 'field' | 'mine'>): string {
  const { mine } = conflict;
  if (typeof mine === 'string') return mine;
  if (typeof mine === 'number') return conflict.field === 'price' ? (mine / 100).toFixed(2) : String(mine);
  return '';
}

/** The edited text as the value the API takes: a price back in minor units, blank as null (cleared). */
export function editedValueOf(field: string, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (field === 'price') {
    const amount = Number(trimmed.replace(/,/g, ''));
    return Number.isFinite(amount) ? Math.round(amount * 100) : trimmed;
  }
  return text;
}

/**
 * Whether resolving with this choice needs a reason: keeping a status of Cancelled cancels the
 * order, and a cancellation always carries one (the order rules refuse it without).
 */
export function resolutionNeedsReason(
  conflict: Pick<SyncConflict, 'field' | 'mine' | 'entity'>,
  choice: 'mine' | 'edit',
  value?: unknown,
): boolean {
  if (conflict.entity !== 'order' || conflict.field !== 'status') return false;
  return (choice === 'mine' ? conflict.mine : value) === 'Cancelled';
}

/** Why "Keep mine" cannot apply for this person: keeping Cancelled on an order past Draft needs a Manager (orders:cancel). */
export function keepMineBlockedReason(
  conflict: Pick<SyncConflict, 'field' | 'mine' | 'theirs' | 'entity'>,
  mayCancelConfirmed: boolean,
): string | null {
  if (mayCancelConfirmed || !resolutionNeedsReason(conflict, 'mine') || conflict.theirs === 'Draft') return null;
  return 'Only a Manager can cancel a confirmed order: keep theirs, or ask a Manager.';
}

/** The reason as typed, or an error for a person when it is blank. */
export function cancelReasonOf(text: string): { reason: string } | { error: string } {
  const reason = text.trim();
  return reason === '' ? { error: 'Enter why the order is cancelled: a cancellation always carries its reason.' } : { reason };
}

export const QUEUE_STATE_LABELS: Record<QueuedChangeSet['state'], string> = {
  pending: 'Waiting',
  parked: 'Could not be sent',
  conflict: 'Conflict',
};

/** The loop tried and got no answer: a pass still under way then only waits for its retry (its progress would sit at 0 %). */
export function isOffline(status: SyncStatus): boolean {
  return status.mode === 'cloud' && !status.online && status.lastError !== null;
}

/** No pass has ended yet, well or badly (just started): neither online nor offline is known. */
export function isConnecting(status: SyncStatus): boolean {
  return status.mode === 'cloud' && !status.online && status.lastError === null && status.lastSuccessAt === null;
}

/** The progress to show: none while offline. */
export function visibleProgress(status: SyncStatus): SyncStatus['progress'] {
  return isOffline(status) ? null : status.progress;
}

/** "Online", "Offline", "Connecting…" or "Local only": the Connection fact. */
export function connectionLabel(status: SyncStatus): string {
  if (status.mode === 'local') return 'Local only';
  if (status.online) return 'Online';
  if (status.waiting === 'sign-in') return 'Waiting for sign-in';
  return isConnecting(status) ? 'Connecting…' : 'Offline';
}

/** The summary line at the top of the Sync screen. */
export function syncHeadline(status: SyncStatus): string {
  if (status.mode === 'local') return 'This computer keeps its changes locally: no shared table is set up.';
  if (status.waiting === 'sign-in') return signInToSyncText(status);
  if (isOffline(status)) {
    const waiting = status.pending > 0 ? `${status.pending} ${status.pending === 1 ? 'change waits' : 'changes wait'}` : 'changes wait';
    return `Offline: ${waiting} here and ${status.pending === 1 ? 'is' : 'are'} sent when Portside reaches the shared table.`;
  }
  if (status.progress) {
    const what =
      status.progress.phase === 'pushing'
        ? 'Sending changes'
        : status.progress.phase === 'pulling'
          ? 'Receiving changes'
          : 'First download';
    return `${what}…`;
  }
  if (isConnecting(status)) return 'Connecting to the shared table…';
  if (!status.online) return 'Offline: changes wait here and are sent when Portside reaches the shared table.';
  if (status.pending > 0) return `${status.pending} ${status.pending === 1 ? 'change is' : 'changes are'} on the way to the shared table.`;
  return 'Everything is sent.';
}

/** Progress as a fraction when its total is known, else null (an open-ended pull shows a count). */
export function progressFraction(progress: SyncStatus['progress']): number | null {
  if (!progress || progress.total === null || progress.total <= 0) return null;
  return Math.min(1, progress.done / progress.total);
}

/**
 * An open-ended pull's count for a person. A first download receives every record; a later pull
 * also reads again the last minutes of the feed (its overlap window) and skips what it has, so its
 * count is of records checked, not of changes received.
 */
export function progressCountText(progress: NonNullable<SyncStatus['progress']>): string {
  const count = progress.done.toLocaleString('en-US');
  const records = progress.done === 1 ? 'record' : 'records';
  return progress.phase === 'bootstrapping' ? `${count} ${records} received so far` : `${count} ${records} checked so far`;
}

/** The queue as the screen lists it: what needs a person (parked, conflicts) first, then the rest, each newest first. */
export function queueForDisplay(items: readonly QueuedChangeSet[]): QueuedChangeSet[] {
  const needsPerson = (cs: QueuedChangeSet): number => (cs.state === 'pending' ? 1 : 0);
  return [...items].sort((a, b) => needsPerson(a) - needsPerson(b));
}
