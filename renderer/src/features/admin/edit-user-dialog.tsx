// "Edit user": display name, roles and disabled at the version shown; disabling asks for confirmation first (it ends their sessions).
import { useState } from 'react';
import type { Role } from '../../../../core/auth/permissions';
import type { UserAccount } from '../../../../core/domain/users';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { useSaveAction } from '../../hooks/use-save-action';
import { useSessionStore } from '../../stores/session-store';
import { useToastStore } from '../../stores/toast-store';
import { type AccountChanges, useAdminStore } from './admin-store';
import { RolesField } from './roles-field';

interface Draft {
  displayName: string;
  roles: Role[];
  disabled: boolean;
}

function changesOf(account: UserAccount, draft: Draft): AccountChanges {
  const changes: AccountChanges = {};
  if (draft.displayName !== account.displayName) changes.displayName = draft.displayName;
  if (draft.roles.join() !== account.roles.join()) changes.roles = draft.roles;
  if (draft.disabled !== account.disabled) changes.disabled = draft.disabled;
  return changes;
}

function toastFor(account: UserAccount, changes: AccountChanges): string {
  if (changes.disabled === true) return `${account.displayName} is disabled and signed out everywhere`;
  if (changes.disabled === false) return `${account.displayName} can sign in again`;
  return `${changes.displayName ?? account.displayName} saved`;
}

/**
 * Mounted afresh for each account opened, so the form starts from that account. It stays mounted while the list
 * reloads (after a 409 the account arrives at its new version), so a second Save goes at the version now shown.
 */
export function EditUserDialog({ account, onClose }: { account: UserAccount | null; onClose: () => void }) {
  return <EditUserForm key={account?.id ?? 'closed'} account={account} onClose={onClose} />;
}

function EditUserForm({ account, onClose }: { account: UserAccount | null; onClose: () => void }) {
  const me = useSessionStore((s) => s.user);
  const [draft, setDraft] = useState<Draft>(() => ({
    displayName: account?.displayName ?? '',
    roles: account?.roles ?? [],
    disabled: account?.disabled ?? false,
  }));
  const [confirming, setConfirming] = useState(false);
  const save = useSaveAction();
  const update = useAdminStore((s) => s.update);
  const showToast = useToastStore((s) => s.show);
  const self = account !== null && me?.id === account.id;

  const close = () => {
    save.clearError();
    setConfirming(false);
    onClose();
  };
  const edit = (changes: Partial<Draft>) => {
    setDraft({ ...draft, ...changes });
    setConfirming(false);
    save.clearError();
  };
  const submit = async () => {
    if (!account) return;
    const changes = changesOf(account, draft);
    if (Object.keys(changes).length === 0) return close();
    if (changes.disabled === true && !confirming) return setConfirming(true);
    if (await save.run(() => update(account, changes))) {
      showToast(toastFor(account, changes));
      close();
    }
  };

  const fields = save.error?.fields ?? {};
  return (
    <Dialog
      open={account !== null}
      onClose={close}
      busy={save.busy}
      title={account ? `Edit ${account.displayName}` : 'Edit user'}
      description={account ? `Username ${account.username}. Role changes count from their next click.` : undefined}
      onSubmit={() => void submit()}
      error={save.messageBeyond(['displayName', 'roles', 'disabled'])}
      footer={
        <DialogActions
          onCancel={close}
          busy={save.busy}
          submitLabel={confirming ? 'Disable account' : 'Save'}
          variant={confirming ? 'danger' : 'primary'}
        />
      }
    >
      <div className="flex flex-col gap-4">
        <TextField
          label="Display name"
          required
          data-autofocus
          value={draft.displayName}
          onChange={(e) => edit({ displayName: e.target.value })}
          error={fields.displayName}
        />
        <RolesField
          value={draft.roles}
          onChange={(roles) => edit({ roles })}
          error={fields.roles}
          {...(self && account?.roles.includes('Admin')
            ? { lockedRole: { role: 'Admin' as const, why: 'You cannot remove your own Admin role' } }
            : {})}
        />
        <label className="flex items-start gap-2.5 rounded-control px-2 py-1.5 hover:bg-surface-muted">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-danger disabled:cursor-not-allowed"
            checked={draft.disabled}
            disabled={self}
            onChange={() => edit({ disabled: !draft.disabled })}
          />
          <span>
            <span className="block text-body font-medium text-ink">Disabled</span>
            <span className="block text-caption text-ink-muted">
              {self ? 'You cannot disable your own account' : 'A disabled user cannot sign in; their records and history stay.'}
            </span>
          </span>
        </label>
        {fields.disabled ? <p className="text-body-sm text-danger">{fields.disabled}</p> : null}
        {confirming && account ? (
          <NoticeBanner tone="warning" title={`Disable ${account.displayName}?`}>
            {account.sessions > 0
              ? `Their ${account.sessions} open session${account.sessions === 1 ? '' : 's'} end at once and they cannot sign in until enabled again.`
              : 'They cannot sign in until enabled again.'}
          </NoticeBanner>
        ) : null}
      </div>
    </Dialog>
  );
}
