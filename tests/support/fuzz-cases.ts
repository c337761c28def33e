// Fuzz cases for any contract operation, derived from its input schema: well-formed inputs, mutants of them and of a known-good request, random JSON, random query strings and path parameters.
import fc from 'fast-check';
import { contract, type OperationName } from '../../core/api/contract';
import { inputSchema, type JsonSchema, openApiPath, takesBody } from '../../core/api/openapi';
import { arbitraryFor, text } from './fuzz-arbitraries';
import type { BaseRequest } from './hostile-cases';

/** One call, transport-neutral: HTTP sends params in the path and input as query or JSON body; IPC sends input and params as one object. */
export interface FuzzCase {
  kind: string;
  params: Record<string, string>;
  /** Params go into the path as they are (broken %-escapes on purpose), not percent-encoded. */
  rawParams?: boolean;
  input: unknown;
  /** HTTP only: the body text exactly (invalid JSON, other roots). */
  bodyText?: string;
  /** HTTP only: the query string exactly (without "?"). */
  query?: string;
  /** HTTP only: the Content-Type to send with a body (default application/json). */
  contentType?: string;
}

export interface CaseOptions {
  /** A request known to be valid on the test's records now (hostile-runner's baseRequest; renewed after an accepted call), when there is one. */
  base: () => BaseRequest | null;
  /** Ids of real records, for id-shaped fields and path parameters. */
  ids: readonly string[];
  /** Cases for IPC may hold values JSON cannot (undefined, NaN, -0, null-prototype objects). */
  transport: 'http' | 'ipc';
}

/** Defines an own key even for "__proto__" (assignment would set the prototype instead). */
function withKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/** Values of the wrong type or at the edges of a type. */
const WRONG_VALUE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, 1.5, -0, 1e308, 2 ** 53, true, false, '', '   ', 'null', 'true', '0x10', '1e3', [], {}, [null], { '': '' }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Text far over any field's limit, or a shorter string of hostile characters. */
function hostileText(transport: CaseOptions['transport'], query: boolean): fc.Arbitrary<string> {
  // Query strings must fit Node's 16 KB header limit (over it Node answers 431 before our code runs).
  const huge = query ? 3_000 : transport === 'ipc' ? 2_000_000 : 300_000;
  return fc.oneof(
    fc.constantFrom('x'.repeat(huge), '\u00e9'.repeat(huge / 4), '\ud83d\ude97'.repeat(huge / 8), ' '.repeat(huge / 2)),
    text(80, 1),
    fc.constantFrom(
      '\u202eexe.eciovni',
      'a\u0000b',
      '\u200b\u200b',
      '\u3164',
      '\ud800',
      'line\u2028break',
      '{{order.number}}',
      "'; DROP TABLE orders; --",
    ),
  );
}

/** Nested far deeper than any input of ours. */
const DEEP = fc.integer({ min: 9, max: 40 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
});

/** One mutation of a (mostly) valid input object. */
function mutants(start: Record<string, unknown>, options: CaseOptions, query: boolean): fc.Arbitrary<{ kind: string; input: unknown }> {
  const keys = Object.keys(start);
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('unexpected');
  return fc.oneof(
    key.map((k) => ({ kind: `drop ${k}`, input: without(start, k) })),
    fc
      .tuple(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'status', 'roles', 'version', 'actorId')),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([k, v]) => ({ kind: `add ${JSON.stringify(k)}`, input: withKey(start, k, v) })),
    fc.tuple(key, WRONG_VALUE).map(([k, v]) => ({ kind: `wrong type ${k}`, input: withKey(start, k, v) })),
    fc
      .tuple(key, hostileText(options.transport, query))
      .map(([k, v]) => ({ kind: `hostile text ${k} (${v.length})`, input: withKey(start, k, v) })),
    fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean(), key).map(([proto, nested, k]) => {
      const poison = { prototype: { isAdmin: true }, roles: ['Admin'], status: 'Cancelled' };
      const input = nested ? withKey(start, k, withKey({}, proto, poison)) : withKey(start, proto, poison);
      return { kind: `prototype key ${proto}${nested ? ` in ${k}` : ''}`, input };
    }),
    fc.tuple(key, DEEP).map(([k, v]) => ({ kind: `deep ${k}`, input: withKey(start, k, v) })),
  );
}

/** Path parameter values: real ids, id-shaped, and what a path should never carry. */
function paramValue(options: CaseOptions, name: string): fc.Arbitrary<string> {
  const known = options.base()?.params[name] !== undefined;
  return fc.oneof(
    {
      weight: 4,
      arbitrary: known ? fc.constant(null).map(() => options.base()?.params[name] ?? 'missing') : fc.constantFrom(...options.ids),
    },
    { weight: 2, arbitrary: options.ids.length > 0 ? fc.constantFrom(...options.ids) : fc.constant('x') },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,70}$/) },
    // "." and ".." are dot segments: the client resolves them away (another path), the server never sees them.
    { weight: 1, arbitrary: text(80, 1).filter((s) => s !== '.' && s !== '..') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(' ', '%', 'a/b', '...', '\u0000', '\u202e', 'null', 'undefined', '__proto__', '0', '-1', 'x'.repeat(2000)),
    },
  );
}

