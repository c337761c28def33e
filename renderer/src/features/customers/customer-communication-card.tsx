// The customer page's communication: the latest calls, messages and notes on any of the customer's orders.
import { Link } from 'wouter';
import { CHANNEL_LABELS, type CommunicationView } from '../../../../core/domain/communication';
import type { CustomerDetail } from '../../../../core/domain/customer';
import { EmptyState } from '../../components/empty-state';
import { ChatIcon } from '../../components/icons';
import { Card } from '../../components/page-header';
import { formatDateTime, formatRelative } from '../../format/dates';
import { routes } from '../../routes';

function headline(entry: CommunicationView): string {
  if (entry.channel === 'note') return CHANNEL_LABELS.note;
  return `${CHANNEL_LABELS[entry.channel]} ${entry.direction === 'in' ? 'from the customer' : 'to the customer'}`;
}

function EntryRow({ entry, orderNumber }: { entry: CommunicationView; orderNumber: string | null }) {
  const note = entry.channel === 'note';
  return (
    <li
      className={`rounded-card px-4 py-3 ring-1 ${note ? 'bg-warning-soft ring-warning-line' : 'bg-surface ring-line'}`}
      data-testid="customer-communication"
      data-channel={entry.channel}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className={`font-semibold ${note ? 'text-warning-ink' : 'text-ink'}`}>
          {headline(entry)}
          {note ? <span className="ml-1.5 text-caption font-normal">· only your team sees this</span> : null}
        </p>
        <p className="text-caption text-ink-subtle" title={formatDateTime(entry.createdAt)}>
          {entry.authorName} · {formatRelative(entry.createdAt)}
          {orderNumber ? (
            <>
              {' · '}
              <Link href={routes.order(entry.orderId)} className="font-medium text-primary hover:underline">
                {orderNumber}
              </Link>
            </>
          ) : null}
        </p>
      </div>
      {entry.subject ? <p className="mt-1 font-medium text-ink">{entry.subject}</p> : null}
      <p
        className={`mt-1 line-clamp-3 text-body whitespace-pre-wrap ${entry.correctedBy.length > 0 ? 'text-ink-subtle line-through' : 'text-ink'}`}
      >
        {entry.body}
      </p>
    </li>
  );
}

export function CustomerCommunicationCard({ customer }: { customer: CustomerDetail }) {
  const orderNumbers = new Map(customer.orders.map((o) => [o.id, o.orderNumber]));
  return (
    <Card className="overflow-hidden">
      <div className="flex items-center justify-between px-5 pt-4 pb-3">
        <h2 className="text-title font-semibold text-ink" id="customer-communication">
          Communication
        </h2>
        {customer.communication.length > 0 ? (
          <span className="text-caption text-ink-subtle">
            Latest {customer.communication.length}, newest first · log new ones on an order's Activity tab
          </span>
        ) : null}
      </div>
      {customer.communication.length === 0 ? (
        <EmptyState icon={<ChatIcon className="size-5" />} title="Nothing logged yet">
          Calls, messages and notes logged on {customer.name}'s orders appear here.
        </EmptyState>
      ) : (
        <ul className="space-y-2 px-5 pb-5" aria-labelledby="customer-communication">
          {customer.communication.map((entry) => (
            <EntryRow key={entry.id} entry={entry} orderNumber={orderNumbers.get(entry.orderId) ?? null} />
          ))}
        </ul>
      )}
    </Card>
  );
}
