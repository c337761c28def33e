// Merge dialog: pick the duplicate (likely ones first, or search), see what moves to this customer, confirm.
import { useState } from 'react';
import type { CustomerDetail, CustomerListItem, CustomerMergeResult, DuplicateMatch } from '../../../../core/domain/customer';
import { describeReasons } from '../../../../core/domain/customer-duplicates';
import { formatMoney } from '../../../../core/domain/money';
import { callApi } from '../../api/api-call';
import { type ErrorDetails, errorDetails } from '../../api/error-details';
import { StatusBadge } from '../../components/badges';
import { Dialog, DialogActions } from '../../components/dialog';
import { SearchInput } from '../../components/search-input';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { CustomerTypeBadge } from './customer-badges';

type Candidate = { id: string; name: string; company: string | null; why: string };

/** What the merge fills in or adds on the kept customer, in words. */
function gains(target: CustomerDetail, source: CustomerDetail): string[] {
  const out: string[] = [];
  const fill = (label: string, mine: string | null, theirs: string | null) => {
    if (!mine && theirs) out.push(`${label}: ${theirs}`);
  };
  fill('Company', target.company, source.company);
  fill('Email', target.email, source.email);
  fill('Phone', target.phone, source.phone);
  fill('Tax id', target.taxId, source.taxId);
  const have = new Set(target.segments.map((s) => s.toLowerCase()));
  const segments = source.segments.filter((s) => !have.has(s.toLowerCase()));
  if (segments.length > 0) out.push(`Segments: ${segments.join(', ')}`);
  if (source.contacts.length > 0) out.push(`${source.contacts.length} contact${source.contacts.length === 1 ? '' : 's'}`);
  if (source.addresses.length > 0) out.push(`${source.addresses.length} address${source.addresses.length === 1 ? '' : 'es'}`);
  return out;
}

function CandidateList({ items, picked, onPick }: { items: Candidate[]; picked: string | null; onPick: (id: string) => void }) {
  return (
    <ul
      className="max-h-48 divide-y divide-line overflow-y-auto rounded-control ring-1 ring-line"
      role="listbox"
      aria-label="Customers to merge"
    >
      {items.map((c) => (
        <li key={c.id} role="option" aria-selected={picked === c.id}>
          <button
            type="button"
            onClick={() => onPick(c.id)}
            className={`flex w-full items-baseline justify-between gap-3 px-3 py-2 text-left text-body-sm hover:bg-primary-soft/50 ${picked === c.id ? 'bg-primary-soft' : ''}`}
          >
            <span className="min-w-0 truncate font-medium text-ink">
              {c.name}
              {c.company ? <span className="font-normal text-ink-muted"> · {c.company}</span> : null}
            </span>
            <span className="shrink-0 text-caption text-ink-subtle">{c.why}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function MovePreview({ target, source }: { target: CustomerDetail; source: CustomerDetail }) {
  const filled = gains(target, source);
  return (
    <div className="space-y-3 rounded-control bg-surface-muted p-4 text-body-sm ring-1 ring-line" data-testid="merge-preview">
      <p className="text-ink">
        <span className="font-semibold">{source.name}</span> <CustomerTypeBadge type={source.type} /> will be merged into{' '}
        <span className="font-semibold">{target.name}</span> and leave the customer list (it stays in the history).
      </p>
      <div>
        <p className="font-medium text-ink">
          {source.orders.length === 0
            ? 'No orders move.'
            : source.orders.length === 1
              ? '1 order moves, with its payments and communication:'
              : `${source.orders.length} orders move, with their payments and communication:`}
        </p>
        <ul className="mt-1 space-y-1">
          {source.orders.map((o) => (
            <li key={o.id} className="flex items-center gap-2">
              <span className="tabular font-medium">{o.orderNumber}</span>
              <StatusBadge status={o.status} />
              <span className="tabular text-ink-muted">
                {formatMoney(o.orderValue, o.currency)} {o.currency}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {filled.length > 0 ? (
        <div>
          <p className="font-medium text-ink">{target.name} gains:</p>
          <ul className="mt-1 list-inside list-disc text-ink-muted">
            {filled.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function CustomerMergeDialog({
  target,
  preselected,
  onClose,
  onMerged,
}: {
  target: CustomerDetail;
  preselected?: string;
  onClose: () => void;
  onMerged: (result: CustomerMergeResult) => void;
}) {
  const [picked, setPicked] = useState<string | null>(preselected ?? null);
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 250);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const likely = useApiQuery('customers.duplicates', {
    name: target.name,
    ...(target.email ? { email: target.email } : {}),
    ...(target.phone ? { phone: target.phone } : {}),
    ...(target.company ? { company: target.company } : {}),
    excludeId: target.id,
  });
  const found = useApiQuery('customers.list', { query, limit: 8 }, query.length > 0);
  const source = useApiQuery('customers.get', { id: picked ?? '' }, picked !== null);

  const candidates: Candidate[] = query
    ? (found.data?.items ?? [])
        .filter((c: CustomerListItem) => c.id !== target.id)
        .map((c) => ({ id: c.id, name: c.name, company: c.company, why: `${c.totalOrders} order${c.totalOrders === 1 ? '' : 's'}` }))
    : (likely.data?.items ?? []).map((m: DuplicateMatch) => ({
        id: m.customer.id,
        name: m.customer.name,
        company: m.customer.company,
        why: describeReasons(m.reasons),
      }));

  const merge = async () => {
    const from = source.data;
    if (!from || busy) return;
    setBusy(true);
    setError(null);
    try {
      onMerged(
        await callApi('customers.merge', { id: target.id, sourceId: from.id, version: target.version, sourceVersion: from.version }),
      );
    } catch (e) {
      setError(errorDetails(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      busy={busy}
      title={`Merge a duplicate into ${target.name}`}
      description={`${target.name} is kept; the customer you pick moves into it with its orders.`}
      onSubmit={() => void merge()}
      error={error?.message ?? null}
      footer={<DialogActions onCancel={onClose} busy={busy} submitLabel="Merge customers" variant="danger" submitDisabled={!source.data} />}
    >
      <div className="space-y-4">
        <SearchInput
          value={search}
          onChange={setSearch}
          label="Find another customer"
          placeholder="Search by name, company, email or phone"
        />
        <p className="text-caption font-medium tracking-wide text-ink-subtle uppercase">{query ? 'Search results' : 'Likely duplicates'}</p>
        {candidates.length > 0 ? (
          <CandidateList items={candidates} picked={picked} onPick={setPicked} />
        ) : (
          <p className="text-body-sm text-ink-muted">
            {query
              ? `No other customer matches “${query}”.`
              : likely.loading
                ? 'Looking for duplicates…'
                : 'No likely duplicates: search for the customer to merge.'}
          </p>
        )}
        {source.data && picked ? <MovePreview target={target} source={source.data} /> : null}
      </div>
    </Dialog>
  );
}
