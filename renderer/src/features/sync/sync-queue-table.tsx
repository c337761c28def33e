// The Sync screen's queue: changes waiting for the shared table, newest first, with why a parked one stopped and its Retry.
import type { QueuedChangeSet } from '../../../../core/domain/sync-conflict';
import { Button } from '../../components/button';
import { DataCell, DataTable, type TableColumns } from '../../components/data-table';
import { RefreshIcon } from '../../components/icons';
import { formatDateTime, formatRelative } from '../../format/dates';
import { operationLabel, QUEUE_STATE_LABELS } from './sync-text';

const COLUMNS = {
  change: { label: 'Change', minWidth: 14 },
  by: { label: 'By', width: 9, hideBelow: 52 },
  items: { label: 'Items', width: 5.5, align: 'right' },
  state: { label: 'State', width: 16 },
  action: { label: <span className="sr-only">Action</span>, width: 7, align: 'right' },
} satisfies TableColumns;

const STATE_TONES: Record<QueuedChangeSet['state'], string> = {
  pending: 'bg-status-in-progress-soft text-status-in-progress-ink',
  parked: 'bg-danger-soft text-danger',
  conflict: 'bg-warning-soft text-warning-ink',
};

export function SyncQueueTable({
  items,
  busyId,
  onRetry,
}: {
  items: readonly QueuedChangeSet[];
  busyId: string | null;
  onRetry: (id: string) => void;
}) {
  return (
    <DataTable columns={COLUMNS} aria-label="Changes waiting to be sent">
      <tbody>
        {items.map((cs) => (
          <tr key={cs.id} className="border-b border-line align-top last:border-0" data-testid="queue-row" data-state={cs.state}>
            <DataCell column={COLUMNS.change} className="px-4 py-3">
              <p className="truncate font-medium text-ink">{operationLabel(cs.operation)}</p>
              <p className="text-caption text-ink-muted" title={formatDateTime(cs.createdAt)}>
                {formatRelative(cs.createdAt)}
              </p>
            </DataCell>
            <DataCell column={COLUMNS.by} className="truncate px-4 py-3 text-ink-muted">
              {cs.actorName ?? 'Portside'}
            </DataCell>
            <DataCell column={COLUMNS.items} className="tabular px-4 py-3 text-ink-muted">
              {cs.items}
            </DataCell>
            <DataCell column={COLUMNS.state} className="px-4 py-3">
              <span className={`inline-flex rounded px-1.5 py-0.5 text-caption font-medium ${STATE_TONES[cs.state]}`}>
                {QUEUE_STATE_LABELS[cs.state]}
              </span>
              {cs.attempts > 0 ? (
                <span className="ml-2 text-caption text-ink-subtle">
                  {cs.attempts} {cs.attempts === 1 ? 'attempt' : 'attempts'}
                </span>
              ) : null}
              {cs.lastError ? <p className="mt-1 line-clamp-3 text-caption break-words text-ink-muted">{cs.lastError}</p> : null}
              {cs.state === 'pending' && cs.nextAttemptAt ? (
                <p className="mt-1 text-caption text-ink-subtle">Next try {formatRelative(cs.nextAttemptAt)}</p>
              ) : null}
            </DataCell>
            <DataCell column={COLUMNS.action} className="px-4 py-3">
              {cs.state === 'parked' ? (
                <Button
                  size="sm"
                  icon={<RefreshIcon className="size-3.5" />}
                  busy={busyId === cs.id}
                  onClick={() => onRetry(cs.id)}
                  aria-label={`Retry: ${operationLabel(cs.operation)}`}
                >
                  Retry
                </Button>
              ) : null}
            </DataCell>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
