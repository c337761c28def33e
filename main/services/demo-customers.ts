// Demo customer records: types, segments and tax ids by position, and one obvious duplicate pair to merge.
import type { CustomerCreateInput, CustomerView } from '../../core/domain/customer';
import type { CustomerType } from '../../core/domain/customer-profile';
import type { Services } from './index';
import type { Actor } from './unit-of-work';

const SEGMENT_SETS: readonly (readonly string[])[] = [
  ['repeat'],
  ['JDM enthusiast'],
  [],
  ['trade', 'repeat'],
  ['JDM enthusiast', 'classic'],
  [],
  ['EV'],
  ['repeat', 'referral'],
];

/**
 * The profile of the i-th demo customer, chosen by position (not by the demo's random stream, so
 * the rest of the demo stays as it was): dealers and fleets among the company customers, a few
 * segments, a tax id for businesses. `allowDuplicate`: large demo sizes repeat names on purpose.
 */
export function demoCustomerProfile(
  i: number,
  company: string | null,
): Pick<CustomerCreateInput, 'type' | 'segments' | 'taxId' | 'allowDuplicate'> {
  const type: CustomerType = company ? (i % 3 === 0 ? 'fleet' : 'dealer') : 'private';
  return {
    type,
    segments: [...(SEGMENT_SETS[i % SEGMENT_SETS.length] ?? [])],
    ...(type !== 'private' ? { taxId: `NZ${String(100_000_000 + i * 7919).slice(0, 9)}` } : {}),
    allowDuplicate: true,
  };
}

/**
 * A second record of `original` entered later by someone who did not search first: the same
 * e-mail typed in capitals, the phone written another way, its own Draft order with one vehicle.
 * The customer page's "Merge duplicate…" finds it by email, phone and name.
 */
export function seedDuplicatePair(services: Services, actor: Actor | undefined, original: CustomerView | undefined): CustomerView | null {
  if (!actor || !original) return null;
  const duplicate = services.customers.create(actor, {
    name: original.name.toUpperCase(),
    company: original.company ?? undefined,
    email: original.email?.toUpperCase(),
    phone: original.phone ?? undefined,
    segments: ['repeat'],
    notes: 'Entered again by phone; the same person as the earlier record.',
    allowDuplicate: true,
  });
  const vehicle = services.vehicles.create(actor, {
    vin: 'ZVW30-7700001',
    make: 'Toyota',
    model: 'Prius',
    year: 2015,
    purchasePrice: 950_000,
    currency: 'JPY',
  });
  services.orders.create(actor, { customerId: duplicate.id, currency: 'NZD', vehicles: [{ vehicleId: vehicle.id, price: 1_450_000 }] });
  return duplicate;
}
