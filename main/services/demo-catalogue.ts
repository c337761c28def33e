// The demo catalogue: names, companies, vehicle models, prices and stage notes that demo data and the bench draw from.
import { type Currency, currencyExponent } from '../../core/domain/money';
import type { ImportStage } from '../../core/domain/stages';
import { vinCheckDigit } from '../../core/domain/vehicle-id';

/** Small deterministic PRNG (mulberry32): the same seed gives the same data set (demo and bench). */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

export const FIRST = [
  'Aroha',
  'Ben',
  'Chloe',
  'Daniel',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Isla',
  'James',
  'Kiri',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Priya',
  'Quinn',
  'Rangi',
  'Sofia',
  'Tom',
  'Uma',
  'Victor',
  'Wiremu',
  'Yuki',
  'Zara',
];
export const LAST = [
  'Anderson',
  'Brown',
  'Chen',
  'Davies',
  'Evans',
  'Fraser',
  'Gupta',
  'Harris',
  'Ito',
  'Jones',
  'Kumar',
  'Lee',
  'Martin',
  'Nguyen',
  'Ngata',
  'Patel',
  'Robinson',
  'Singh',
  'Taylor',
  'Walker',
  'Watson',
  'Wilson',
  'Young',
];
export const COMPANIES = [
  'Harbourside Motors',
  'Southern Cross Autos',
  'Kiwi Imports Ltd',
  'Pacific Drive Co',
  'Te Awa Car Sales',
  'Northshore Vehicles',
  'Redline Traders',
  'Summit Auto Group',
  null,
  null,
  null,
  null,
];
export const CITIES = [
  'Auckland',
  'Wellington',
  'Christchurch',
  'Sydney',
  'Melbourne',
  'Brisbane',
  'London',
  'Manchester',
  'Los Angeles',
  'Vancouver',
];

export const COLOURS = ['Pearl White', 'Silver', 'Black', 'Midnight Blue', 'Red', 'Grey', 'Green'] as const;

export interface VehicleModel {
  make: string;
  model: string;
  code: string;
  origin: string;
  port: string;
  kind: 'chassis' | 'vin-jp' | 'vin-us' | 'vin-eu';
  currency: Currency;
  price: readonly [number, number];
  /** Relative share of imports: Japanese used cars dominate. */
  weight: number;
}

// prettier-ignore
export const MODELS: readonly VehicleModel[] = [
  { make: 'Toyota', model: 'Prius', code: 'ZVW30', origin: 'Japan', port: 'Yokohama', kind: 'chassis', currency: 'JPY', price: [600_000, 1_400_000], weight: 9 },
  { make: 'Toyota', model: 'Aqua', code: 'NHP10', origin: 'Japan', port: 'Nagoya', kind: 'chassis', currency: 'JPY', price: [450_000, 900_000], weight: 7 },
  { make: 'Toyota', model: 'Land Cruiser', code: 'URJ202', origin: 'Japan', port: 'Yokohama', kind: 'chassis', currency: 'JPY', price: [3_500_000, 7_800_000], weight: 3 },
  { make: 'Nissan', model: 'Leaf', code: 'ZE1', origin: 'Japan', port: 'Osaka', kind: 'chassis', currency: 'JPY', price: [900_000, 2_100_000], weight: 5 },
  { make: 'Nissan', model: 'Skyline GT-R', code: 'BNR34', origin: 'Japan', port: 'Kobe', kind: 'chassis', currency: 'JPY', price: [9_000_000, 19_000_000], weight: 1 },
  { make: 'Honda', model: 'Fit', code: 'GK3', origin: 'Japan', port: 'Nagoya', kind: 'chassis', currency: 'JPY', price: [400_000, 950_000], weight: 6 },
  { make: 'Mazda', model: 'MX-5', code: 'ND5RC', origin: 'Japan', port: 'Hiroshima', kind: 'chassis', currency: 'JPY', price: [1_400_000, 2_600_000], weight: 3 },
  { make: 'Subaru', model: 'Forester', code: 'JF1SK', origin: 'Japan', port: 'Yokohama', kind: 'vin-jp', currency: 'JPY', price: [1_100_000, 2_400_000], weight: 4 },
  { make: 'Ford', model: 'F-150', code: '1FTFW1E5', origin: 'United States', port: 'Long Beach', kind: 'vin-us', currency: 'USD', price: [2_800_000, 5_900_000], weight: 3 },
  { make: 'Chevrolet', model: 'Camaro', code: '1G1FB1RS', origin: 'United States', port: 'Baltimore', kind: 'vin-us', currency: 'USD', price: [2_200_000, 4_500_000], weight: 2 },
  { make: 'Tesla', model: 'Model Y', code: '5YJYGDEE', origin: 'United States', port: 'Oakland', kind: 'vin-us', currency: 'USD', price: [3_600_000, 5_200_000], weight: 3 },
  { make: 'BMW', model: 'X5', code: 'WBACV610', origin: 'Germany', port: 'Bremerhaven', kind: 'vin-eu', currency: 'EUR', price: [3_900_000, 7_200_000], weight: 3 },
  { make: 'Volkswagen', model: 'Golf GTI', code: 'WVWZZZAU', origin: 'Germany', port: 'Emden', kind: 'vin-eu', currency: 'EUR', price: [1_800_000, 3_400_000], weight: 3 },
  { make: 'Land Rover', model: 'Defender', code: 'SALEA7BW', origin: 'United Kingdom', port: 'Southampton', kind: 'vin-eu', currency: 'GBP', price: [4_200_000, 8_500_000], weight: 2 },
];

