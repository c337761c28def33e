// The assignee picker: active colleagues from GET /users, the signed-in user first as "Me".
import type { ReactNode } from 'react';
import { SelectField } from '../../components/form-fields';
import { useApiQuery } from '../../hooks/use-api-query';
import { useSessionStore } from '../../stores/session-store';

export function AssigneeSelect({
  value,
  onChange,
  error,
  hint,
}: {
  value: string;
  onChange: (userId: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const me = useSessionStore((s) => s.user);
  const users = useApiQuery('users.list', {});
  const colleagues = (users.data?.items ?? []).filter((u) => u.active && u.id !== me?.id);
  // A current assignee who is not in the list (another device's user, a disabled account) stays selectable as is.
  const known = value === me?.id || colleagues.some((u) => u.id === value);
  return (
    <SelectField
      label="Assignee"
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error ?? users.error?.message}
      hint={hint}
    >
      {me ? <option value={me.id}>Me ({me.displayName})</option> : null}
      {colleagues.map((u) => (
        <option key={u.id} value={u.id}>
          {u.displayName} · {u.roles.join(', ')}
        </option>
      ))}
      {!known && value ? <option value={value}>Current assignee</option> : null}
    </SelectField>
  );
}
