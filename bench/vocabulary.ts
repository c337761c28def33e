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

export const CSR_NAMES = ['Casey Morgan', 'Alex Okafor', 'Jordan Blake', 'Sam Whitfield'] as const;
/** The CSRs as records name them (by user id), each with its name for the people directory. */
export const CSR_AUTHORS = CSR_NAMES.map((name, i) => ({ id: `0190a1b2-0000-7000-8000-00000000c5a${i}`, name }));
export const CSR_IDS = CSR_AUTHORS.map((a) => a.id);
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
