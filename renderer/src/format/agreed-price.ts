// The agreed price of a vehicle in an order: the purchase price stands in only when it is in the order's currency.
import { type Currency, formatMoney, minorToInput, parseMoney } from '../../../core/domain/money';
import type { Vehicle } from '../../../core/domain/vehicle';

/** The purchase price as form text when it is in the order's currency, else blank (a price must be typed). */
export function defaultPriceText(vehicle: Pick<Vehicle, 'purchasePrice' | 'currency'>, currency: Currency): string {
  return vehicle.purchasePrice !== null && vehicle.currency === currency ? minorToInput(vehicle.purchasePrice, currency) : '';
}

/** A short line under the price field: where the default came from, or why a price must be typed. */
export function priceHint(vehicle: Pick<Vehicle, 'purchasePrice' | 'currency'>, currency: Currency): string {
  if (vehicle.purchasePrice === null || vehicle.currency === null) return `No purchase price on record: enter it in ${currency}.`;
  const purchase = formatMoney(vehicle.purchasePrice, vehicle.currency);
  return vehicle.currency === currency ? `Purchase price ${purchase}` : `Bought for ${purchase}: enter the price in ${currency}.`;
}

/** Why typed text is not a price, or null when it is one (blank counts as "not given"). Prices are greater than zero. */
export function priceTextProblem(text: string, currency: Currency): string | null {
  if (text.trim() === '') return null;
  const minor = parseMoney(text, currency);
  if (minor === 0) return 'Enter an amount greater than zero.';
  if (minor !== null) return null;
  return currency === 'JPY' ? 'Enter a whole amount, e.g. 1250000.' : 'Enter an amount like 12500.00 (digits, at most 2 decimals).';
}

/** Like `priceTextProblem`, for a price that must be given (changing a line's agreed price). */
export function requiredPriceProblem(text: string, currency: Currency): string | null {
  if (text.trim() === '') return `Enter the agreed price in ${currency}.`;
  return priceTextProblem(text, currency);
}
