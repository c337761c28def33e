// Word lists the bench data generator draws from: the demo catalogue's models, prices and PRNG, plus bench-only lists.
export {
  APPROX_PER_USD,
  approximatePrice,
  COLOURS,
  MODELS,
  ORDER_CURRENCIES,
  pickModel,
  type Random,
  seededRandom,
  vehicleIdentifier,
  type VehicleModel,
} from '../main/services/demo-catalogue';
import { pickModel, type Random, type VehicleModel } from '../main/services/demo-catalogue';

// prettier-ignore
export const FIRST_NAMES = [
  'Aroha', 'Ben', 'Chloe', 'Daniel', 'Emma', 'Farid', 'Grace', 'Hiro', 'Isla', 'James', 'Kiri', 'Liam', 'Maya', 'Noah',
  'Olivia', 'Priya', 'Quinn', 'Rangi', 'Sofia', 'Tom', 'Uma', 'Victor', 'Wiremu', 'Yuki', 'Zara', 'Amir', 'Bella', 'Connor',
  'Deepa', 'Ethan', 'Fatima', 'George', 'Hannah', 'Ivan', 'Jack', 'Leila', 'Mateo', 'Nina', 'Oscar', 'Ruby',
] as const;

// prettier-ignore
export const SURNAMES = [
  'Anderson', 'Brown', 'Chen', 'Davies', 'Evans', 'Fraser', 'Gupta', 'Harris', 'Ito', 'Jones', 'Kumar', 'Lee', 'Martin',
  'Nguyen', 'Ngata', 'Patel', 'Robinson', 'Singh', 'Taylor', 'Walker', 'Watson', 'Wilson', 'Young', 'Tanaka', 'Sato',
  'Campbell', 'Stewart', 'Thompson', 'White', 'Clarke', 'Hughes', 'Edwards', 'Turner', 'Parker', 'Collins', 'Morris',
  'Murphy', 'Cook', 'Bell', 'Ward', 'Cooper', 'Kelly', 'Hall', 'Wood', 'King', 'Wright', 'Green', 'Baker', 'Scott',
  'Mitchell', 'Reid', 'Henare', 'Tipene', 'Rahman', 'Ali', 'Kim', 'Park', 'Wong', 'Lim', 'Nakamura',
] as const;

// prettier-ignore
export const COMPANIES = [
  'Harbourside Motors', 'Southern Cross Autos', 'Kiwi Imports Ltd', 'Pacific Drive Co', 'Te Awa Car Sales',
  'Northshore Vehicles', 'Redline Traders', 'Summit Auto Group', 'Coastal Rentals', 'Metro Fleet Services',
  'Tasman Car Hire', 'Bayview Dealers',
] as const;

// prettier-ignore
export const CSR_NAMES = [
  'Casey Morgan', 'Alex Okafor', 'Jordan Blake', 'Sam Whitfield', 'Riley Tane', 'Morgan Reyes', 'Jamie Huang', 'Taylor Kaur',
] as const;
/** The CSRs as records name them (by user id), each with its name for the people directory and a sign-in name. */
export const CSR_AUTHORS = CSR_NAMES.map((name, i) => ({
  id: `0190a1b2-0000-7000-8000-00000000c5a${i}`,
  name,
  username: `bench.csr${i + 1}`,
}));
export const CSR_IDS = CSR_AUTHORS.map((a) => a.id);
/** The manager who records refunds (only Managers and Admins may). */
export const MANAGER_AUTHOR = { id: '0190a1b2-0000-7000-8000-00000000a0b1', name: 'Robin Ashby', username: 'bench.manager' };
export const ORDER_NOTES = [
  'Customer wants all vehicles registered together.',
  'Deposit paid by bank transfer.',
  'Fleet order for rental business.',
  'Ship on the same vessel if possible.',
] as const;
export const CANCEL_REASONS = [
  'Customer withdrew: finance declined.',
  'Vehicle failed pre-purchase inspection.',
  'Customer chose a local vehicle instead.',
] as const;
export const REMOVE_REASONS = ['Failed compliance inspection.', 'Customer swapped for another vehicle.'] as const;

/** Customer segments as offices tag them; a customer carries none, one or two. */
export const SEGMENTS = ['Repeat', 'JDM enthusiast', 'Trade', 'Rental', 'EV', 'Classic', 'Referral', 'Government'] as const;

/**
 * Vehicles the demo catalogue lacks: Thai-built utes (a real import route) and, without an
 * origin, vehicles bought locally or whose papers never said.
 */
// prettier-ignore
export const EXTRA_MODELS: readonly VehicleModel[] = [
  { make: 'Toyota', model: 'Hilux', code: 'MR0HA3CD', origin: 'Thailand', port: 'Laem Chabang', kind: 'vin-eu', currency: 'USD', price: [2_100_000, 3_900_000], weight: 3 },
  { make: 'Isuzu', model: 'D-Max', code: 'MPATFS85', origin: 'Thailand', port: 'Laem Chabang', kind: 'vin-eu', currency: 'USD', price: [1_900_000, 3_400_000], weight: 2 },
  { make: 'Mitsubishi', model: 'Triton', code: 'MMTJYKL1', origin: 'Thailand', port: 'Laem Chabang', kind: 'vin-eu', currency: 'USD', price: [1_800_000, 3_200_000], weight: 1 },
];
/** Share of vehicles from EXTRA_MODELS, and share whose origin is unknown. */
const EXTRA_SHARE = 0.08;
const UNKNOWN_ORIGIN_SHARE = 0.03;

/** A model to import, with its origin country and port (null for a few vehicles of unknown origin). */
export function pickBenchModel(rand: Random): VehicleModel & { originCountry: string | null; originPort: string | null } {
  const model = rand.next() < EXTRA_SHARE ? rand.pick(EXTRA_MODELS) : pickModel(rand);
  const unknown = rand.next() < UNKNOWN_ORIGIN_SHARE;
  return { ...model, originCountry: unknown ? null : model.origin, originPort: unknown ? null : model.port };
}

export const PAYMENT_METHODS = ['bank_transfer', 'bank_transfer', 'bank_transfer', 'card', 'finance', 'cash', 'cheque'] as const;

/** What a CSR writes in the communication log, by channel. */
export const COMMUNICATION_TEXTS = {
  note: ['Customer prefers updates on Fridays.', 'Checked shipping schedule with the forwarder.', 'Finance approval pending.'],
  phone: ['Called about the shipping date.', 'Customer asked about compliance timing.', 'Left a voicemail about the deposit.'],
  email: ['Shipping update', 'Your vehicle has arrived', 'Deposit received, thank you', 'Documents for registration'],
  sms: ['Your vehicle has cleared customs.', 'Reminder: balance due before delivery.'],
  whatsapp: ['Sent photos from the auction.', 'Customer confirmed the delivery address.'],
  letter: ['Posted the registration papers.', 'Sent the signed purchase agreement.'],
} as const;
