// Words for the order's audit trail: action names, field names and values as a CSR reads them.
import type { AuditEntry, AuditEntryView } from '../../../../core/domain/audit';
import { formatMoney } from '../../../../core/domain/money';
import type { Order } from '../../../../core/domain/order';
import { IMPORT_STAGES, type ImportStage, STAGE_LABELS } from '../../../../core/domain/stages';
import { formatPercent } from '../../components/progress-bar';
import { formatDate, formatDateTime } from '../../format/dates';

const ACTIONS: Record<string, string> = {
  created: 'Order created',
  updated: 'Order updated',
  confirmed: 'Order confirmed',
  cancelled: 'Order cancelled',
  vehicle_added: 'Vehicle added',
  vehicle_removed: 'Vehicle removed',
  vehicle_activated: 'Vehicle activated',
  status_auto: 'Status changed automatically',
  stage_recorded: 'Stage recorded',
  stage_retracted: 'Stage retracted',
  vehicle_repriced: 'Agreed price changed',
  reopened: 'Order reopened',
  vehicles_changed: 'Totals recalculated',
  payment_recorded: 'Payment recorded',
  refund_recorded: 'Refund recorded',
  delivery_override: 'Delivered with a balance due (Manager override)',
  task_created: 'Task added',
  task_updated: 'Task changed',
  task_completed: 'Task done',
  task_reopened: 'Task reopened',
  followed: 'Started following',
  unfollowed: 'Stopped following',
  reassigned: 'Order reassigned',
  customer_changed: 'Customer changed',
};

const FIELDS: Record<string, string> = {
  status: 'Status',
  customerId: 'Customer',
  currency: 'Currency',
  notes: 'Notes',
  targetCompletionDate: 'Target completion',
  estimatedCompletionDate: 'Est. completion',
  actualCompletionDate: 'Completed on',
  cancelReason: 'Cancel reason',
  totalVehicles: 'Vehicles',
  completedVehicles: 'Delivered',
  orderValue: 'Order value',
  progress: 'Progress',
  price: 'Agreed price',
  removedReason: 'Removal reason',
  removedDate: 'Removed on',
  stage: 'Stage',
  stageAt: 'Stage date',
  etaDelivery: 'Delivery ETA',
  onHold: 'On hold',
  holdReason: 'Hold reason',
  kind: 'Kind',
  amount: 'Amount',
  method: 'Method',
  reference: 'Reference',
  paidAt: 'Date paid',
  balanceDue: 'Balance due',
  title: 'Task',
  dueDate: 'Due',
  assigneeId: 'Assignee',
  userId: 'Follower',
  doneAt: 'Done at',
  vehicleId: 'Vehicle',
};

const MONEY_FIELDS = new Set(['orderValue', 'price', 'purchasePrice', 'amount', 'balanceDue']);
const DAY_FIELDS = new Set(['targetCompletionDate', 'estimatedCompletionDate', 'etaDelivery', 'dueDate']);
const INSTANT_FIELDS = new Set(['actualCompletionDate', 'removedDate', 'stageAt', 'paidAt', 'doneAt']);

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

export function fieldLabel(field: string): string {
  return FIELDS[field] ?? field;
}

function isStage(value: unknown): value is ImportStage {
  return typeof value === 'string' && (IMPORT_STAGES as readonly string[]).includes(value);
}

export function formatAuditValue(field: string, value: unknown, order: Order): string {
  if (value === null || value === undefined || value === '') return '—';
  if (MONEY_FIELDS.has(field) && typeof value === 'number') return formatMoney(value, order.currency);
  if (field === 'progress' && typeof value === 'number') return formatPercent(value);
  if (field === 'stage' && isStage(value)) return STAGE_LABELS[value];
  if (DAY_FIELDS.has(field) && typeof value === 'string') return formatDate(value);
  if (INSTANT_FIELDS.has(field) && typeof value === 'string') return formatDateTime(value);
  if (field === 'customerId') return value === order.customerId && order.customerName ? order.customerName : 'another customer';
  // Only the current assignee's name travels with the order; other people are named by the entry's author line.
  if ((field === 'assigneeId' || field === 'userId') && typeof value === 'string') {
    return value === order.assigneeId ? order.assigneeName : 'a colleague';
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** What the entry is about beyond the order itself, e.g. "ZVW30-1234567 · Toyota Prius". */
export function auditSubject(entry: AuditEntry, order: Order): string | null {
  if (entry.entityType === 'order') return null;
  if (entry.entityType === 'task') {
    const title = entry.changes.find((c) => c.field === 'title');
    return typeof title?.after === 'string' ? title.after : 'A follow-up task';
  }
  const vinChange = entry.changes.find((c) => c.field === 'vin');
  const vehicleId = entry.entityType === 'order_vehicle' ? entry.entityId.split('/')[1] : entry.entityId;
  const vehicle = order.vehicles.find((v) => v.vehicleId === vehicleId);
  const vin = typeof vinChange?.after === 'string' ? vinChange.after : vehicle?.vin;
  if (!vin) return null;
  return vehicle ? `${vin} · ${vehicle.year} ${vehicle.make} ${vehicle.model}` : vin;
}

/** The field changes worth listing (the VIN only names the subject). */
export function visibleChanges(entry: AuditEntry): AuditEntry['changes'] {
  // Who completed a task is the entry's author already.
  // Following: the action says whether; the follower is the field worth showing.
  return entry.changes.filter((c) => c.field !== 'vin' && c.field !== 'doneBy' && c.field !== 'following');
}

/** Entries written by one save (same instant, same person): shown as one history item. */
export interface SaveGroup {
  at: string;
  /** What the person is called now (a renamed user reads the same as on the records they changed). */
  actorName: string;
  /** The entry that names the save ("Stage recorded"), first; the rest follow in written order. */
  primary: AuditEntryView;
  entries: AuditEntryView[];
}

/** Which action names a save, most telling first (derived recalculations last). */
const PRIMARY_ORDER = [
  'created',
  'confirmed',
  'cancelled',
  'vehicle_removed',
  'vehicle_added',
  'vehicle_repriced',
  'stage_recorded',
  'stage_retracted',
  'reopened',
  'updated',
  'status_auto',
  'vehicle_activated',
  'vehicles_changed',
];

function rank(action: string): number {
  const index = PRIMARY_ORDER.indexOf(action);
  return index === -1 ? PRIMARY_ORDER.length - 2 : index;
}

export function groupBySave(entries: readonly AuditEntryView[]): SaveGroup[] {
  const runs: AuditEntryView[][] = [];
  for (const entry of entries) {
    const run = runs[runs.length - 1];
    const head = run?.[0];
    if (run && head && head.at === entry.at && head.actorId === entry.actorId && head.actorName === entry.actorName) run.push(entry);
    else runs.push([entry]);
  }
  return runs.flatMap((run) => {
    const head = run[0];
    if (!head) return [];
    const primary = run.reduce((best, e) => (rank(e.action) < rank(best.action) ? e : best), head);
    return [{ at: head.at, actorName: head.actorDisplayName, primary, entries: [primary, ...run.filter((e) => e !== primary)] }];
  });
}
