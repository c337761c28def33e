// Editors for a customer's extra contacts and addresses: rows added and removed in the edit dialog, each refusal under its field.
import type { FieldErrors } from '../../../../core/api/errors';
import type { CustomerAddress, CustomerContact } from '../../../../core/domain/customer-profile';
import { Button } from '../../components/button';
import { TextAreaField, TextField } from '../../components/form-fields';
import { PlusIcon, TrashIcon } from '../../components/icons';
import { formatPhone } from '../../format/phone';

export type ContactDraft = { name: string; role: string; email: string; phone: string };
export type AddressDraft = { label: string; lines: string; city: string; postcode: string; country: string };

export const contactDraftOf = (c: CustomerContact): ContactDraft => ({
  name: c.name,
  role: c.role ?? '',
  email: c.email ?? '',
  phone: c.phone ? formatPhone(c.phone) : '',
});
export const addressDraftOf = (a: CustomerAddress): AddressDraft => ({
  label: a.label,
  lines: a.lines.join('\n'),
  city: a.city ?? '',
  postcode: a.postcode ?? '',
  country: a.country ?? '',
});

/** Rows as the API takes them: blank optional parts left out (the API reads them as not given). */
export function contactsInput(rows: readonly ContactDraft[]) {
  return rows.map((r) => ({ name: r.name, role: r.role, email: r.email, phone: r.phone }));
}
export function addressesInput(rows: readonly AddressDraft[]) {
  return rows.map((r) => ({
    label: r.label,
    lines: r.lines
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    city: r.city,
    postcode: r.postcode,
    country: r.country,
  }));
}

function Section({ title, onAdd, addLabel, children }: { title: string; onAdd: () => void; addLabel: string; children: React.ReactNode }) {
  return (
    <fieldset className="sm:col-span-2">
      <div className="mb-2 flex items-center justify-between">
        <legend className="text-body-sm font-semibold text-ink">{title}</legend>
        <Button size="sm" variant="ghost" icon={<PlusIcon className="size-4" />} onClick={onAdd}>
          {addLabel}
        </Button>
      </div>
      <div className="space-y-3">{children}</div>
    </fieldset>
  );
}

function RemoveRow({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <button type="button" onClick={onRemove} className="self-end p-2 text-ink-subtle hover:text-danger" aria-label={label} title={label}>
      <TrashIcon className="size-4" />
    </button>
  );
}

export function ContactsEditor({
  rows,
  onChange,
  errors,
}: {
  rows: ContactDraft[];
  onChange: (rows: ContactDraft[]) => void;
  errors: FieldErrors;
}) {
  const edit = (i: number, part: keyof ContactDraft, value: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [part]: value } : r)));
  return (
    <Section title="Other contacts" addLabel="Add contact" onAdd={() => onChange([...rows, { name: '', role: '', email: '', phone: '' }])}>
      {rows.length === 0 ? <p className="text-body-sm text-ink-subtle">No other people on record.</p> : null}
      {rows.map((r, i) => (
        <div
          key={i}
          className="grid grid-cols-[1fr_1fr_auto] gap-2 rounded-control p-3 ring-1 ring-line sm:grid-cols-[1fr_0.8fr_1.2fr_1fr_auto]"
        >
          <TextField
            label="Name"
            required
            value={r.name}
            onChange={(e) => edit(i, 'name', e.target.value)}
            error={errors[`contacts.${i}.name`]}
            autoComplete="off"
          />
          <TextField
            label="Role"
            value={r.role}
            onChange={(e) => edit(i, 'role', e.target.value)}
            error={errors[`contacts.${i}.role`]}
            autoComplete="off"
          />
          <TextField
            label="Email"
            type="email"
            value={r.email}
            onChange={(e) => edit(i, 'email', e.target.value)}
            error={errors[`contacts.${i}.email`]}
            autoComplete="off"
          />
          <TextField
            label="Phone"
            type="tel"
            value={r.phone}
            onChange={(e) => edit(i, 'phone', e.target.value)}
            error={errors[`contacts.${i}.phone`]}
            autoComplete="off"
          />
          <RemoveRow label={`Remove contact ${r.name || i + 1}`} onRemove={() => onChange(rows.filter((_, j) => j !== i))} />
        </div>
      ))}
    </Section>
  );
}

export function AddressesEditor({
  rows,
  onChange,
  errors,
}: {
  rows: AddressDraft[];
  onChange: (rows: AddressDraft[]) => void;
  errors: FieldErrors;
}) {
  const edit = (i: number, part: keyof AddressDraft, value: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [part]: value } : r)));
  const fresh: AddressDraft = { label: rows.length === 0 ? 'Billing' : 'Delivery', lines: '', city: '', postcode: '', country: '' };
  return (
    <Section title="Addresses" addLabel="Add address" onAdd={() => onChange([...rows, fresh])}>
      {rows.length === 0 ? <p className="text-body-sm text-ink-subtle">No billing or delivery address yet.</p> : null}
      {rows.map((r, i) => (
        <div key={i} className="grid grid-cols-2 gap-2 rounded-control p-3 ring-1 ring-line sm:grid-cols-[0.8fr_1.6fr_1fr_0.7fr_1fr_auto]">
          <TextField
            label="Label"
            required
            value={r.label}
            onChange={(e) => edit(i, 'label', e.target.value)}
            error={errors[`addresses.${i}.label`]}
            hint="Billing, Delivery…"
            autoComplete="off"
          />
          <TextAreaField
            label="Street lines"
            required
            rows={2}
            value={r.lines}
            onChange={(e) => edit(i, 'lines', e.target.value)}
            error={errors[`addresses.${i}.lines`] ?? errors[`addresses.${i}.lines.0`]}
            autoComplete="off"
          />
          <TextField
            label="City"
            value={r.city}
            onChange={(e) => edit(i, 'city', e.target.value)}
            error={errors[`addresses.${i}.city`]}
            autoComplete="off"
          />
          <TextField
            label="Postcode"
            value={r.postcode}
            onChange={(e) => edit(i, 'postcode', e.target.value)}
            error={errors[`addresses.${i}.postcode`]}
            autoComplete="off"
          />
          <TextField
            label="Country"
            value={r.country}
            onChange={(e) => edit(i, 'country', e.target.value)}
            error={errors[`addresses.${i}.country`]}
            autoComplete="off"
          />
          <RemoveRow label={`Remove address ${r.label || i + 1}`} onRemove={() => onChange(rows.filter((_, j) => j !== i))} />
        </div>
      ))}
    </Section>
  );
}
