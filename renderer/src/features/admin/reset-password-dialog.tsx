// "Reset password": a new password the Admin sets; the user's sessions end and their failed sign-ins are forgotten.
import { useState } from 'react';
import type { UserAccount } from '../../../../core/domain/users';
import { PASSWORD_RULE } from '../../../../core/domain/users';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/form-fields';
import { useSaveAction } from '../../hooks/use-save-action';
import { useToastStore } from '../../stores/toast-store';
import { useAdminStore } from './admin-store';

export function ResetPasswordDialog({ account, onClose }: { account: UserAccount | null; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const save = useSaveAction();
  const resetPassword = useAdminStore((s) => s.resetPassword);
  const showToast = useToastStore((s) => s.show);

  const close = () => {
    setPassword('');
    save.clearError();
    onClose();
  };
  const submit = async () => {
    if (!account) return;
    if (await save.run(() => resetPassword(account, password))) {
      showToast(`New password set for ${account.displayName}`);
      close();
    }
  };

  return (
    <Dialog
      open={account !== null}
      onClose={close}
      busy={save.busy}
      title={account ? `Reset the password of ${account.displayName}` : 'Reset password'}
      description={
        account && account.sessions > 0
          ? `Their ${account.sessions} open session${account.sessions === 1 ? '' : 's'} end at once; they sign in again with the new password.`
          : 'They sign in with the new password from now on; a lockout is lifted too.'
      }
      onSubmit={() => void submit()}
      error={save.messageBeyond(['password'])}
      footer={<DialogActions onCancel={close} busy={save.busy} submitLabel="Set password" />}
    >
      <TextField
        label="New password"
        required
        data-autofocus
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          save.clearError();
        }}
        hint={`The rule: ${PASSWORD_RULE}. Tell the person by a safe route, never by e-mail.`}
        error={save.error?.fields.password}
      />
    </Dialog>
  );
}
