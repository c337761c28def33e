// The user pool's users (cloud mode), read-only: name, e-mail, groups as roles, status, created.
import type { PoolUser } from '../../../../core/domain/users';
import { DataCell, DataTable, type TableColumns } from '../../components/data-table';
import { formatDate } from '../../format/dates';
import { PoolStatus, RoleChips } from './admin-text';

const COLUMNS = {
  name: { label: 'Name', minWidth: 14 },
  roles: { label: 'Groups', width: 14 },
  status: { label: 'Status', width: 12 },
  created: { label: 'Created', width: 9, hideBelow: 52 },
} satisfies TableColumns;

export function PoolUsersTable({ items }: { items: readonly PoolUser[] }) {
  return (
    <DataTable columns={COLUMNS} aria-label="User pool users">
      <tbody>
        {items.map((user) => (
          <tr key={user.id} className="border-b border-line align-top last:border-0" data-testid="pool-user-row">
            <DataCell column={COLUMNS.name} className="px-4 py-3">
              <p className="truncate font-medium text-ink">{user.displayName}</p>
              <p className="truncate text-caption text-ink-muted">{user.email ?? user.username}</p>
            </DataCell>
            <DataCell column={COLUMNS.roles} className="px-4 py-3">
              <RoleChips roles={user.roles} groups={user.groups} />
            </DataCell>
            <DataCell column={COLUMNS.status} className="px-4 py-3">
              <PoolStatus disabled={user.disabled} status={user.status} />
            </DataCell>
            <DataCell column={COLUMNS.created} className="px-4 py-3 text-body-sm text-ink-muted">
              {formatDate(user.createdAt)}
            </DataCell>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
