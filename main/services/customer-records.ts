// Customer input turned into records: phones normalised to E.164, and the likely-duplicate check every save runs.
import { PortsideError } from '../../core/api/errors';
import type { Customer, CustomerCreateInput, CustomerUpdateInput, DuplicateMatch } from '../../core/domain/customer';
import { describeReasons, type DuplicateProbe, duplicateReasons, normalizeEmail } from '../../core/domain/customer-duplicates';
import { normalizePhones, toE164 } from '../../core/domain/customer-phone';
import { storedAddresses, storedContacts } from '../../core/domain/customer-profile';
import type { Repos } from '../db/repos';

type ProfileInput = Pick<CustomerCreateInput, 'phone' | 'contacts' | 'addresses'>;

/**
 * The phone, contacts and addresses of an input as stored: every phone (the customer's and each
 * contact's) in E.164, read in `region` when written without a country code. A bad number is a
 * VALIDATION error naming its field (`phone`, `contacts.2.phone`), refused before anything is written.
 */
export function normalizedProfile(
  input: Pick<CustomerUpdateInput, 'phone' | 'contacts' | 'addresses'> | ProfileInput,
  region: string,
): { phone: string | null | undefined; contacts: Customer['contacts'] | undefined; addresses: Customer['addresses'] | undefined } {
  const entries: { path: string; label: string; raw: string }[] = [];
  if (typeof input.phone === 'string') entries.push({ path: 'phone', label: 'Phone', raw: input.phone });
  input.contacts?.forEach((c, i) => {
    if (c.phone) entries.push({ path: `contacts.${i}.phone`, label: `Contact ${i + 1}'s phone`, raw: c.phone });
  });
  const e164 = normalizePhones(entries, region);
  const contacts = input.contacts
    ? storedContacts(input.contacts).map((c, i) => ({ ...c, phone: e164.get(`contacts.${i}.phone`) ?? null }))
    : undefined;
  return {
    phone: typeof input.phone === 'string' ? (e164.get('phone') ?? null) : input.phone,
    contacts,
    addresses: input.addresses ? storedAddresses(input.addresses) : undefined,
  };
}

/** The probe a customer (or a look-up's text) is compared by. */
export function probeOf(
  c: {
    name?: string | null | undefined;
    email?: string | null | undefined;
    phone?: string | null | undefined;
    company?: string | null | undefined;
  },
  region: string,
): DuplicateProbe {
  return {
    name: c.name ?? null,
    email: c.email ? normalizeEmail(c.email) : null,
    phoneE164: c.phone ? toE164(c.phone, region) : null,
    company: c.company ?? null,
  };
}

/** Live customers likely to be the one `probe` describes, best matches (most reasons) first. */
export function findDuplicates(
  repos: Repos,
  probe: DuplicateProbe,
  excludeId: string | null,
): { id: string; reasons: DuplicateMatch['reasons'] }[] {
  const candidates = new Map<string, DuplicateProbe>();
  for (const row of repos.customers.byEmailOrPhone(probe.email ?? null, probe.phoneE164 ?? null)) {
    candidates.set(row.id, { name: row.name, company: row.company, email: row.email_normalized, phoneE164: row.phone_e164 });
  }
  if (probe.name && probe.company) {
    for (const row of repos.customers.withCompany()) {
      candidates.set(row.id, { name: row.name, company: row.company, email: row.email_normalized, phoneE164: row.phone_e164 });
    }
  }
  const found: { id: string; reasons: DuplicateMatch['reasons'] }[] = [];
  for (const [id, existing] of candidates) {
    if (id === excludeId) continue;
    const reasons = duplicateReasons(probe, existing);
    if (reasons.length > 0) found.push({ id, reasons });
  }
  return found.sort((a, b) => b.reasons.length - a.reasons.length || a.id.localeCompare(b.id));
}

/** The refusal of a save that looks like an existing customer: 409 with the matches, until the person says "save anyway". */
export function duplicateConflict(matches: readonly DuplicateMatch[]): PortsideError {
  const first = matches[0];
  const what = first ? `${first.customer.name}${first.customer.company ? ` (${first.customer.company})` : ''}` : 'another customer';
  const more = matches.length > 1 ? ` and ${matches.length - 1} more` : '';
  const why = first ? ` (${describeReasons(first.reasons)})` : '';
  return new PortsideError(
    'CONFLICT',
    `This looks like a customer you already have: ${what}${why}${more}. Open that customer, merge them, or send allowDuplicate: true to save anyway.`,
    { duplicates: matches },
  );
}