const MODEL_WEIGHT_TOTAL = MODELS.reduce((sum, m) => sum + m.weight, 0);

export function pickModel(rand: Random): VehicleModel {
  let roll = rand.next() * MODEL_WEIGHT_TOTAL;
  for (const model of MODELS) {
    roll -= model.weight;
    if (roll < 0) return model;
  }
  return MODELS[0] as VehicleModel;
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const MODEL_YEAR_CODES = 'CDEFGHJKLMNPRS'; // 2012..2025

/**
 * A unique identifier for the vehicle with this serial: a Japanese chassis number, or a
 * 17-character VIN whose last six characters carry the serial (check digit where required).
 */
export function vehicleIdentifier(rand: Random, model: VehicleModel, serial: number, year: number): string {
  if (model.kind === 'chassis') return `${model.code}-${String(1_000_000 + (serial % 9_000_000)).padStart(7, '0')}`;
  const wmiVds = model.code.padEnd(8, '7').slice(0, 8);
  const yearCode = MODEL_YEAR_CODES.charAt((year - 2012) % MODEL_YEAR_CODES.length) || 'N';
  const plant = VIN_CHARS.charAt(Math.floor(serial / 1_000_000) % VIN_CHARS.length);
  const vis = String(serial % 1_000_000).padStart(6, '0');
  const draft = `${wmiVds}0${yearCode}${plant}${vis}`;
  if (model.kind !== 'vin-us') return draft.slice(0, 8) + rand.pick(['0', '1', '2', '3']) + draft.slice(9);
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

export const ORDER_CURRENCIES: readonly Currency[] = ['USD', 'USD', 'NZD', 'NZD', 'AUD', 'GBP', 'EUR', 'JPY'];
export const APPROX_PER_USD: Record<Currency, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  JPY: 150,
  AUD: 1.52,
  NZD: 1.66,
  CAD: 1.36,
  AED: 3.67,
};

/** A rough price in another currency with a margin, rounded to whole major units (demo and bench prices). */
export function approximatePrice(minor: number, from: Currency, to: Currency, margin: number): number {
  const major = (minor / 10 ** currencyExponent(from) / APPROX_PER_USD[from]) * APPROX_PER_USD[to] * margin;
  return Math.round(major) * 10 ** currencyExponent(to);
}

export function stageNote(stage: ImportStage, rand: Random): string | undefined {
  if (rand.next() > 0.35) return undefined;
  const notes: Partial<Record<ImportStage, string>> = {
    purchased: 'Won at auction; invoice received.',
    export_cleared: 'Export certificate issued.',
    at_origin_port: 'Delivered to port yard.',
    in_transit: `Loaded on MV ${rand.pick(['Trans Future 5', 'Hoegh Osaka', 'Glovis Sirius', 'Morning Cara'])}.`,
    arrived: 'Discharged at destination port.',
    customs_cleared: 'Duty and GST paid.',
    compliance_passed: 'Entry certification passed.',
    registered: 'Plates issued.',
    delivered: 'Handed over to the customer.',
  };
  return notes[stage];
}
