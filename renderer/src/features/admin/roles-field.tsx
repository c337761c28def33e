// The roles of an account as a group of checkboxes, each with what it allows, and the refusal below.
import { useId } from 'react';
import { type Role, ROLES } from '../../../../core/auth/permissions';
import { FieldError } from '../../components/form-fields';

const ROLE_HINTS: Record<Role, string> = {
  CSR: 'Customers, vehicles, orders, payments, messages and tasks',
  Manager: 'Also cancellations, refunds, reassigning orders and Analytics',
  Admin: 'Everything, including users, templates and settings',
};

export function RolesField({
  value,
  onChange,
  error,
  lockedRole,
}: {
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
  /** A role that cannot be taken away here (an Admin's own Admin role), with why. */
  lockedRole?: { role: Role; why: string };
}) {
  const id = useId();
  const toggle = (role: Role) =>
    onChange(value.includes(role) ? value.filter((r) => r !== role) : ROLES.filter((r) => r === role || value.includes(r)));
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1.5 text-body-sm font-medium text-ink">
        Roles
        <span className="ml-0.5 text-danger" aria-hidden="true">
          *
        </span>
      </legend>
      <div className="flex flex-col gap-1.5">
        {ROLES.map((role) => {
          const locked = lockedRole?.role === role;
          return (
            <label key={role} className="flex cursor-pointer items-start gap-2.5 rounded-control px-2 py-1.5 hover:bg-surface-muted">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-primary disabled:cursor-not-allowed"
                checked={value.includes(role)}
                disabled={locked}
                onChange={() => toggle(role)}
              />
              <span>
                <span className="block text-body font-medium text-ink">{role}</span>
                <span className="block text-caption text-ink-muted">{locked ? lockedRole.why : ROLE_HINTS[role]}</span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
