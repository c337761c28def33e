// Notifications: which audit entries concern an order's followers, how bursts coalesce into one notification, and its text.
import type { FieldChange } from './audit';
import { formatMoney, isCurrency } from './money';
import { IMPORT_STAGES, type ImportStage, STAGE_LABELS } from './stages';

export const NOTIFICATION_EVENT_TYPES = ['stage', 'status', 'payment', 'inbound', 'task_overdue'] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEventType, string> = {
  stage: 'Vehicle stage changes',
  status: 'Order status changes',
  payment: 'Payments and refunds',
  inbound: 'Inbound customer messages',
  task_overdue: 'Overdue tasks',
};

/** A burst: entries of one order and event type this close to the previous unread notification join it. */
export const COALESCE_WINDOW_MS = 2 * 60 * 1000;

/** How many facts a notification keeps for its text (its count goes on past this). */
export const MAX_KEPT_FACTS = 50;

/** One thing worth telling an order's followers, read from an audit entry (or an overdue task). */
export type NotificationFact =
  | { type: 'stage'; vehicleId: string; vin: string | null; stage: ImportStage; retracted: boolean }
  | { type: 'status'; from: string | null; to: string }
  | { type: 'payment'; refund: boolean; amount: number | null; currency: string | null }
  | { type: 'inbound'; channel: string | null; subject: string | null }
  | { type: 'task_overdue'; taskId: string; title: string; dueDate: string };

/** The parts of an audit entry classification reads (its entity type as text: payments and messages are newer kinds). */
export interface ClassifiableEntry {
  entityType: string;
  entityId: string;
  orderId: string | null;
  action: string;
  changes: readonly FieldChange[];
}

const afterOf = (changes: readonly FieldChange[], field: string): unknown => changes.find((c) => c.field === field)?.after;
const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const isStage = (value: unknown): value is ImportStage => IMPORT_STAGES.includes(value as ImportStage);

/**
 * What an audit entry tells followers, or null when it tells them nothing (a note edit, a
 * vehicle added, a follower change) or concerns no order.
 */
export function classifyAuditEntry(entry: ClassifiableEntry): NotificationFact | null {
  if (entry.orderId === null) return null;
  const { changes } = entry;
  if (entry.entityType === 'vehicle' && (entry.action === 'stage_recorded' || entry.action === 'stage_retracted')) {
    const retracted = entry.action === 'stage_retracted';
    const stage = changes.find((c) => c.field === 'stage');
    // A retraction names the stage taken back (the one before it); a recording, the stage reached.
    const shown = retracted ? stage?.before : stage?.after;
    if (!isStage(shown)) return null;
    return { type: 'stage', vehicleId: entry.entityId, vin: null, stage: shown, retracted };
  }
  if (entry.entityType === 'order') {
    const status = changes.find((c) => c.field === 'status');
    if (status && typeof status.after === 'string') return { type: 'status', from: textOrNull(status.before), to: status.after };
    return null;
  }
  if (entry.entityType === 'payment' && (entry.action === 'payment_recorded' || entry.action === 'refund_recorded')) {
    const amount = afterOf(changes, 'amount');
    return {
      type: 'payment',
      refund: entry.action === 'refund_recorded' || afterOf(changes, 'kind') === 'refund',
      amount: typeof amount === 'number' && Number.isSafeInteger(amount) ? amount : null,
      currency: textOrNull(afterOf(changes, 'currency')),
    };
  }
  if (entry.entityType === 'communication' && entry.action === 'communication_logged' && afterOf(changes, 'direction') === 'in') {
    return { type: 'inbound', channel: textOrNull(afterOf(changes, 'channel')), subject: textOrNull(afterOf(changes, 'subject')) };
  }
  return null;
}

export function eventTypeOf(fact: NotificationFact): NotificationEventType {
  return fact.type;
}

/** An unread notification a new fact may join. */
export interface OpenNotification {
  eventType: NotificationEventType;
  orderId: string;
  /** When the latest fact it holds happened. */
  lastEventAt: string;
  /** The change set (device + transaction time) of that fact. */
  changeKey: string | null;
}

/** Where a new fact comes from: its time and its change set. */
export interface IncomingFact {
  eventType: NotificationEventType;
  orderId: string;
  at: string;
  changeKey: string | null;
}

/** Two facts with the same order and type coalesce when they share a change set or lie within the window. */
export function shouldCoalesce(open: OpenNotification | null, next: IncomingFact): boolean {
  if (!open || open.orderId !== next.orderId || open.eventType !== next.eventType) return false;
  if (open.changeKey !== null && open.changeKey === next.changeKey) return true;
  const gap = Math.abs(Date.parse(next.at) - Date.parse(open.lastEventAt));
  return Number.isFinite(gap) && gap <= COALESCE_WINDOW_MS;
}

/** The key notifications of one order and event type share (what the "open notification" lookup uses). */
export function coalesceKeyOf(orderId: string, eventType: NotificationEventType): string {
  return `${orderId}:${eventType}`;
}

/** What a notification sums up: every fact merged so far (the latest MAX_KEPT_FACTS) and who caused them. */
export interface NotificationDigest {
  count: number;
  facts: NotificationFact[];
  actors: string[];
}

export function startDigest(fact: NotificationFact, actor: string | null): NotificationDigest {
  return { count: 1, facts: [fact], actors: actor ? [actor] : [] };
}

