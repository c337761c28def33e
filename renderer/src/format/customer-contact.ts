// A customer as a form holds one once chosen, and their contact details in one line.
import type { ContactChannel, Customer } from '../../../core/domain/customer';
import { formatPhone } from './phone';

/** A chosen customer; contact details are absent while only the name is known (an order names its customer, nothing more). */
export type PickedCustomer = Pick<Customer, 'id' | 'name'> & Partial<Pick<Customer, 'company' | 'email' | 'phone'>>;

export function pickedCustomerOf(customer: Pick<Customer, 'id' | 'name' | 'company' | 'email' | 'phone'>): PickedCustomer {
  return { id: customer.id, name: customer.name, company: customer.company, email: customer.email, phone: customer.phone };
}

/** "Harbourside Motors · emma@example.com · +64 21 …"; empty when nothing is on record. */
export function contactLine(
  customer: PickedCustomer,
  parts: readonly ('company' | 'email' | 'phone')[] = ['company', 'email', 'phone'],
): string {
  return parts
    .map((part) => {
      const value = customer[part];
      return part === 'phone' && value ? formatPhone(value) : value;
    })
    .filter(Boolean)
    .join(' · ');
}

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  phone: 'Phone',
  email: 'Email',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  letter: 'Letter',
};
