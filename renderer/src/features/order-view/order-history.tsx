// The order's audit trail (presentational): one item per save (entries written together), newest first, system changes marked.
import type { AuditEntry, AuditEntryView } from '../../../../core/domain/audit';
import type { Order } from '../../../../core/domain/order';
import { CogIcon, HistoryIcon } from '../../components/icons';
import { formatDateTime, formatRelative } from '../../format/dates';
import { actionLabel, auditSubject, fieldLabel, formatAuditValue, groupBySave, type SaveGroup, visibleChanges } from './audit-text';

function OriginTag({ origin }: { origin: AuditEntry['origin'] }) {
  if (origin === 'local') return null;
  return (
    <span className="rounded bg-brand/10 px-1.5 py-0.5 text-caption font-semibold text-brand" data-origin={origin}>
      {origin === 'system' ? 'System rule' : origin === 'offline' ? 'Offline session' : 'Sync'}
    </span>
  );
}

function Changes({ entry, order }: { entry: AuditEntry; order: Order }) {
  const changes = visibleChanges(entry);
  if (changes.length === 0) return null;
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-0.5 text-body-sm">
      {changes.map((change) => (
        <div key={change.field} className="contents">
          <dt className="text-ink-subtle">{fieldLabel(change.field)}</dt>
          <dd className="min-w-0 text-ink">
            {change.before !== null && change.before !== undefined ? (
              <>
                <span className="text-ink-muted">{formatAuditValue(change.field, change.before, order)}</span>
                <span className="mx-1.5 text-ink-subtle" aria-label="changed to">
                  →
                </span>
              </>
            ) : null}
            <span className="font-medium">{formatAuditValue(change.field, change.after, order)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function EntryBlock({ entry, order, showLabel, showReason }: { entry: AuditEntry; order: Order; showLabel: boolean; showReason: boolean }) {
  const subject = auditSubject(entry, order);
  return (
    <div className="px-3 py-2">
      {showLabel || subject ? (
        <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-0.5">
          {showLabel ? <span className="text-body-sm font-medium text-ink">{actionLabel(entry.action)}</span> : null}
          {subject ? <span className="font-mono text-caption text-ink-muted">{subject}</span> : null}
          <OriginTag origin={entry.origin} />
        </div>
      ) : null}
      <Changes entry={entry} order={order} />
      {showReason && entry.reason ? <p className="mt-1 text-body-sm text-ink-muted italic">“{entry.reason}”</p> : null}
    </div>
  );
}

function HistoryItem({ group, order }: { group: SaveGroup; order: Order }) {
  const system = group.entries.every((e) => e.origin === 'system');
  const single = group.entries.length === 1;
  return (
    <li className="group/item relative flex gap-4 pb-7 last:pb-0" data-action={group.primary.action}>
      <span className="absolute top-9 bottom-1 left-4 w-px bg-line group-last/item:hidden" aria-hidden="true" />
      <span
        className={`relative flex size-8 shrink-0 items-center justify-center rounded-full ${
          system ? 'bg-brand text-white' : 'bg-surface-muted text-ink-muted ring-1 ring-line'
        }`}
        aria-hidden="true"
      >
        {system ? <CogIcon className="size-4" /> : <HistoryIcon className="size-4" />}
      </span>
      <div className="min-w-0 flex-1 pt-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <p className="font-semibold text-ink">{actionLabel(group.primary.action)}</p>
          {group.entries.some((e) => e.origin !== 'local') && !single ? (
            <span className="text-caption text-ink-subtle">includes automatic changes</span>
          ) : null}
        </div>
        <p className="mt-0.5 text-body-sm text-ink-subtle">
          {system ? 'Portside' : group.actorName} · <time dateTime={group.at}>{formatDateTime(group.at)}</time>
          <span className="ml-1 text-ink-subtle">({formatRelative(group.at)})</span>
        </p>
        <div className="mt-2 divide-y divide-line rounded-control bg-surface-muted ring-1 ring-line">
          {group.entries.map((entry) => (
            <EntryBlock
              key={entry.id}
              entry={entry}
              order={order}
              showLabel={!single && entry !== group.primary}
              showReason={entry === group.primary || (entry.action !== 'vehicles_changed' && entry.reason !== group.primary.reason)}
            />
          ))}
        </div>
      </div>
    </li>
  );
}

export function OrderHistory({ entries, order }: { entries: AuditEntryView[]; order: Order }) {
  const groups = groupBySave(entries).reverse();
  return (
    <ol className="px-6 py-6" aria-label="Order history, newest first">
      {groups.map((group) => (
        <HistoryItem key={group.primary.id} group={group} order={order} />
      ))}
    </ol>
  );
}
