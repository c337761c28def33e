// The Admin screen's words and marks: role chips, an account's status, and what each sign-in history entry says.
import type { Role } from '../../../../core/auth/permissions';
import type { SignInEvent, SignInEventKind, UserAccount } from '../../../../core/domain/users';
import { formatDateTime } from '../../format/dates';

const ROLE_TONES: Record<Role, string> = {
  CSR: 'bg-surface-muted text-ink-muted ring-line-strong',
  Manager: 'bg-primary-soft text-primary-hover ring-primary/25',
  Admin: 'bg-warning-soft text-warning-ink ring-warning-line',
};

/** Roles as chips, colour plus text; a user with none says so (in cloud mode such a user cannot sign in). */
export function RoleChips({ roles, groups }: { roles: readonly Role[]; groups?: readonly string[] }) {
  const others = (groups ?? []).filter((g) => !(roles as readonly string[]).includes(g));
  if (roles.length === 0 && others.length === 0) return <span className="text-caption text-ink-subtle italic">No role</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {roles.map((role) => (
        <span
          key={role}
          className={`inline-flex rounded-full px-2 py-0.5 text-caption font-medium whitespace-nowrap ring-1 ring-inset ${ROLE_TONES[role]}`}
          data-role={role}
        >
          {role}
        </span>
      ))}
      {others.map((group) => (
        <span
          key={group}
          className="inline-flex rounded-full px-2 py-0.5 text-caption whitespace-nowrap text-ink-subtle ring-1 ring-line ring-inset"
        >
          {group}
        </span>
      ))}
    </span>
  );
}

type Status = 'active' | 'disabled' | 'locked';

const STATUS_TONES: Record<Status, { badge: string; dot: string; label: string }> = {
  active: { badge: 'bg-success-soft text-success-ink ring-success-ink/20', dot: 'bg-success-ink', label: 'Active' },
  disabled: { badge: 'bg-line text-ink-muted ring-line-strong', dot: 'bg-ink-subtle', label: 'Disabled' },
  locked: { badge: 'bg-danger-soft text-danger ring-danger-line', dot: 'bg-danger', label: 'Locked' },
};

function StatusBadge({ status, children }: { status: Status; children?: string }) {
  const tone = STATUS_TONES[status];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-caption font-medium whitespace-nowrap ring-1 ring-inset ${tone.badge}`}
      data-status={status}
    >
      <span className={`size-1.5 rounded-full ${tone.dot}`} aria-hidden="true" />
      {children ?? tone.label}
    </span>
  );
}

/** Active, Disabled, or Locked with until when and how many failed sign-ins. */
export function AccountStatus({ account }: { account: Pick<UserAccount, 'disabled' | 'lockedUntil' | 'failedSignIns'> }) {
  return (
    <span className="flex flex-col items-start gap-1">
      {account.disabled ? <StatusBadge status="disabled" /> : null}
      {account.lockedUntil ? (
        <>
          <StatusBadge status="locked">Locked</StatusBadge>
          <span className="text-caption text-ink-muted">until {formatDateTime(account.lockedUntil)}</span>
        </>
      ) : null}
      {!account.disabled && !account.lockedUntil ? <StatusBadge status="active" /> : null}
      {!account.lockedUntil && account.failedSignIns > 0 ? (
        <span className="text-caption text-warning-ink">
          {account.failedSignIns} failed sign-in{account.failedSignIns === 1 ? '' : 's'}
        </span>
      ) : null}
    </span>
  );
}

/** Pool users: Enabled or Disabled, and Cognito's status when it asks something of the user. */
export function PoolStatus({ disabled, status }: { disabled: boolean; status: string }) {
  const pending = status === 'FORCE_CHANGE_PASSWORD' ? 'Must set a password' : status === 'RESET_REQUIRED' ? 'Reset required' : null;
  return (
    <span className="flex flex-col items-start gap-1">
      <StatusBadge status={disabled ? 'disabled' : 'active'} />
      {pending ? <span className="text-caption text-ink-muted">{pending}</span> : null}
    </span>
  );
}

export const EVENT_LABELS: Record<SignInEventKind, string> = {
  signed_in: 'Signed in',
  failed: 'Sign-in failed',
  locked: 'Locked out',
  signed_out: 'Signed out',
  unlocked: 'Unlocked',
  other: 'Account event',
};

/** One line under an entry: where from, why it failed, until when it locks, who unlocked. */
export function eventDetails(event: SignInEvent): string[] {
  const details: string[] = [];
  if (event.kind === 'locked' && event.lockedUntil) details.push(`until ${formatDateTime(event.lockedUntil)}`);
  if (event.reason) details.push(event.reason);
  if (event.kind === 'unlocked') details.push(`by ${event.actorName}`);
  if (event.client) details.push(event.client === 'ipc' ? 'desktop app' : `from ${event.client}`);
  return details;
}
