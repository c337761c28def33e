// The filters a link opened the orders list with, as chips: each says what it keeps, and its × removes it from the link.
import { Link } from 'wouter';
import { CloseIcon } from '../../components/icons';
import { useApiQuery } from '../../hooks/use-api-query';
import { filterChipsOf, type OrdersLinkQuery, ordersLinkWithout } from './orders-query';

export function FilterChips({ query }: { query: OrdersLinkQuery }) {
  const { assigneeId, customerId } = query.filters;
  const users = useApiQuery('users.list', {}, assigneeId !== undefined);
  const customer = useApiQuery('customers.get', { id: customerId ?? '' }, customerId !== undefined);
  const names: Record<string, string> = {};
  for (const user of users.data?.items ?? []) names[user.id] = user.displayName;
  if (customer.data && customerId) names[customerId] = customer.data.name;
  const chips = filterChipsOf(query, names);
  if (chips.length === 0) return null;
  return (
    <ul className="mb-4 flex flex-wrap items-center gap-2" aria-label="Filters from the link" data-testid="filter-chips">
      {chips.map((chip) => (
        <li
          key={chip.key}
          className="inline-flex h-7 items-center gap-1 rounded-full bg-primary-soft pr-1 pl-3 text-body-sm font-medium text-primary ring-1 ring-primary/25 ring-inset"
          data-chip={chip.key}
        >
          {chip.label}
          <Link
            href={ordersLinkWithout(query, chip.key)}
            replace
            className="flex size-5 items-center justify-center rounded-full hover:bg-primary/15"
            aria-label={`Remove filter ${chip.label}`}
            title="Remove this filter"
          >
            <CloseIcon className="size-3.5" />
          </Link>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <Link
            href="/orders"
            replace
            className="text-body-sm font-medium text-ink-muted underline-offset-2 hover:text-ink hover:underline"
          >
            Clear all
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
