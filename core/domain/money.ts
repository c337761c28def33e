// Money as integer minor units beside an ISO 4217 code: never floats.

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'AUD', 'NZD', 'CAD', 'AED'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Minor-unit exponent per currency (JPY has no minor unit). */
const EXPONENT: Record<Currency, number> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  AUD: 2,
  NZD: 2,
  CAD: 2,
  AED: 2,
};

export function isCurrency(code: string): code is Currency {
  return (CURRENCIES as readonly string[]).includes(code);
}

export function currencyExponent(currency: Currency): number {
  return EXPONENT[currency];
}

/** Formats minor units for display, e.g. (1250000, 'USD') -> "$12,500.00". */
export function formatMoney(minor: number, currency: Currency, locale = 'en-US'): string {
  const exponent = EXPONENT[currency];
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(minor / 10 ** exponent);
}

/**
 * Parses a major-unit amount typed by a person ("12,500.50") into minor units, using string
 * arithmetic so that no binary floating-point rounding can creep in. Returns null when the
 * text is not a non-negative amount with at most the currency's number of decimals.
 */
export function parseMoney(text: string, currency: Currency): number | null {
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const exponent = EXPONENT[currency];
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units to a plain major-unit string for form fields ("12500.00"). */
export function minorToInput(minor: number, currency: Currency): string {
  const exponent = EXPONENT[currency];
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  return `${sign}${abs.slice(0, -exponent)}.${abs.slice(-exponent)}`;
}
