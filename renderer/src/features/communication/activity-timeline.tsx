// The order's Activity (presentational): communication, status changes, stage events and edits newest first; internal notes look amber and locked.
import type { ReactNode } from 'react';
import { CHANNEL_LABELS, type CommunicationView, type TimelineItem } from '../../../../core/domain/communication';
import { type Order, ORDER_STATUSES, type OrderStatus } from '../../../../core/domain/order';
import { IMPORT_STAGES, type ImportStage } from '../../../../core/domain/stages';
import { StageChip, StatusBadge } from '../../components/badges';
import { Button } from '../../components/button';
import {
  ChatIcon,
  CogIcon,
  FlagIcon,
  HistoryIcon,
  LetterIcon,
  LockIcon,
  MailIcon,
  PencilIcon,
  PhoneIcon,
  ShipIcon,
  UndoIcon,
  VehiclesIcon,
} from '../../components/icons';
import { CURRENCIES, type Currency, formatMoney } from '../../../../core/domain/money';
import { formatDateTime, formatRelative } from '../../format/dates';
import { PaymentsIcon } from '../payments/payments-icon';
import { actionLabel, fieldLabel, formatAuditValue } from '../order-view/audit-text';
import { type DeliveryActions, DeliveryStatus } from './delivery-status';

export interface TimelineActions extends DeliveryActions {
  onCorrect(entry: CommunicationView): void;
}

const CHANNEL_ICONS = { note: LockIcon, phone: PhoneIcon, email: MailIcon, sms: ChatIcon, whatsapp: ChatIcon, letter: LetterIcon };

function directionWords(entry: CommunicationView): string {
  const label = CHANNEL_LABELS[entry.channel];
  if (entry.channel === 'note') return label;
  const noun = entry.channel === 'phone' ? 'Call' : label;
  return entry.direction === 'in' ? `${noun} from the customer` : `${noun} to the customer`;
}

const isStage = (value: string | null): value is ImportStage => value !== null && (IMPORT_STAGES as readonly string[]).includes(value);
const isStatus = (value: string | null): value is OrderStatus => value !== null && (ORDER_STATUSES as readonly string[]).includes(value);

function Byline({ item }: { item: TimelineItem }) {
  return (
    <p className="text-body-sm text-ink-subtle">
      {item.actorName} · <time dateTime={item.at}>{formatDateTime(item.at)}</time>
      <span className="ml-1">({formatRelative(item.at)})</span>
    </p>
  );
}

function Marker({ tone, children }: { tone: 'note' | 'message' | 'system' | 'plain'; children: ReactNode }) {
  const tones = {
    note: 'bg-warning-soft text-warning-ink ring-warning-line',
    message: 'bg-primary-soft text-primary ring-primary/30',
    system: 'bg-brand text-white ring-brand',
    plain: 'bg-surface-muted text-ink-muted ring-line',
  };
  return (
    <span className={`relative flex size-8 shrink-0 items-center justify-center rounded-full ring-1 ${tones[tone]}`} aria-hidden="true">
      {children}
    </span>
  );
}

function CommunicationEntry({
  entry,
  byId,
  actions,
}: {
  entry: CommunicationView;
  byId: Map<string, CommunicationView>;
  actions: TimelineActions;
}) {
  const note = entry.channel === 'note';
  const Icon = CHANNEL_ICONS[entry.channel];
  const corrected = entry.correctedBy.length > 0;
  const original = entry.correctsId ? byId.get(entry.correctsId) : undefined;
  return (
    <div
      className={`rounded-card px-4 py-3 ring-1 ${note ? 'bg-warning-soft ring-warning-line' : 'bg-surface ring-line shadow-card'}`}
      data-testid="activity-communication"
      data-channel={entry.channel}
      id={`entry-${entry.id}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className={`flex items-center gap-1.5 font-semibold ${note ? 'text-warning-ink' : 'text-ink'}`}>
            <Icon className="size-4" />
            {directionWords(entry)}
            {note ? <span className="text-caption font-normal">· only your team sees this</span> : null}
          </p>
          {entry.toAddress ? <p className="text-caption text-ink-subtle">To {entry.toAddress}</p> : null}
        </div>
        <Button size="sm" variant="ghost" icon={<PencilIcon className="size-3.5" />} onClick={() => actions.onCorrect(entry)}>
          Correct
        </Button>
      </div>
      {entry.correctsId ? (
        <p className="mt-1 text-caption text-ink-subtle">
          Corrects{' '}
          <a className="underline" href={`#entry-${entry.correctsId}`} onClick={(e) => e.preventDefault()}>
            {original ? `the entry of ${formatDateTime(original.createdAt)}` : 'an earlier entry'}
          </a>
        </p>
      ) : null}
      {entry.subject ? <p className="mt-2 font-medium text-ink">{entry.subject}</p> : null}
      <p
        className={`mt-1 text-body whitespace-pre-wrap ${corrected ? 'text-ink-subtle line-through decoration-ink-subtle/60' : 'text-ink'}`}
      >
        {entry.body}
      </p>
      {corrected ? <p className="mt-1 text-caption font-medium text-ink-muted">Corrected by a later entry.</p> : null}
      {entry.vehicleIds.length > 0 ? (
        <p className="mt-2 flex items-center gap-1 text-caption text-ink-subtle">
          <VehiclesIcon className="size-3.5" /> About{' '}
          {entry.vehicleIds.length === 1 ? 'one vehicle' : `${entry.vehicleIds.length} vehicles`}
        </p>
      ) : null}
      {entry.deliveryStatus !== 'none' ? (
        <div className="mt-2">
          <DeliveryStatus entry={entry} actions={actions} />
        </div>
      ) : null}
    </div>
  );
}

