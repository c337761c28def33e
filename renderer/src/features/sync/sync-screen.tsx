// The Sync screen (#/sync): this device's sync state, the conflicts waiting for a decision, and the queue of changes not yet sent.
import { type ReactNode, useEffect } from 'react';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { CheckIcon, CloseIcon, RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { ProgressBar } from '../../components/progress-bar';
import { formatDateTime, formatRelative } from '../../format/dates';
import { useSyncScreenStore } from '../../stores/sync-screen-store';
import { useSyncStatusStore } from '../../stores/sync-status-store';
import { ConflictCard } from './conflict-card';
import { SyncQueueTable } from './sync-queue-table';
import {
  connectionLabel,
  isConnecting,
  progressCountText,
  progressFraction,
  queueForDisplay,
  syncHeadline,
  visibleProgress,
} from './sync-text';

/** How often the open Sync screen asks for the status (the pill's slower tick covers the other screens). */
const SYNC_SCREEN_REFRESH_MS = 1_500;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-caption font-semibold tracking-wide text-ink-subtle uppercase">{label}</dt>
      <dd className="mt-1 text-body text-ink" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function StatusSummary() {
  const status = useSyncStatusStore((s) => s.status);
  if (!status) return null;
  const progress = visibleProgress(status);
  const fraction = progressFraction(progress);
  const cloud = status.mode === 'cloud';
  return (
    <Card className="mb-6 p-5">
      <div className="flex items-center gap-2.5">
        <span
          className={`size-2.5 shrink-0 rounded-full ${!cloud || isConnecting(status) ? 'bg-ink-subtle' : status.online ? 'bg-status-completed' : 'bg-status-cancelled'}`}
          aria-hidden="true"
        />
        <p className="text-title font-semibold text-ink" data-testid="sync-headline">
          {syncHeadline(status)}
        </p>
      </div>
      {progress ? (
        <div className="mt-3 max-w-md">
          {fraction !== null ? (
            <ProgressBar value={fraction} label="Sync progress" size="lg" />
          ) : (
            <p className="text-body-sm text-ink-muted">{progressCountText(progress)}</p>
          )}
        </div>
      ) : null}
      <dl className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Fact label="Connection">{connectionLabel(status)}</Fact>
        <Fact label="Waiting" testId="sync-pending">
          {status.pending} {status.pending === 1 ? 'change' : 'changes'}
        </Fact>
        <Fact label="Last success">
          <span title={formatDateTime(status.lastSuccessAt)}>{status.lastSuccessAt ? formatRelative(status.lastSuccessAt) : 'Never'}</span>
        </Fact>
        <Fact label="Needs a decision">
          {status.conflicts} {status.conflicts === 1 ? 'conflict' : 'conflicts'}, {status.parked} parked
        </Fact>
      </dl>
      {status.lastError ? (
        <NoticeBanner tone="error" title="Last error" className="mt-4">
          {status.lastError}
        </NoticeBanner>
      ) : null}
    </Card>
  );
}

function SectionTitle({ id, children, count }: { id: string; children: ReactNode; count: number }) {
  return (
    <h2 id={id} className="mb-3 flex items-center gap-2 text-heading font-semibold text-ink">
      {children}
      <span className="rounded-full bg-surface-muted px-2 py-0.5 text-caption font-medium text-ink-muted ring-1 ring-line">{count}</span>
    </h2>
  );
}

export function SyncScreen() {
  const status = useSyncStatusStore((s) => s.status);
  const { conflicts, queue, phase, loadError, busy, feedback, editErrors } = useSyncScreenStore();
  const { load, resolve, retry, syncNow, dismissFeedback, clearEditError } = useSyncScreenStore.getState();

  // While the screen is open the status follows the loop closely (progress, offline, back online).
  useEffect(() => {
    const timer = setInterval(() => void useSyncStatusStore.getState().refresh(), SYNC_SCREEN_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  // Reload the lists when what they show moves, not on every status refresh.
  const moved = status ? `${status.pending}/${status.parked}/${status.conflicts}/${status.lastError ?? ''}` : '';
  useEffect(() => {
    void load();
  }, [moved, load]);

  return (
    <>
      <PageHeader
        title="Sync"
        subtitle="Changes on this computer and on the other devices, and the conflicts between them."
        actions={
          <Button
            variant="primary"
            icon={<RefreshIcon />}
            busy={busy === 'sync'}
            onClick={() => void syncNow()}
            disabled={status?.mode === 'local'}
          >
            Sync now
          </Button>
        }
      />
      {feedback ? (
        <NoticeBanner
          tone={feedback.tone}
          className="mb-4"
          action={
            <button type="button" onClick={dismissFeedback} className="rounded p-1 hover:bg-ink/5" aria-label="Dismiss">
              <CloseIcon className="size-4" />
            </button>
          }
        >
          <span data-testid="sync-feedback">{feedback.text}</span>
        </NoticeBanner>
      ) : null}
      {loadError ? (
        <NoticeBanner tone="error" className="mb-4" title="Could not load the sync queue">
          {loadError}
        </NoticeBanner>
      ) : null}
      <StatusSummary />

      <section aria-labelledby="conflicts-title" className="mb-8">
        <SectionTitle id="conflicts-title" count={conflicts.length}>
          Conflicts
        </SectionTitle>
        {conflicts.length === 0 ? (
          <Card>
            <EmptyState icon={<CheckIcon className="size-5" />} title={phase === 'ready' ? 'No conflicts' : 'Loading…'}>
              {phase === 'ready' ? 'When this computer and another device change the same thing, you choose what stays here.' : null}
            </EmptyState>
          </Card>
        ) : (
          <div className="flex flex-col gap-4">
            {conflicts.map((c) => (
              <ConflictCard
                key={c.id}
                conflict={c}
                busy={busy === c.id}
                editError={editErrors[c.id]}
                onResolve={(choice, value, reason) => resolve(c, choice, value, reason)}
                onStartEdit={() => clearEditError(c.id)}
              />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="queue-title">
        <SectionTitle id="queue-title" count={queue.length}>
          Waiting to be sent
        </SectionTitle>
        {status && queue.length < status.pending + status.parked ? (
          <p className="-mt-1 mb-3 text-body-sm text-ink-muted">
            The {queue.length} newest of {status.pending + status.parked} are listed; changes that need you come first.
          </p>
        ) : null}
        <Card className="overflow-hidden">
          {queue.length === 0 ? (
            <EmptyState icon={<CheckIcon className="size-5" />} title={phase === 'ready' ? 'Nothing waiting' : 'Loading…'}>
              {phase === 'ready' ? 'Every change made on this computer has been sent.' : null}
            </EmptyState>
          ) : (
            <SyncQueueTable items={queueForDisplay(queue)} busyId={busy} onRetry={(id) => void retry(id)} />
          )}
        </Card>
      </section>
    </>
  );
}