export function mergeDigest(digest: NotificationDigest, fact: NotificationFact, actor: string | null): NotificationDigest {
  const facts = [...digest.facts, fact].slice(-MAX_KEPT_FACTS);
  const actors = actor && !digest.actors.includes(actor) ? [...digest.actors, actor] : digest.actors;
  return { count: digest.count + 1, facts, actors };
}

export interface NotificationText {
  title: string;
  body: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function byActors(actors: readonly string[]): string {
  if (actors.length === 0) return '';
  const [first, second] = actors;
  if (actors.length === 1) return `By ${first}.`;
  if (actors.length === 2) return `By ${first} and ${second}.`;
  return `By ${first} and ${actors.length - 1} others.`;
}

function stageText(facts: Extract<NotificationFact, { type: 'stage' }>[], count: number): NotificationText {
  const advanced = facts.filter((f) => !f.retracted);
  const retracted = facts.length - advanced.length;
  const stages = new Map<ImportStage, number>();
  for (const f of advanced) stages.set(f.stage, (stages.get(f.stage) ?? 0) + 1);
  const [only] = facts;
  if (count === 1 && only) {
    const vehicle = only.vin ?? 'A vehicle';
    return {
      title: only.retracted ? `${vehicle}: ${STAGE_LABELS[only.stage]} retracted` : `${vehicle} reached ${STAGE_LABELS[only.stage]}`,
      body: '',
    };
  }
  const [single] = stages.keys();
  if (retracted === 0 && stages.size === 1 && single) {
    return { title: `${count} vehicles advanced to ${STAGE_LABELS[single]}`, body: vinList(advanced) };
  }
  const parts = [...stages].map(([stage, n]) => `${n} to ${STAGE_LABELS[stage]}`);
  if (retracted > 0) parts.push(`${plural(retracted, 'stage')} retracted`);
  return { title: `${count} vehicle stage changes`, body: parts.join(', ') + '.' };
}

function vinList(facts: readonly { vin: string | null }[]): string {
  const vins = facts.map((f) => f.vin).filter((v): v is string => v !== null);
  if (vins.length === 0) return '';
  const shown = vins.slice(0, 3).join(', ');
  return vins.length > 3 ? `${shown} and ${vins.length - 3} more.` : `${shown}.`;
}

function money(amount: number | null, currency: string | null): string {
  if (amount === null) return '';
  return currency !== null && isCurrency(currency) ? formatMoney(amount, currency) : String(amount);
}

/** The notification's title and body for its digest (the order number goes in front of the title). */
export function notificationText(eventType: NotificationEventType, orderNumber: string, digest: NotificationDigest): NotificationText {
  const { count, facts } = digest;
  const actors = byActors(digest.actors);
  const join = (...parts: string[]): string => parts.filter((p) => p !== '').join(' ');
  let text: NotificationText;
  switch (eventType) {
    case 'stage':
      text = stageText(
        facts.filter((f): f is Extract<NotificationFact, { type: 'stage' }> => f.type === 'stage'),
        count,
      );
      break;
    case 'status': {
      const statuses = facts.filter((f): f is Extract<NotificationFact, { type: 'status' }> => f.type === 'status');
      const last = statuses[statuses.length - 1];
      const first = statuses[0];
      text = {
        title: `Now ${last?.to ?? 'changed'}`,
        body: count === 1 && first?.from ? `Was ${first.from}.` : count > 1 ? `Status changed ${count} times.` : '',
      };
      break;
    }
    case 'payment': {
      const payments = facts.filter((f): f is Extract<NotificationFact, { type: 'payment' }> => f.type === 'payment');
      const refunds = payments.filter((p) => p.refund).length;
      const only = count === 1 ? payments[0] : undefined;
      if (only) {
        const amount = money(only.amount, only.currency);
        text = { title: only.refund ? 'Refund recorded' : 'Payment recorded', body: amount === '' ? '' : `${amount}.` };
      } else {
        const kinds = [count - refunds > 0 ? plural(count - refunds, 'payment') : '', refunds > 0 ? plural(refunds, 'refund') : ''];
        text = { title: `${kinds.filter(Boolean).join(' and ')} recorded`, body: '' };
      }
      break;
    }
    case 'inbound': {
      const messages = facts.filter((f): f is Extract<NotificationFact, { type: 'inbound' }> => f.type === 'inbound');
      const last = messages[messages.length - 1];
      text =
        count === 1
          ? { title: `New ${last?.channel ?? 'message'} from the customer`, body: last?.subject ?? '' }
          : { title: `${count} messages from the customer`, body: last?.subject ? `Latest: ${last.subject}` : '' };
      break;
    }
    case 'task_overdue': {
      const tasks = facts.filter((f): f is Extract<NotificationFact, { type: 'task_overdue' }> => f.type === 'task_overdue');
      text =
        count === 1
          ? { title: `Task overdue: ${tasks[0]?.title ?? 'a task'}`, body: tasks[0] ? `Was due ${tasks[0].dueDate}.` : '' }
          : {
              title: `${count} tasks overdue`,
              body: tasks
                .slice(-3)
                .map((t) => t.title)
                .join('; '),
            };
      break;
    }
  }
  // Overdue tasks have no actor: the clock made them overdue.
  return { title: `${orderNumber}: ${text.title}`, body: eventType === 'task_overdue' ? text.body : join(text.body, actors) };
}
