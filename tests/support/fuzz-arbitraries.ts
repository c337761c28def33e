// JSON Schema -> fast-check: values shaped like an operation's input (the subset z.toJSONSchema gives our zod schemas), with real record ids mixed in.
import fc from 'fast-check';
import type { JsonSchema } from '../../core/api/openapi';

export interface ArbitraryOptions {
  /** Ids of real records: a string field that takes an id draws one of these half the time, so calls get past "not found". */
  ids: readonly string[];
  /** Longest text to make (query strings must stay under Node's 16 KB header limit). */
  maxText: number;
}

/** Text people type, plus the characters strict text must refuse or survive. */
const TEXT_UNITS = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-.,@+/:#&') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  // Controls, bidi overrides, line separators, zero-widths, Hangul filler, a lone surrogate half, combining marks.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u202e',
      '\u2066',
      '\u2028',
      '\u200b',
      '\u3164',
      '\ud800',
      '\u0301',
      '\t',
      '\n',
      '\r\n',
    ),
  },
);

export function text(maxLength: number, minLength = 0): fc.Arbitrary<string> {
  return fc.string({ unit: TEXT_UNITS, minLength, maxLength: Math.max(minLength, maxLength) });
}

/** A real calendar date, or one that is almost right (Feb 30, year 0001, no zero padding). */
const dateText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2120-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '0001-01-01', '2026-1-5', '2026-13-01', '2026-02-29T00:00:00Z', '') },
);

/** An instant with a zone, or a near miss. */
const instantText = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-03-01T09:30:00+13:00', '2026-03-01T25:00:00Z', '2026-03-01', 'now'),
);

function stringArbitrary(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 60, options.maxText);
  if (schema.format === 'date') return dateText;
  if (schema.format === 'date-time') return instantText;
  if (typeof schema.pattern === 'string') {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    // Id-shaped fields: mostly real ids, so the call reaches the rules behind "not found".
    return options.ids.length > 0 && /A-Za-z0-9/.test(schema.pattern)
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...options.ids) }, { weight: 1, arbitrary: matching })
      : matching;
  }
  return fc.oneof(
    { weight: 4, arbitrary: text(Math.min(max, 40), min) },
    { weight: 1, arbitrary: instantText },
    { weight: 1, arbitrary: text(max, min) },
  );
}

/** fc.integer covers 32 bits only: wider ranges (minor units, versions) are drawn as doubles and rounded. */
function wholeIn(min: number, max: number): fc.Arbitrary<number> {
  if (min >= -(2 ** 31) && max < 2 ** 31) return fc.integer({ min, max });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => Math.min(max, Math.max(min, Math.round(n))));
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : Number.MIN_SAFE_INTEGER;
  const max = typeof schema.maximum === 'number' ? schema.maximum : Number.MAX_SAFE_INTEGER;
  const low = Math.max(min, -1000);
  const whole = fc.oneof(
    { weight: 3, arbitrary: wholeIn(low, Math.min(max, low + 1000)) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    { weight: 1, arbitrary: wholeIn(min, max) },
  );
  return integer ? whole : fc.oneof(whole, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

function objectArbitrary(schema: JsonSchema, options: ArbitraryOptions, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of Object.entries(properties)) model[key] = arbitraryFor(child, options, depth + 1);
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) });
}

function typed(type: string, schema: JsonSchema, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 5, minLength + 4);
      return fc.array(arbitraryFor(items, options, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(schema, options, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values fitting `schema` in shape (its refinements, such as "a visible character", are for the fuzzing to probe). */
export function arbitraryFor(schema: JsonSchema, options: ArbitraryOptions, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0)
    return fc.oneof(...branches.map((branch) => arbitraryFor(branch, options, depth + 1)));
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => typed(type, schema, options, depth)));
  if (typeof schema.type === 'string') return typed(schema.type, schema, options, depth);
  // `{}`: anything JSON.
  return fc.jsonValue({ maxDepth: 2 });
}