/** Query strings as raw text: repeated keys, broken escapes, the operation's own keys with junk values. */
function rawQuery(keys: readonly string[]): fc.Arbitrary<string> {
  const part = fc.oneof(
    fc
      .tuple(
        keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('q'),
        fc.constantFrom('', '%', '%ZZ', '%E0%A4%A', '%ED%A0%80', '%00', '+', 'a&b', '%26', '%3D'),
      )
      .map(([k, v]) => `${k}=${v}`),
    fc
      .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }))
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    fc.constantFrom('__proto__[x]=1', 'constructor=1', '=', '&&', 'a', 'limit=1&limit=2', 'limit=999999999999999999999'),
  );
  return fc.array(part, { maxLength: 5 }).map((parts) => parts.join('&'));
}

/** Every kind of case for one operation; weights favour inputs that reach the service's rules. */
export function caseArbitrary(operation: OperationName, options: CaseOptions): fc.Arbitrary<FuzzCase> {
  const def = contract[operation];
  const { params: paramNames } = openApiPath(def.path);
  const schema = inputSchema(def.input);
  const properties = { ...((schema.properties as Record<string, JsonSchema> | undefined) ?? {}) };
  for (const name of paramNames) delete properties[name];
  const required = ((schema.required as string[] | undefined) ?? []).filter((key) => !paramNames.includes(key));
  const inputOnly: JsonSchema = { ...schema, properties, required };
  const query = !takesBody(def.method);
  const params = fc.record(Object.fromEntries(paramNames.map((name) => [name, paramValue(options, name)])));
  const wellFormed = arbitraryFor(inputOnly, { ids: options.ids, maxText: query ? 2_000 : 5_000 }) as fc.Arbitrary<Record<string, unknown>>;
  // Read when drawn: an accepted call moves a record's version on, and the runner renews the base request then.
  const baseInput = options.base() ? fc.constant(null).map(() => options.base()?.input ?? {}) : wellFormed;
  const make = (kind: string, input: unknown, extra: Partial<FuzzCase> = {}) =>
    params.map((p): FuzzCase => ({ kind, params: p, input, ...extra }));

  const cases: fc.WeightedArbitrary<FuzzCase>[] = [
    { weight: 3, arbitrary: wellFormed.chain((input) => make('from the schema', input)) },
    { weight: 2, arbitrary: baseInput.chain((input) => make('known good', input)) },
    { weight: 3, arbitrary: wellFormed.chain((start) => mutants(start, options, query)).chain((m) => make(`schema, ${m.kind}`, m.input)) },
    { weight: 3, arbitrary: baseInput.chain((start) => mutants(start, options, query)).chain((m) => make(`good, ${m.kind}`, m.input)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).chain((input) => make('random JSON value', input)) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
        .chain((input) => make('random object', input)),
    },
  ];
  if (options.transport === 'ipc') {
    cases.push({
      weight: 1,
      arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withSparseArray: true }).chain((input) => make('anything', input)),
    });
  } else {
    cases.push({
      weight: 1,
      arbitrary: fc
        .json({ maxDepth: 3 })
        .chain((body) => make('random JSON text', undefined, query ? { query: `q=${encodeURIComponent(body)}` } : { bodyText: body })),
    });
    cases.push({
      weight: 1,
      arbitrary: fc.tuple(baseInput, rawQuery(Object.keys(properties))).chain(([input, q]) => make('raw query', input, { query: q })),
    });
    if (paramNames.length > 0) {
      const broken = fc.record(
        Object.fromEntries(paramNames.map((name) => [name, fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%ED%A0%80', '%C0%AF', 'a%00b')])),
      );
      cases.push({
        weight: 1,
        arbitrary: fc
          .tuple(baseInput, broken)
          .map(([input, p]): FuzzCase => ({ kind: 'broken path escape', params: p, rawParams: true, input })),
      });
    }
    if (!query) {
      const badBody = fc.constantFrom(
        '{',
        '[]',
        '"text"',
        '42',
        'null',
        '{"a":1}{"b":2}',
        '\ufeff{}',
        '{"__proto__":{"x":1}}',
        '{"a":"\\ud800"}',
        ' ',
        '\u0000',
      );
      cases.push({
        weight: 1,
        arbitrary: fc.tuple(baseInput, badBody).chain(([, body]) => make('bad body text', undefined, { bodyText: body })),
      });
      const type = fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'multipart/form-data',
        '',
      );
      cases.push({
        weight: 1,
        arbitrary: fc
          .tuple(baseInput, type)
          .chain(([input, contentType]) => make(`content-type ${JSON.stringify(contentType)}`, input, { contentType })),
      });
    }
  }
  return fc.oneof(...cases);
}
