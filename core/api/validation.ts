// Turns zod failures into one VALIDATION error naming each field and what to do.
import type { z } from 'zod';
import { type FieldErrors, PortsideError } from './errors';

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = friendlyMessage(issue, path);
  }
  return fields;
}

function friendlyMessage(issue: z.core.$ZodIssue, path: string): string {
  const field = path.split('.').pop() ?? path;
  // zod's own wording for a missing field is technical; say it plainly.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${field} is required.`;
  if (issue.code === 'unrecognized_keys') return `Unknown field(s): ${issue.keys.join(', ')}.`;
  return issue.message;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields = fieldErrorsOf(result.error);
  const names = Object.keys(fields);
  const first = names[0] ? fields[names[0]] : 'The request is not valid.';
  const message =
    names.length > 1
      ? `${first} (and ${names.length - 1} more field${names.length > 2 ? 's' : ''} to fix)`
      : (first ?? 'The request is not valid.');
  throw new PortsideError('VALIDATION', message, { fields });
}
