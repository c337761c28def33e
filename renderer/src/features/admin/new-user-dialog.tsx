// "New user": username, display name, roles and an initial password, checked by the server as it saves.
import { useState } from 'react';
import type { Role } from '../../../../core/auth/permissions';
import { PASSWORD_RULE } from '../../../../core/domain/users';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/form-fields';
import { useSaveAction } from '../../hooks/use-save-action';
import { useToastStore } from '../../stores/toast-store';
import { useAdminStore } from './admin-store';
import { RolesField } from './roles-field';

const EMPTY = { username: '', displayName: '', roles: ['CSR'] as Role[], password: '' };

export function NewUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const save = useSaveAction();
  const create = useAdminStore((s) => s.create);
  const showToast = useToastStore((s) => s.show);
  const fields = save.error?.fields ?? {};

  const close = () => {
    setDraft(EMPTY);
    save.clearError();
    onClose();
  };
  const edit = (changes: Partial<typeof EMPTY>) => {
    setDraft({ ...draft, ...changes });
    save.clearError();
  };
  const submit = async () => {
    if (await save.run(() => create(draft))) {
      showToast(`${draft.displayName.trim()} can now sign in as ${draft.username.trim()}`);
      close();
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={save.busy}
      title="New user"
      description="A local account on this computer. Give the initial password to the person; you can reset it later."
      onSubmit={() => void submit()}
      error={save.messageBeyond(['username', 'displayName', 'roles', 'password'])}
      footer={<DialogActions onCancel={close} busy={save.busy} submitLabel="Create user" />}
    >
      <div className="flex flex-col gap-4">
        <TextField
          label="Username"
          required
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          value={draft.username}
          onChange={(e) => edit({ username: e.target.value })}
          hint="What they type to sign in: letters, digits and . _ @ + -"
          error={fields.username}
        />
        <TextField
          label="Display name"
          required
          value={draft.displayName}
          onChange={(e) => edit({ displayName: e.target.value })}
          hint="Shown on orders, tasks and the audit trail"
          error={fields.displayName}
        />
        <RolesField value={draft.roles} onChange={(roles) => edit({ roles })} error={fields.roles} />
        <TextField
          label="Initial password"
          required
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(e) => edit({ password: e.target.value })}
          hint={`The rule: ${PASSWORD_RULE}.`}
          error={fields.password}
        />
      </div>
    </Dialog>
  );
}
