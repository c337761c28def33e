// Strict input for every operation and transport: refuses prototype keys, names unknown fields, turns zod failures into one VALIDATION error.
import type { z } from 'zod';
import { type FieldErrors, PortsideError } from './errors';

/** Keys that reach an object's prototype when copied carelessly; never a field of ours. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any input of ours; deeper input is refused rather than walked. */
const MAX_DEPTH = 8;
const NOT_AN_OBJECT = 'The request must be a JSON object of named fields.';

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = base ? `${base}.${key}` : key;
        fields[path] ??= `Unknown field "${key}": this operation does not take it: remove it (or check the spelling).`;
      }
      continue;
    }
    const path = base || '_';
    fields[path] ??= friendlyMessage(issue, path);
  }
  return fields;
}

/** A branch that only says "expected null": the `null` of a clearable field, never what the caller meant to send. */
const onlyExpectsNull = (branch: readonly z.core.$ZodIssue[]): boolean =>
  branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].expected === 'null';

/**
 * The issue a person should read. A clearable field is `null | <field>`, and zod reports a value
 * fitting neither as "Invalid input": the field's own branch says what is wrong ("Notes must be text.").
 */
export function decisiveIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const branches = issue.errors.filter((branch) => !onlyExpectsNull(branch));
  const [only] = branches;
  return branches.length === 1 && only?.[0] ? decisiveIssue(only[0]) : issue;
}

function friendlyMessage(raw: z.core.$ZodIssue, path: string): string {
  const issue = decisiveIssue(raw);
  const field = path.split('.').pop() ?? path;
  // zod's own wording for a missing field is technical; say it plainly.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${field} is required.`;
  if (issue.code === 'invalid_type' && path === '_') return NOT_AN_OBJECT;
  return issue.message;
}

/** Paths of prototype keys anywhere in the input ("vehicles.0.__proto__"), and whether it nests too deep. */
function prototypeKeyPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return found;
  if (path.length > MAX_DEPTH) {
    found.push(path.join('.'));
    return found;
  }
  for (const key of Object.keys(value)) {
    const at = [...path, key];
    if (PROTOTYPE_KEYS.has(key)) found.push(at.join('.'));
    else prototypeKeyPaths((value as Record<string, unknown>)[key], at, found);
  }
  return found;
}

function assertNoPrototypeKeys(input: unknown): void {
  const paths = prototypeKeyPaths(input);
  if (paths.length === 0) return;
  // A null-prototype map, so that "__proto__" is stored as the field name it is.
  const fields: FieldErrors = Object.create(null) as FieldErrors;
  for (const path of paths) {
    const key = path.split('.').pop() ?? path;
    fields[path] = PROTOTYPE_KEYS.has(key)
      ? `"${key}" is not allowed as a field name anywhere in a request.`
      : `Nested too deep (more than ${MAX_DEPTH} levels): send the fields this operation takes.`;
  }
  const first = Object.values(fields)[0] ?? 'The request is not valid.';
  throw new PortsideError('VALIDATION', first, { fields });
}

/**
 * A plain object (or nothing, read as no fields). zod reads any object's own keys, so a Map,
 * Set or Date sent over IPC would pass as "{}" and run the operation with its contents unread.
 */
function assertPlainObject(input: unknown): void {
  if (input === undefined || input === null) return;
  const proto: unknown = typeof input === 'object' ? Object.getPrototypeOf(input) : undefined;
  if (!Array.isArray(input) && (proto === Object.prototype || proto === null)) return;
  throw new PortsideError('VALIDATION', NOT_AN_OBJECT, { fields: { _: NOT_AN_OBJECT } });
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertPlainObject(input);
  assertNoPrototypeKeys(input);
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
