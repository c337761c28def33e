// A dialog form that saves a record: what was typed (kept whatever the answer), the save in flight, and the API's refusal per field.
import { type ChangeEvent, useState } from 'react';
import type { FieldErrors } from '../../../core/api/errors';
import { type ErrorDetails, errorDetails } from '../api/error-details';

/** What a text field, text area or select needs to show and edit one value of the form. */
export interface BoundField {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  error: string | undefined;
  /** The form describes a customer or a vehicle, never the CSR: the browser's autofill has nothing right to offer. */
  autoComplete: 'off';
}

export interface RecordForm<V extends Record<string, string>> {
  values: V;
  /** Props for the field editing `name`: `<TextField label="Make" {...form.field('make')} />`. */
  field(name: keyof V & string): BoundField;
  /** Sets a field and clears the error shown under it. */
  set<F extends keyof V & string>(field: F, value: V[F]): void;
  busy: boolean;
  fieldError(field: keyof V & string): string | undefined;
  /** Shows a problem found before sending (e.g. text that is not an amount) under its field. */
  setFieldError(field: keyof V & string, message: string): void;
  /** The refusal's message when no field of the form explains it (shown above the fields). */
  formError: string | null;
  /**
   * Runs the save; on a refusal keeps every value, puts each field's message under it and
   * returns null. `fieldsOf` may re-key a refusal, e.g. a 409 onto the field it is about.
   */
  submit<T>(save: () => Promise<T>, fieldsOf?: (error: ErrorDetails) => FieldErrors): Promise<T | null>;
}

export function useRecordForm<V extends Record<string, string>>(initial: V | (() => V)): RecordForm<V> {
  const [values, setValues] = useState<V>(initial);
  const [fields, setFields] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <F extends keyof V & string>(field: F, value: V[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setFields((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };

  const submit = async <T>(save: () => Promise<T>, fieldsOf?: (error: ErrorDetails) => FieldErrors): Promise<T | null> => {
    if (busy) return null;
    setBusy(true);
    setRefusal(null);
    setFields({});
    try {
      return await save();
    } catch (error) {
      const details = errorDetails(error);
      const byField = fieldsOf ? fieldsOf(details) : details.fields;
      setFields(byField);
      // The summary ("… (and 2 more fields to fix)") is not needed when every message sits by its field.
      const explained = Object.keys(byField).length > 0 && Object.keys(byField).every((key) => key in values);
      setRefusal(explained ? null : details.message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return {
    values,
    field: (name) => ({
      value: values[name] ?? '',
      onChange: (event) => set(name, event.target.value as V[typeof name]),
      error: fields[name],
      autoComplete: 'off',
    }),
    set,
    busy,
    fieldError: (field) => fields[field],
    setFieldError: (field, message) => setFields((current) => ({ ...current, [field]: message })),
    formError: refusal,
    submit,
  };
}
