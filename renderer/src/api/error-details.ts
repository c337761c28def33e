// Turns anything thrown by a contract call into the code, message and field errors the UI shows.
import { type ErrorCode, type FieldErrors, PortsideError } from '../../../core/api/errors';

export interface ErrorDetails {
  code: ErrorCode;
  message: string;
  fields: FieldErrors;
}

export function errorDetails(error: unknown): ErrorDetails {
  if (error instanceof PortsideError) return { code: error.code, message: error.message, fields: error.fields ?? {} };
  return { code: 'INTERNAL', message: 'Something unexpected went wrong. Try again.', fields: {} };
}

/** Field errors under `prefix` (e.g. "vehicles.2."), with the prefix removed. */
export function fieldErrorsUnder(fields: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(fields)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = message;
  return out;
}
