// The accounts table (local mode): name, username, roles, status with lockout, last sign-in, and the row's actions.
import type { SessionUser } from '../../../../core/auth/permissions';
import type { UserAccount } from '../../../../core/domain/users';
import { Button } from '../../components/button';
import { DataCell, DataTable, type TableColumns } from '../../components/data-table';
import { LockIcon, PencilIcon, RefreshIcon } from '../../components/icons';
import { formatDateTime, formatRelative } from '../../format/dates';
import { AccountStatus, RoleChips } from './admin-text';

const COLUMNS = {
  name: { label: 'Name', minWidth: 12 },
  roles: { label: 'Roles', width: 12 },
  status: { label: 'Status', width: 11 },
  lastSignIn: { label: 'Last sign-in', width: 10, hideBelow: 52 },
  actions: { label: <span className="sr-only">Actions</span>, width: 21, align: 'right' },
} satisfies TableColumns;

export interface UserRowActions {
  onEdit(account: UserAccount): void;
  onResetPassword(account: UserAccount): void;
  onUnlock(account: UserAccount): void;
  /** The account being unlocked, for its button's busy state. */
  unlockingId: string | null;
}

export function UsersTable({ items, me, actions }: { items: readonly UserAccount[]; me: SessionUser | null; actions: UserRowActions }) {
  return (
    <DataTable columns={COLUMNS} aria-label="Accounts">
      <tbody>
        {items.map((account) => (
          <tr
            key={account.id}
            className={`border-b border-line align-top last:border-0 ${account.disabled ? 'bg-surface-muted/60' : ''}`}
            data-testid="user-row"
            data-username={account.username}
          >
            <DataCell column={COLUMNS.name} className="px-4 py-3">
              <p className={`truncate font-medium ${account.disabled ? 'text-ink-muted' : 'text-ink'}`}>
                {account.displayName}
                {me?.id === account.id ? <span className="ml-1.5 text-caption font-normal text-ink-subtle">(you)</span> : null}
              </p>
              <p className="truncate font-mono text-caption text-ink-muted">{account.username}</p>
            </DataCell>
            <DataCell column={COLUMNS.roles} className="px-4 py-3">
              <RoleChips roles={account.roles} />
            </DataCell>
            <DataCell column={COLUMNS.status} className="px-4 py-3">
              <AccountStatus account={account} />
            </DataCell>
            <DataCell column={COLUMNS.lastSignIn} className="px-4 py-3 text-body-sm text-ink-muted">
              {account.lastSignInAt ? (
                <span title={formatDateTime(account.lastSignInAt)}>{formatRelative(account.lastSignInAt)}</span>
              ) : (
                'Never'
              )}
              {account.sessions > 0 ? (
                <p className="text-caption text-ink-subtle">
                  {account.sessions} open session{account.sessions === 1 ? '' : 's'}
                </p>
              ) : null}
            </DataCell>
            <DataCell column={COLUMNS.actions} className="px-4 py-3">
              <span className="flex flex-wrap justify-end gap-1.5">
                {/* Early lockouts last seconds, but each further failure doubles the next: failures are worth clearing too. */}
                {account.lockedUntil || account.failedSignIns > 0 ? (
                  <Button
                    size="sm"
                    icon={<LockIcon className="size-3.5" />}
                    busy={actions.unlockingId === account.id}
                    onClick={() => actions.onUnlock(account)}
                    aria-label={`Unlock ${account.displayName}`}
                  >
                    Unlock
                  </Button>
                ) : null}
                <Button
                  size="sm"
                  icon={<RefreshIcon className="size-3.5" />}
                  onClick={() => actions.onResetPassword(account)}
                  aria-label={`Reset the password of ${account.displayName}`}
                >
                  Password
                </Button>
                <Button
                  size="sm"
                  icon={<PencilIcon className="size-3.5" />}
                  onClick={() => actions.onEdit(account)}
                  aria-label={`Edit ${account.displayName}`}
                >
                  Edit
                </Button>
              </span>
            </DataCell>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
