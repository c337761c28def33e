// The demo catalogue: names, companies, vehicle models and stage notes that demo data is drawn from.
import type { Currency } from '../../core/domain/money';
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

export interface DemoModel {
  make: string;
  model: string;
  code: string;
  origin: string;
  port: string;
  kind: 'chassis' | 'vin-jp' | 'vin-us' | 'vin-eu';
  currency: Currency;
  price: [number, number];
}
export const MODELS: DemoModel[] = [
  {
    make: 'Toyota',
    model: 'Prius',
    code: 'ZVW30',
    origin: 'Japan',
    port: 'Yokohama',
    kind: 'chassis',
    currency: 'JPY',
    price: [600_000, 1_400_000],
  },
  {
    make: 'Toyota',
    model: 'Aqua',
    code: 'NHP10',
    origin: 'Japan',
    port: 'Nagoya',
    kind: 'chassis',
    currency: 'JPY',
    price: [450_000, 900_000],
  },
  {
    make: 'Toyota',
    model: 'Land Cruiser',
    code: 'URJ202',
    origin: 'Japan',
    port: 'Yokohama',
    kind: 'chassis',
    currency: 'JPY',
    price: [3_500_000, 7_800_000],
  },
  {
    make: 'Nissan',
    model: 'Leaf',
    code: 'ZE1',
    origin: 'Japan',
    port: 'Osaka',
    kind: 'chassis',
    currency: 'JPY',
    price: [900_000, 2_100_000],
  },
  {
    make: 'Nissan',
    model: 'Skyline GT-R',
    code: 'BNR34',
    origin: 'Japan',
    port: 'Kobe',
    kind: 'chassis',
    currency: 'JPY',
    price: [9_000_000, 19_000_000],
  },
  {
    make: 'Honda',
    model: 'Fit',
    code: 'GK3',
    origin: 'Japan',
    port: 'Nagoya',
    kind: 'chassis',
    currency: 'JPY',
    price: [400_000, 950_000],
  },
  {
    make: 'Mazda',
    model: 'MX-5',
    code: 'ND5RC',
    origin: 'Japan',
    port: 'Hiroshima',
    kind: 'chassis',
    currency: 'JPY',
    price: [1_400_000, 2_600_000],
  },
  {
    make: 'Subaru',
    model: 'Forester',
    code: 'JTDKN3DU',
    origin: 'Japan',
    port: 'Yokohama',
    kind: 'vin-jp',
    currency: 'JPY',
    price: [1_100_000, 2_400_000],
  },
  {
    make: 'Ford',
    model: 'F-150',
    code: '1FTFW1E5',
    origin: 'United States',
    port: 'Long Beach',
    kind: 'vin-us',
    currency: 'USD',
    price: [2_800_000, 5_900_000],
  },
  {
    make: 'Chevrolet',
    model: 'Camaro',
    code: '1G1FB1RS',
    origin: 'United States',
    port: 'Baltimore',
    kind: 'vin-us',
    currency: 'USD',
    price: [2_200_000, 4_500_000],
  },
  {
    make: 'Tesla',
    model: 'Model Y',
    code: '5YJYGDEE',
    origin: 'United States',
    port: 'Oakland',
    kind: 'vin-us',
    currency: 'USD',
    price: [3_600_000, 5_200_000],
  },
  {
    make: 'BMW',
    model: 'X5',
    code: 'WBACV610',
    origin: 'Germany',
    port: 'Bremerhaven',
    kind: 'vin-eu',
    currency: 'EUR',
    price: [3_900_000, 7_200_000],
  },
  {
    make: 'Volkswagen',
    model: 'Golf GTI',
    code: 'WVWZZZAU',
    origin: 'Germany',
    port: 'Emden',
    kind: 'vin-eu',
    currency: 'EUR',
    price: [1_800_000, 3_400_000],
  },
  {
    make: 'Land Rover',
    model: 'Defender',
    code: 'SALEA7BW',
    origin: 'United Kingdom',
    port: 'Southampton',
    kind: 'vin-eu',
    currency: 'GBP',
    price: [4_200_000, 8_500_000],
  },
];
const VIN_TAIL = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

export function makeIdentifier(rand: Random, model: DemoModel, serial: number): string {
  if (model.kind === 'chassis') return `${model.code}-${String(1_000_000 + serial * 7919 + rand.int(0, 999)).slice(0, 7)}`;
  const body = Array.from({ length: 8 }, () => rand.pick(VIN_TAIL.split('')))
    .join('')
    .replace(/[^A-HJ-NPR-Z0-9]/g, '7');
  const draft = `${model.code}0${rand.pick(['L', 'M', 'N', 'P', 'R'])}${body.slice(0, 7)}`.slice(0, 17).padEnd(17, '5');
  if (model.kind !== 'vin-us') return draft;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
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