function EventLine({ item, order }: { item: Exclude<TimelineItem, { kind: 'communication' }>; order: Order }) {
  switch (item.kind) {
    case 'status':
      return (
        <div className="flex flex-wrap items-center gap-2 text-body">
          <span className="font-medium">Status</span>
          {isStatus(item.from) ? <StatusBadge status={item.from} /> : null}
          <span className="text-ink-subtle">→</span>
          {isStatus(item.to) ? <StatusBadge status={item.to} /> : <span>{item.to}</span>}
          {item.automatic ? <span className="text-caption text-ink-subtle">automatically</span> : null}
          {item.reason ? <span className="text-body-sm text-ink-muted italic">“{item.reason}”</span> : null}
        </div>
      );
    case 'stage':
      return (
        <div className="flex flex-wrap items-center gap-2 text-body">
          <span className="font-mono text-body-sm">{item.vin ?? 'Vehicle'}</span>
          {item.retracted ? <span>stage retracted, back to</span> : <span>reached</span>}
          {isStage(item.stage) ? <StageChip stage={item.stage} /> : <span>{item.stage}</span>}
          {item.reason ? <span className="text-body-sm text-ink-muted italic">“{item.reason}”</span> : null}
        </div>
      );
    case 'payment':
      return (
        <div className="flex flex-wrap items-center gap-2 text-body">
          <span className="font-medium">{PAYMENT_KIND_LABELS[item.paymentKind] ?? 'Payment'}</span>
          <span className={`tabular font-semibold ${item.paymentKind === 'refund' ? 'text-danger' : 'text-ink'}`}>
            {item.paymentKind === 'refund' ? '−' : ''}
            {isCurrency(item.currency) ? formatMoney(item.amount, item.currency) : `${item.amount} ${item.currency}`}
          </span>
          {item.method ? <span className="text-body-sm text-ink-muted">by {item.method.replace(/_/g, ' ')}</span> : null}
          {item.reference ? <span className="font-mono text-body-sm text-ink-muted">{item.reference}</span> : null}
        </div>
      );
    case 'vehicle':
      return (
        <div className="text-body">
          <span className="font-medium">{actionLabel(item.action)}</span>{' '}
          <span className="font-mono text-body-sm text-ink-muted">{item.vin}</span>
          {item.reason ? <span className="ml-2 text-body-sm text-ink-muted italic">“{item.reason}”</span> : null}
        </div>
      );
    case 'order':
      return (
        <div className="text-body">
          <span className="font-medium">{actionLabel(item.action)}</span>
          {item.changes.length > 0 ? (
            <span className="ml-2 text-body-sm text-ink-muted">
              {item.changes
                .slice(0, 3)
                .map((c) => `${fieldLabel(c.field)}: ${formatAuditValue(c.field, c.after, order)}`)
                .join(' · ')}
            </span>
          ) : null}
        </div>
      );
  }
}

const EVENT_ICONS = { status: FlagIcon, stage: ShipIcon, payment: PaymentsIcon, vehicle: VehiclesIcon, order: HistoryIcon };

const PAYMENT_KIND_LABELS: Record<string, string> = {
  deposit: 'Deposit received',
  instalment: 'Instalment received',
  balance: 'Balance received',
  refund: 'Refund paid',
};

function isCurrency(code: string): code is Currency {
  return (CURRENCIES as readonly string[]).includes(code);
}

export function ActivityTimeline({ items, order, actions }: { items: TimelineItem[]; order: Order; actions: TimelineActions }) {
  const byId = new Map<string, CommunicationView>();
  for (const item of items) if (item.kind === 'communication') byId.set(item.entry.id, item.entry);
  return (
    <ol className="space-y-5" aria-label="Activity, newest first">
      {items.map((item) => {
        if (item.kind === 'communication') {
          const note = item.entry.channel === 'note';
          const Icon = CHANNEL_ICONS[item.entry.channel];
          return (
            <li key={item.id} className="flex gap-4" data-kind="communication">
              <Marker tone={note ? 'note' : 'message'}>
                <Icon className="size-4" />
              </Marker>
              <div className="min-w-0 flex-1 space-y-1">
                <Byline item={item} />
                <CommunicationEntry entry={item.entry} byId={byId} actions={actions} />
              </div>
            </li>
          );
        }
        const system = (item.kind === 'status' && item.automatic) || item.actorName === 'Portside';
        const Icon = system ? CogIcon : item.kind === 'stage' && item.retracted ? UndoIcon : EVENT_ICONS[item.kind];
        return (
          <li key={item.id} className="flex gap-4" data-kind={item.kind}>
            <Marker tone={system ? 'system' : 'plain'}>
              <Icon className="size-4" />
            </Marker>
            <div className="min-w-0 flex-1 pt-0.5">
              <EventLine item={item} order={order} />
              <Byline item={item} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
