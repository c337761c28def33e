// The new-order form's own checks before the API is asked (pure, so they run in Node tests): prices, and an order about no one and nothing.
import type { FieldErrors } from '../../../core/api/errors';
import type { Currency } from '../../../core/domain/money';
import { assertHasCustomerOrVehicle } from '../../../core/domain/order-rules';
import { errorDetails } from '../api/error-details';
import { priceTextProblem } from '../format/agreed-price';

/** The form key of a line's price error (the API's "vehicles.N.price" is moved onto the line's vehicle). */
export const linePriceKey = (vehicleId: string): string => `line:${vehicleId}.price`;

/** What the checks read of the form. */
export interface NewOrderDraft {
  customer: { id: string } | null;
  currency: Currency;
  lines: readonly { vehicle: { id: string }; priceText: string }[];
}

/** What the form can tell before asking the API. */
export interface LocalProblems {
  fieldErrors: FieldErrors;
  formError: string;
}

const EMPTY_ORDER_FIX = 'choose a customer or add a vehicle before saving the order.';

/**
 * An order with neither a customer nor a vehicle (core's rule, so the words and fields match the
 * API's), then prices typed as something other than an amount greater than zero; null when there
 * is nothing to fix. A blank price is the API's call: it knows when the purchase price can stand
 * in and says so per vehicle.
 */
export function localProblems(draft: NewOrderDraft): LocalProblems | null {
  try {
    assertHasCustomerOrVehicle({ orderNumber: 'new', customerId: draft.customer?.id ?? null }, draft.lines.length, EMPTY_ORDER_FIX);
  } catch (error) {
    const details = errorDetails(error);
    return { fieldErrors: details.fields, formError: details.message };
  }
  const fieldErrors: FieldErrors = {};
  for (const line of draft.lines) {
    const problem = priceTextProblem(line.priceText, draft.currency);
    if (problem) fieldErrors[linePriceKey(line.vehicle.id)] = problem;
  }
  if (Object.keys(fieldErrors).length === 0) return null;
  return { fieldErrors, formError: 'Some prices are not valid amounts. Fix the highlighted fields.' };
}

/**
 * Once a customer or a vehicle is chosen, "an order needs a customer or a vehicle" no longer
 * applies: its messages leave both places, whether the form or the API said it. Other refusals of
 * those fields stay until they are fixed.
 */
export function withoutEmptyOrderErrors(state: { fieldErrors: FieldErrors; formError: string | null }): {
  fieldErrors: FieldErrors;
  formError: string | null;
} {
  const empty = localProblems({ customer: null, currency: 'USD', lines: [] });
  if (!empty) return state;
  const fieldErrors = { ...state.fieldErrors };
  for (const [key, message] of Object.entries(empty.fieldErrors)) if (fieldErrors[key] === message) delete fieldErrors[key];
  return { fieldErrors, formError: state.formError === empty.formError ? null : state.formError };
}
