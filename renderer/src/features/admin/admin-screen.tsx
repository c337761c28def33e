// The Admin screen (#/admin): accounts with roles and status, new user, edit, reset password, unlock, and the sign-in history; read-only pool users in cloud mode; "Admins only" for anyone else.
import { useEffect, useState } from 'react';
import { hasPermission } from '../../../../core/auth/permissions';
import type { UserAccount } from '../../../../core/domain/users';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { LockIcon, PlusIcon, RefreshIcon, UserIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { SkeletonRows } from '../../components/skeleton';
import { useSessionStore } from '../../stores/session-store';
import { useToastStore } from '../../stores/toast-store';
import { useAdminStore } from './admin-store';
import { EditUserDialog } from './edit-user-dialog';
import { NewUserDialog } from './new-user-dialog';
import { PoolUsersTable } from './pool-users-table';
import { ResetPasswordDialog } from './reset-password-dialog';
import { SignInHistory } from './sign-in-history';
import { UsersTable } from './users-table';

function AdminsOnly() {
  return (
    <>
      <PageHeader title="Admin" />
      <Card>
        <EmptyState icon={<LockIcon className="size-5" />} title="Admins only">
          Accounts, roles and passwords are managed by Admins. Ask an Admin if you need a colleague added, a role changed or an account
          unlocked.
        </EmptyState>
      </Card>
    </>
  );
}

function TableSkeleton() {
  return (
    <table className="w-full" aria-busy="true" aria-label="Loading the accounts">
      <tbody>
        <SkeletonRows rows={5} cellClasses={['', '', '', '']} rowClass="h-14" />
      </tbody>
    </table>
  );
}

function AdminWorkspace() {
  const me = useSessionStore((s) => s.user);
  const { directory, phase, loadError } = useAdminStore();
  const { load, loadHistory, unlock } = useAdminStore.getState();
  const showToast = useToastStore((s) => s.show);
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [resettingId, setResettingId] = useState<string | null>(null);
  const [unlockingId, setUnlockingId] = useState<string | null>(null);

  useEffect(() => {
    void load();
    void loadHistory('');
  }, [load, loadHistory]);

  const onUnlock = async (account: UserAccount) => {
    setUnlockingId(account.id);
    const result = await unlock(account);
    setUnlockingId(null);
    showToast(result.ok ? `${account.displayName} can sign in again` : result.error.message, result.ok ? 'success' : 'error');
  };

  const cloud = directory?.mode === 'cloud';
  const accounts = directory?.items ?? [];
  // The accounts as last loaded, so a dialog always acts on the version shown.
  const local = directory?.mode === 'local' ? directory.items : [];
  const editing = local.find((a) => a.id === editingId) ?? null;
  const resetting = local.find((a) => a.id === resettingId) ?? null;
  return (
    <>
      <PageHeader
        title="Admin"
        subtitle={
          cloud ? 'The users of the Cognito user pool and their groups.' : 'Accounts on this computer: who can sign in, with which roles.'
        }
        actions={
          <>
            <Button icon={<RefreshIcon className="size-4" />} onClick={() => void load()} busy={phase === 'loading' && directory !== null}>
              Refresh
            </Button>
            {directory?.mode === 'local' ? (
              <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
                New user
              </Button>
            ) : null}
          </>
        }
      />
      {directory?.mode === 'cloud' ? (
        <NoticeBanner tone="info" className="mb-4" title="Users are managed in Cognito">
          This view is read-only: add, change, disable or reset users in the AWS console or CLI for pool{' '}
          <span className="font-mono">{directory.poolId}</span>. The groups {directory.groups.join(', ')} are Portside&apos;s roles.
        </NoticeBanner>
      ) : null}
      {loadError ? (
        <NoticeBanner
          tone="error"
          className="mb-4"
          title="Could not load the accounts"
          action={
            <Button size="sm" onClick={() => void load()}>
              Try again
            </Button>
          }
        >
          {loadError}
        </NoticeBanner>
      ) : null}
      <Card>
        {directory === null ? (
          phase === 'error' ? (
            <EmptyState icon={<UserIcon className="size-5" />} title="No accounts to show">
              The list could not be loaded.
            </EmptyState>
          ) : (
            <TableSkeleton />
          )
        ) : accounts.length === 0 ? (
          <EmptyState icon={<UserIcon className="size-5" />} title={cloud ? 'The user pool has no users' : 'No accounts'}>
            {cloud ? 'Add users to the pool and to a group (CSR, Manager or Admin) in the AWS console.' : null}
          </EmptyState>
        ) : directory.mode === 'cloud' ? (
          <PoolUsersTable items={directory.items} />
        ) : (
          <UsersTable
            items={directory.items}
            me={me}
            actions={{
              onEdit: (a) => setEditingId(a.id),
              onResetPassword: (a) => setResettingId(a.id),
              onUnlock: (a) => void onUnlock(a),
              unlockingId,
            }}
          />
        )}
      </Card>
      <SignInHistory accounts={local} />
      <NewUserDialog open={creating} onClose={() => setCreating(false)} />
      <EditUserDialog account={editing} onClose={() => setEditingId(null)} />
      <ResetPasswordDialog account={resetting} onClose={() => setResettingId(null)} />
    </>
  );
}

export function AdminScreen() {
  const user = useSessionStore((s) => s.user);
  return user && hasPermission(user.roles, 'users:admin') ? <AdminWorkspace /> : <AdminsOnly />;
}
