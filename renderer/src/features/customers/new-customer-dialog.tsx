// New-customer dialog: name, company, type, segments, contact details, preferred channel and notes; a likely duplicate is shown before saving anyway.
import { useState } from 'react';
import { CONTACT_CHANNELS, type Customer, type DuplicateMatch } from '../../../../core/domain/customer';
import { CUSTOMER_TYPE_LABELS, CUSTOMER_TYPES, type CustomerType } from '../../../../core/domain/customer-profile';
import { callApi } from '../../api/api-call';
import { RecordFormDialog } from '../../components/record-form-dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { CHANNEL_LABELS } from '../../format/customer-contact';
import { useRecordForm } from '../../hooks/use-record-form';
import { segmentsFromText } from './customer-edit-dialog';
import { DuplicateWarning, duplicatesOf } from './duplicate-warning';

/** The form's text, field by field (a type, not an interface, so it fits `Record<string, string>`). */
export type CustomerDraft = {
  name: string;
  company: string;
  email: string;
  phone: string;
  address: string;
  preferredChannel: string;
  notes: string;
  type: string;
  segments: string;
};

const BLANK: CustomerDraft = {
  name: '',
  company: '',
  email: '',
  phone: '',
  address: '',
  preferredChannel: '',
  notes: '',
  type: 'private',
  segments: '',
};

/**
 * What a search box held, as a head start: an email address, a phone number, or else a name.
 * A CSR who searched for "emma@harbour.co.nz" and found nobody should not type it twice.
 */
export function draftFromSearch(text: string): Partial<CustomerDraft> {
  const value = text.trim();
  if (!value) return {};
  if (value.includes('@')) return { email: value };
  if (/^\+?[0-9 ()\-.]+$/.test(value)) return { phone: value };
  return { name: value };
}

export function NewCustomerDialog({
  initial,
  onClose,
  onCreated,
}: {
  initial?: Partial<CustomerDraft>;
  onClose: () => void;
  onCreated: (customer: Customer) => void;
}) {
  const form = useRecordForm<CustomerDraft>(() => ({ ...BLANK, ...initial }));
  const { field } = form;
  const [duplicates, setDuplicates] = useState<DuplicateMatch[] | null>(null);

  const submit = async (allowDuplicate: boolean) => {
    // Blank optional fields are "not given": the API turns them into nothing.
    const { segments, type, ...rest } = form.values;
    const customer = await form.submit(async () => {
      try {
        return await callApi('customers.create', {
          ...rest,
          type: type as CustomerType,
          segments: segmentsFromText(segments),
          ...(allowDuplicate ? { allowDuplicate: true } : {}),
        });
      } catch (error) {
        const matches = duplicatesOf(error);
        if (!matches) throw error;
        setDuplicates(matches);
        return null;
      }
    });
    if (customer) onCreated(customer);
  };

  return (
    <RecordFormDialog
      form={form}
      title="New customer"
      description="Only the name is required; contact details can be added later."
      submitLabel="Add customer"
      onClose={onClose}
      onSubmit={() => void submit(false)}
    >
      {duplicates ? (
        <div className="sm:col-span-2">
          <DuplicateWarning matches={duplicates} saveAnywayLabel="Create anyway" onSaveAnyway={() => void submit(true)} busy={form.busy} />
        </div>
      ) : null}
      <TextField label="Name" required data-autofocus {...field('name')} placeholder="e.g. Emma Walker" />
      <TextField label="Company" {...field('company')} placeholder="Leave blank for a private buyer" />
      <SelectField label="Type" {...field('type')}>
        {CUSTOMER_TYPES.map((t) => (
          <option key={t} value={t}>
            {CUSTOMER_TYPE_LABELS[t]}
          </option>
        ))}
      </SelectField>
      <TextField label="Segments" {...field('segments')} placeholder="repeat, JDM enthusiast" hint="Comma-separated tags." />
      <TextField label="Email" type="email" {...field('email')} placeholder="name@example.com" />
      <TextField label="Phone" type="tel" {...field('phone')} placeholder="+64 21 555 0123" hint="With the country code when abroad." />
      <TextAreaField label="Address" className="sm:col-span-2" rows={2} {...field('address')} />
      <SelectField label="Preferred channel" {...field('preferredChannel')} hint="How the customer likes to hear about their vehicles.">
        <option value="">No preference</option>
        {CONTACT_CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {CHANNEL_LABELS[channel]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Notes"
        className="sm:col-span-2"
        rows={2}
        {...field('notes')}
        placeholder="e.g. Prefers calls after 4 pm; pays by bank transfer."
      />
    </RecordFormDialog>
  );
}
