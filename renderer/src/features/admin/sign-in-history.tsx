// The sign-in history card: every sign-in, failure, lockout, sign-out and unlock, newest first, filtered by account, failures highlighted, in pages.
import type { SignInEvent, SignInEventKind } from '../../../../core/domain/users';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { SelectField } from '../../components/form-fields';
import { AlertIcon, CheckIcon, HistoryIcon, LockIcon, SignOutIcon, UserIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card } from '../../components/page-header';
import { Skeleton } from '../../components/skeleton';
import { formatDateTime, formatRelative } from '../../format/dates';
import { useAdminStore } from './admin-store';
import { EVENT_LABELS, eventDetails } from './admin-text';

const KIND_TONES: Record<SignInEventKind, { row: string; icon: string }> = {
  signed_in: { row: '', icon: 'bg-success-soft text-success-ink' },
  failed: { row: 'bg-danger-soft/40', icon: 'bg-danger-soft text-danger' },
  locked: { row: 'bg-danger-soft/60', icon: 'bg-danger text-white' },
  signed_out: { row: '', icon: 'bg-surface-muted text-ink-subtle' },
  unlocked: { row: '', icon: 'bg-primary-soft text-primary-hover' },
  other: { row: '', icon: 'bg-surface-muted text-ink-subtle' },
};

function KindIcon({ kind }: { kind: SignInEventKind }) {
  const Icon = { signed_in: CheckIcon, failed: AlertIcon, locked: LockIcon, signed_out: SignOutIcon, unlocked: LockIcon, other: UserIcon }[
    kind
  ];
  return (
    <span className={`mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full ${KIND_TONES[kind].icon}`} aria-hidden="true">
      <Icon className="size-3.5" />
    </span>
  );
}

function EventRow({ event }: { event: SignInEvent }) {
  const who = event.displayName ?? event.username ?? 'Unknown account';
  return (
    <li className={`flex items-start gap-3 px-5 py-3 ${KIND_TONES[event.kind].row}`} data-testid="sign-in-event" data-kind={event.kind}>
      <KindIcon kind={event.kind} />
      <div className="min-w-0 flex-1">
        <p className="text-body text-ink">
          <span className={`font-medium ${event.kind === 'failed' || event.kind === 'locked' ? 'text-danger' : ''}`}>
            {EVENT_LABELS[event.kind]}
          </span>
          <span className="text-ink-muted"> · {who}</span>
          {event.username && event.displayName ? (
            <span className="ml-1 font-mono text-caption text-ink-subtle">{event.username}</span>
          ) : null}
          {event.offline ? (
            <span className="ml-2 rounded bg-warning-soft px-1.5 py-0.5 text-caption font-medium text-warning-ink">Offline</span>
          ) : null}
        </p>
        {eventDetails(event).length > 0 ? <p className="mt-0.5 text-body-sm text-ink-muted">{eventDetails(event).join(' · ')}</p> : null}
      </div>
      <time className="shrink-0 text-body-sm text-ink-subtle" dateTime={event.at} title={formatDateTime(event.at)}>
        {formatRelative(event.at)}
      </time>
    </li>
  );
}

export function SignInHistory({ accounts }: { accounts: readonly { username: string; displayName: string }[] }) {
  const { history, historyCursor, historyPhase, historyError, historyUser } = useAdminStore();
  const { loadHistory, loadMoreHistory } = useAdminStore.getState();
  const loadingFirst = historyPhase === 'loading' && history.length === 0;

  return (
    <Card className="mt-8">
      <div className="flex flex-wrap items-end justify-between gap-4 border-b border-line px-5 py-4">
        <div>
          <h2 className="text-heading font-semibold text-ink">Sign-in history</h2>
          <p className="text-body-sm text-ink-muted">
            From the audit trail: sign-ins, failed attempts and why, lockouts, sign-outs and unlocks.
          </p>
        </div>
        <SelectField
          label="Account"
          className="w-60"
          value={historyUser}
          onChange={(e) => void loadHistory(e.target.value)}
          data-testid="history-filter"
        >
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.username} value={a.username}>
              {a.displayName} ({a.username})
            </option>
          ))}
        </SelectField>
      </div>
      {historyError ? (
        <NoticeBanner tone="error" className="m-4" title="Could not load the sign-in history">
          {historyError}
        </NoticeBanner>
      ) : null}
      {loadingFirst ? (
        <div className="flex flex-col gap-3 p-5" aria-busy="true" aria-label="Loading the sign-in history">
          {[0, 1, 2, 3].map((n) => (
            <Skeleton key={n} className="h-8 w-full" />
          ))}
        </div>
      ) : history.length === 0 && historyPhase === 'ready' ? (
        <EmptyState icon={<HistoryIcon className="size-5" />} title="No sign-ins yet">
          {historyUser
            ? 'Nobody has signed in, or tried to, with this account.'
            : 'Sign-ins and failed attempts appear here as they happen.'}
        </EmptyState>
      ) : (
        <ul aria-label="Sign-in history" className={`divide-y divide-line ${historyPhase === 'loading' ? 'opacity-70' : ''}`}>
          {history.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </ul>
      )}
      {historyCursor ? (
        <div className="border-t border-line px-5 py-3 text-center">
          <Button size="sm" busy={historyPhase === 'loading'} onClick={() => void loadMoreHistory()}>
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
