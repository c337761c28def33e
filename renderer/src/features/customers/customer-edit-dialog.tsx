// Edit dialog for a customer: every field at the version shown, a likely duplicate offered to open, merge or save anyway.
import { useState } from 'react';
import type { FieldErrors } from '../../../../core/api/errors';
import { CONTACT_CHANNELS, type CustomerView, type DuplicateMatch } from '../../../../core/domain/customer';
import { CUSTOMER_TYPE_LABELS, CUSTOMER_TYPES } from '../../../../core/domain/customer-profile';
import { callApi } from '../../api/api-call';
import { RecordFormDialog } from '../../components/record-form-dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { CHANNEL_LABELS } from '../../format/customer-contact';
import { formatPhone } from '../../format/phone';
import { useRecordForm } from '../../hooks/use-record-form';
import {
  type AddressDraft,
  addressDraftOf,
  AddressesEditor,
  addressesInput,
  type ContactDraft,
  contactDraftOf,
  ContactsEditor,
  contactsInput,
} from './customer-list-editors';
import { DuplicateWarning, duplicatesOf } from './duplicate-warning';

type EditDraft = {
  name: string;
  company: string;
  type: string;
  segments: string;
  email: string;
  phone: string;
  taxId: string;
  preferredChannel: string;
  address: string;
  notes: string;
};

/** "repeat, JDM enthusiast" -> ["repeat", "JDM enthusiast"]: segments are typed comma-separated. */
export function segmentsFromText(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const draftOf = (c: CustomerView): EditDraft => ({
  name: c.name,
  company: c.company ?? '',
  type: c.type,
  segments: c.segments.join(', '),
  email: c.email ?? '',
  phone: c.phone ? formatPhone(c.phone) : '',
  taxId: c.taxId ?? '',
  preferredChannel: c.preferredChannel ?? '',
  address: c.address ?? '',
  notes: c.notes ?? '',
});

/** Blank text clears a field that had a value (null), and is left out when it had none. */
const cleared = (text: string, had: string | null) => (text.trim() === '' ? (had === null ? undefined : null) : text);

export function CustomerEditDialog({
  customer,
  onClose,
  onSaved,
  onMerge,
}: {
  customer: CustomerView;
  onClose: () => void;
  onSaved: (customer: CustomerView) => void;
  /** Merge with a duplicate the save found (Managers and Admins only). */
  onMerge?: (match: DuplicateMatch) => void;
}) {
  const form = useRecordForm<EditDraft>(() => draftOf(customer));
  const { field, values } = form;
  const [contacts, setContacts] = useState<ContactDraft[]>(() => customer.contacts.map(contactDraftOf));
  const [addresses, setAddresses] = useState<AddressDraft[]>(() => customer.addresses.map(addressDraftOf));
  const [listErrors, setListErrors] = useState<FieldErrors>({});
  const [duplicates, setDuplicates] = useState<DuplicateMatch[] | null>(null);

  const save = async (allowDuplicate: boolean) => {
    const saved = await form.submit(
      async () => {
        try {
          return await callApi('customers.update', {
            id: customer.id,
            version: customer.version,
            name: values.name,
            company: cleared(values.company, customer.company),
            type: values.type as (typeof CUSTOMER_TYPES)[number],
            segments: segmentsFromText(values.segments),
            email: cleared(values.email, customer.email),
            // Unchanged, the number is left alone (it is shown grouped, stored in E.164).
            phone: values.phone === draftOf(customer).phone ? undefined : cleared(values.phone, customer.phone),
            taxId: cleared(values.taxId, customer.taxId),
            preferredChannel: values.preferredChannel === '' ? null : (values.preferredChannel as (typeof CONTACT_CHANNELS)[number]),
            address: cleared(values.address, customer.address),
            notes: cleared(values.notes, customer.notes),
            contacts: contactsInput(contacts),
            addresses: addressesInput(addresses),
            ...(allowDuplicate ? { allowDuplicate: true } : {}),
          });
        } catch (error) {
          const matches = duplicatesOf(error);
          if (!matches) throw error;
          setDuplicates(matches);
          return null;
        }
      },
      (details) => {
        setListErrors(details.fields);
        return details.fields;
      },
    );
    if (saved) onSaved(saved);
  };

  return (
    <RecordFormDialog
      form={form}
      title={`Edit ${customer.name}`}
      description="Changes are saved on top of the version you opened; if someone else saved first you will be asked to review."
      submitLabel="Save changes"
      onClose={onClose}
      onSubmit={() => void save(false)}
    >
      {duplicates ? (
        <div className="sm:col-span-2">
          <DuplicateWarning
            matches={duplicates}
            saveAnywayLabel="Save anyway"
            onSaveAnyway={() => void save(true)}
            {...(onMerge ? { onMerge } : {})}
            busy={form.busy}
          />
        </div>
      ) : null}
      <TextField label="Name" required data-autofocus {...field('name')} />
      <TextField label="Company" {...field('company')} />
      <SelectField label="Type" {...field('type')}>
        {CUSTOMER_TYPES.map((t) => (
          <option key={t} value={t}>
            {CUSTOMER_TYPE_LABELS[t]}
          </option>
        ))}
      </SelectField>
      <TextField label="Segments" {...field('segments')} placeholder="repeat, JDM enthusiast" hint="Comma-separated tags, up to 20." />
      <TextField label="Email" type="email" {...field('email')} />
      <TextField label="Phone" type="tel" {...field('phone')} hint="Saved in international form, e.g. +44 20 7946 0018." />
      <TextField label="Tax id" {...field('taxId')} placeholder="e.g. GB123456789" />
      <SelectField label="Preferred channel" {...field('preferredChannel')}>
        <option value="">No preference</option>
        {CONTACT_CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {CHANNEL_LABELS[channel]}
          </option>
        ))}
      </SelectField>
      <ContactsEditor rows={contacts} onChange={setContacts} errors={listErrors} />
      <AddressesEditor rows={addresses} onChange={setAddresses} errors={listErrors} />
      <TextAreaField label="Other address notes" className="sm:col-span-2" rows={2} {...field('address')} />
      <TextAreaField label="Notes" className="sm:col-span-2" rows={2} {...field('notes')} />
    </RecordFormDialog>
  );
}
