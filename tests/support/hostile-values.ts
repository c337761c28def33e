// Hostile values for the hostile-input suite: what each kind of field must refuse (or, rarely, accept) in a JSON body, a query string or a path.

/** What a field holds, as the person who designed the operation meant it (not read from the schema, so the suite can catch the schema). */
export type FieldKind =
  | 'text' // one-line text
  | 'longText' // notes, addresses, reasons: line breaks allowed
  | 'email'
  | 'phone'
  | 'vin'
  | 'password' // opaque: compared as typed, so a strange but bounded one is simply a wrong password (401)
  | 'id' // an entity id in a body or query string
  | 'pathId' // an entity id in the address
  | 'enum'
  | 'year'
  | 'amount'
  | 'version'
  | 'date' // YYYY-MM-DD
  | 'instant' // ISO 8601 with a zone
  | 'bool' // query-string boolean
  | 'flag' // JSON boolean in a body: true or false, nothing else
  | 'limit'
  | 'days' // a whole number of days from 1 to 365 in a query string (the dashboard's staleDays)
  | 'cursor'
  | 'search' // list search text
  | 'lines' // orders.create vehicles: [{vehicleId, price}]
  | 'override' // vehicles.recordStage override: {reason}
  | 'percent' // a whole number from 0 to 100
  | 'idList' // a list of ids of records the operation checks (communication's vehicleIds)
  | 'idSet' // a list of one's own record ids where an unknown one is simply not there (notifications.read ids)
  | 'slug' // a short key such as a template's: a-z, 0-9, _ and -
  | 'tags' // a customer's segments: ["repeat", "trade"]
  | 'records' // a customer's contacts or addresses: [{...}]
  | 'account' // a local account name: letters, digits and . _ @ + -
  | 'newPassword' // a password an Admin sets: 12 to 200 typeable characters
  | 'roles'; // an account's roles: ["CSR", "Manager"]

/**
 * What "not there" values mean for a field. `required`: nothing is accepted. `optional`: blank
 * text ("" or spaces) means not given. `optionalEmpty`: only "" means not given (enum and id
 * filters: "  " is no value of theirs). `optionalStrict`: may be left out, but "" is refused
 * (numbers, enums without a blank choice). `clearable` / `clearableEmpty`: as optional /
 * optionalEmpty, and null clears the value (updates).
 */
export type Presence = 'required' | 'optional' | 'optionalEmpty' | 'optionalStrict' | 'clearable' | 'clearableEmpty';

export interface FieldSpec {
  kind: FieldKind;
  presence: Presence;
}

/** How a case must end. `refuse`: 400 naming the field; `accept`: the operation's success status; otherwise that error status. */
export type Outcome = 'refuse' | 'accept' | 401 | 404 | 409 | 422 | 'tooLarge';

/** A value in the three forms it can travel in; each form answers the outcome for a field, or null when it does not apply. */
export interface HostileValue {
  name: string;
  /** Raw JSON text of the value (so that lone surrogates and `__proto__` keys survive). */
  json?: string;
  /** The query-string text after `field=`, already percent-encoded; `repeat` sends `field=v&field=v`. */
  query?: string;
  /** The path segment, already percent-encoded. */
  path?: string;
  /** A prototype key the JSON form carries, which a safe JSON parser may refuse before any field is known. */
  prototypeKey?: string;
  outcome(spec: FieldSpec, where: 'body' | 'query' | 'path'): Outcome | null;
}

const NUMERIC: FieldKind[] = ['year', 'amount', 'version', 'limit', 'days'];
const STRINGY: FieldKind[] = ['text', 'longText', 'email', 'phone', 'vin', 'password', 'id', 'pathId', 'search'];
const isNumeric = (spec: FieldSpec) => NUMERIC.includes(spec.kind);

/** "" and "   ": not given where the field allows that, otherwise refused. */
function blankOutcome(spec: FieldSpec, spaces: boolean): Outcome {
  if (spec.presence === 'optional' || spec.presence === 'clearable') return 'accept';
  if (!spaces && (spec.presence === 'optionalEmpty' || spec.presence === 'clearableEmpty')) return 'accept';
  // A list's page size, cursor and yes/no filters read blank as "not given" like its text filters.
  if (spec.kind === 'limit' || spec.kind === 'days' || spec.kind === 'cursor' || spec.kind === 'bool') return 'accept';
  return 'refuse';
}

/** Text a field refuses whatever its kind; a password is compared as typed, so it is just wrong (401). */
function badText(name: string, json: string | undefined, query: string): HostileValue {
  return {
    name,
    ...(json === undefined ? {} : { json }),
    query,
    path: query,
    outcome: (spec) => (spec.kind === 'password' ? 401 : 'refuse'),
  };
}

/** A line break: fine in notes, addresses and reasons; refused in one-line fields. */
function lineBreak(name: string, json: string, query: string): HostileValue {
  return {
    name,
    json,
    query,
    path: query,
    outcome: (spec) => (spec.kind === 'password' ? 401 : spec.kind === 'longText' ? 'accept' : 'refuse'),
  };
}

const json = (value: unknown) => JSON.stringify(value);
const q = encodeURIComponent;

/** Ten thousand characters: longer than any field takes, short enough for an address or a query string. */
const LONG = 'x'.repeat(10_000);

/** Values tried on every field of every operation, in each form the field can arrive in. */
export const GENERAL_VALUES: HostileValue[] = [
  // Wrong JSON types (a query string or path is always text, so these are body-only).
  { name: 'a number for text', json: '12345', outcome: (s) => (isNumeric(s) ? null : 'refuse') },
  { name: 'text for a number', json: '"12"', outcome: (s) => (isNumeric(s) || s.kind === 'lines' ? 'refuse' : null) },
  { name: 'a boolean', json: 'true', outcome: (s) => (s.kind === 'flag' ? 'accept' : 'refuse') },
  {
    name: 'null',
    json: 'null',
    outcome: (s) => (s.presence === 'clearable' || s.presence === 'clearableEmpty' ? 'accept' : 'refuse'),
  },
  // A list of ids the operation checks takes it as an id of no vehicle of the order: 422 naming it. A set of one's
  // own ids takes it (an unknown one is simply not there), and so does a list of tags.
  {
    name: 'an array holding a plausible value',
    json: '["2026"]',
    outcome: (s) => (s.kind === 'idList' ? 422 : s.kind === 'idSet' || s.kind === 'tags' ? 'accept' : 'refuse'),
  },
  { name: 'an array holding a number', json: '[1]', outcome: () => 'refuse' },
  { name: 'a nested object', json: '{"value":"x"}', outcome: () => 'refuse' },
  { name: 'an empty object', json: '{}', outcome: () => 'refuse' },
  // Blank text.
  { name: 'an empty string', json: '""', query: '', outcome: (s, where) => (where === 'path' ? null : blankOutcome(s, false)) },
  {
    name: 'whitespace only',
    json: '"   "',
    query: '%20%20%20',
    path: '%20%20%20',
    outcome: (s, where) => (s.kind === 'password' ? 401 : where === 'path' ? 'refuse' : blankOutcome(s, true)),
  },
  // Prototype keys inside the value (top-level ones are per operation).
  { name: 'a nested __proto__ key', json: '{"__proto__":{"polluted":true}}', prototypeKey: '__proto__', outcome: () => 'refuse' },
  {
    name: 'a nested constructor.prototype',
    json: '{"constructor":{"prototype":{"polluted":true}}}',
    prototypeKey: 'constructor',
    outcome: () => 'refuse',
  },
  {
    name: 'an array holding a prototype key',
    json: '[{"__proto__":{"polluted":true}}]',
    prototypeKey: '__proto__',
    outcome: () => 'refuse',
  },
  {
    name: 'the text "__proto__"',
    json: '"__proto__"',
    query: '__proto__',
    path: '__proto__',
    // Fine as a name or a search; no id, number, date or choice.
    outcome: (s) => (STRINGY.includes(s.kind) && s.kind !== 'id' && s.kind !== 'pathId' ? null : 'refuse'),
  },
  // Size.
  { name: '10,000 characters', json: json(LONG), query: LONG, path: LONG, outcome: () => 'refuse' },
  // Control characters: NUL, C0, DEL and C1.
  badText('a NUL character', '"a\\u0000b"', 'a%00b'),
  badText('an ESC (C0) character', '"a\\u001bb"', 'a%1Bb'),
  badText('a DEL character', '"a\\u007fb"', 'a%7Fb'),
  badText('a NEL (C1) character', '"a\\u0085b"', 'a%C2%85b'),
  badText('a CSI (C1) character', '"a\\u009bb"', 'a%C2%9Bb'),
  badText('a form feed', '"a\\u000cb"', 'a%0Cb'),
  // Bidi overrides and isolates ("Trojan Source").
  badText('a right-to-left override (U+202E)', '"abc\\u202edef"', `abc${q('\u202E')}def`),
  badText('a left-to-right isolate (U+2066)', '"abc\\u2066def\\u2069"', `abc${q('\u2066')}def${q('\u2069')}`),
  // Line breaks of every kind, including Unicode's own line and paragraph separators.
  lineBreak('a line break', '"a\\nb"', 'a%0Ab'),
  lineBreak('a tab', '"a\\tb"', 'a%09b'),
  lineBreak('a line separator (U+2028)', '"a\\u2028b"', `a${q('\u2028')}b`),
  lineBreak('a paragraph separator (U+2029)', '"a\\u2029b"', `a${q('\u2029')}b`),
  // Nothing visible: zero-width characters, and the blank-looking letters used for "invisible names".
  badText('zero-width characters only', '"\\u200b\\u200c\\u200d"', q('\u200B\u200C\u200D')),
  badText('a Hangul filler only (U+3164)', '"\\u3164"', q('\u3164')),
  badText('Hangul choseong and jungseong fillers only', '"\\u115f\\u1160"', q('\u115F\u1160')),
  badText('a Braille blank only (U+2800)', '"\\u2800\\u2800"', q('\u2800\u2800')),
  badText('combining marks only', '"\\u0301\\u0308"', q('\u0301\u0308')),
  // Not text at all: a lone UTF-16 surrogate in JSON, invalid UTF-8 in a URL.
  badText('a lone high surrogate', '"a\\ud800b"', 'a%ED%A0%80b'),
  badText('a lone low surrogate', '"\\udc00"', '%ED%B0%80'),
  // Only in a URL: a JSON body is read as UTF-8 text before it is parsed.
  badText('bytes that are not UTF-8', undefined, 'a%FF%FEb'),
];

const forKinds =
  (kinds: FieldKind[], outcome: Outcome = 'refuse') =>
  (spec: FieldSpec) =>
    kinds.includes(spec.kind) ? outcome : null;

/** Numbers that are no count, price, year or version: in JSON and as query-string text. */
export const NUMBER_VALUES: HostileValue[] = [
  { name: 'zero', json: '0', query: '0', outcome: forKinds(NUMERIC) },
  { name: 'minus one', json: '-1', query: '-1', outcome: forKinds(NUMERIC) },
  { name: 'negative zero', json: '-0', query: '-0', outcome: forKinds(NUMERIC) },
  { name: 'a fraction', json: '1.5', query: '1.5', outcome: forKinds(NUMERIC) },
  { name: 'a huge number', json: '1e308', query: '1e308', outcome: forKinds(NUMERIC) },
  { name: 'a number beyond JSON doubles', json: '1e400', outcome: forKinds(NUMERIC) },
  { name: 'an integer beyond 2^53', json: '9007199254740993', query: '9007199254740993', outcome: forKinds(NUMERIC) },
  { name: 'the text "NaN"', json: '"NaN"', query: 'NaN', outcome: forKinds(NUMERIC) },
  { name: 'the text "Infinity"', json: '"Infinity"', query: 'Infinity', outcome: forKinds(NUMERIC) },
  { name: 'hexadecimal "0x1"', json: '"0x1"', query: '0x1', outcome: forKinds(NUMERIC) },
  { name: 'exponent "1e2"', json: '"1e2"', query: '1e2', outcome: forKinds(NUMERIC) },
  { name: 'a plus sign "+1"', query: '%2B1', outcome: forKinds(NUMERIC) },
  { name: 'a leading space " 1"', query: '%201', outcome: forKinds(NUMERIC) },
  { name: 'a trailing ".0"', query: '1.0', outcome: forKinds(NUMERIC) },
  { name: 'a leading zero "01"', query: '01', outcome: forKinds(NUMERIC) },
  { name: 'a full-width digit', query: q('１'), outcome: forKinds(NUMERIC) },
  { name: 'the word "ten"', json: '"ten"', query: 'ten', outcome: forKinds(NUMERIC) },
  { name: '201 (over the page maximum)', query: '201', outcome: forKinds(['limit']) },
  { name: '366 (over a year of days)', query: '366', outcome: forKinds(['days']) },
  // A whole number no record has reached: a version that is stale (409, with the current record), a year or page size out of range.
  {
    name: 'a large whole number (999999)',
    json: '999999',
    query: '999999',
    outcome: (s) => (s.kind === 'version' ? 409 : s.kind === 'year' || s.kind === 'limit' || s.kind === 'days' ? 'refuse' : null),
  },
];

/** Dates that do not exist or are not dates. */
export const DATE_VALUES: HostileValue[] = [
  { name: '30 February', json: '"2026-02-30"', outcome: forKinds(['date']) },
  { name: 'month 13', json: '"2026-13-01"', outcome: forKinds(['date']) },
  { name: 'the word "yesterday"', json: '"yesterday"', outcome: forKinds(['date', 'instant']) },
  { name: 'a timestamp number 1e12', json: '1e12', outcome: forKinds(['date', 'instant']) },
  { name: 'hour 25', json: '"2026-03-01T25:00:00Z"', outcome: forKinds(['date', 'instant']) },
  { name: '30 February at noon', json: '"2026-02-30T12:00:00Z"', outcome: forKinds(['instant']) },
  { name: 'month 13 at noon', json: '"2026-13-01T12:00:00Z"', outcome: forKinds(['instant']) },
  { name: 'a date without a time', json: '"2026-03-01"', outcome: forKinds(['instant']) },
  { name: 'a time without a zone', json: '"2026-03-01T10:00:00"', outcome: forKinds(['instant']) },
  { name: 'a zone offset of +25:00', json: '"2026-03-01T10:00:00+25:00"', outcome: forKinds(['instant']) },
  { name: 'year 0000', json: '"0000-01-01"', outcome: forKinds(['date']) },
  { name: 'year 1899', json: '"1899-12-31"', outcome: forKinds(['date']) },
  { name: 'a six-digit year', json: '"+275760-09-13T00:00:00.000Z"', outcome: forKinds(['date', 'instant']) },
  { name: 'slashes', json: '"01/03/2026"', outcome: forKinds(['date', 'instant']) },
  // Real instants that break a rule of stage dates: refused by the rule, naming the field.
  { name: 'an instant before the model year', json: '"1950-01-01T00:00:00Z"', outcome: forKinds(['instant'], 422) },
  { name: 'an instant far in the future', json: '"2150-01-01T00:00:00Z"', outcome: forKinds(['instant'], 422) },
];

/** Ids that Portside cannot have made, and a well-formed one it never made. */
export const ID_VALUES: HostileValue[] = [
  {
    name: 'a path traversal',
    json: '"../../etc/passwd"',
    query: q('../../etc/passwd'),
    path: q('../../etc/passwd'),
    outcome: forKinds(['id', 'pathId']),
  },
  { name: 'an id with a space', json: '"a b"', query: 'a%20b', path: 'a%20b', outcome: forKinds(['id', 'pathId']) },
  {
    name: 'an id of 65 characters',
    json: json('a'.repeat(65)),
    query: 'a'.repeat(65),
    path: 'a'.repeat(65),
    outcome: forKinds(['id', 'pathId']),
  },
  { name: 'an emoji id', json: '"🚗"', query: q('🚗'), path: q('🚗'), outcome: forKinds(['id', 'pathId']) },
  {
    name: 'a SQL fragment',
    json: "\"1' OR '1'='1\"",
    query: q("1' OR '1'='1"),
    path: q("1' OR '1'='1"),
    outcome: forKinds(['id', 'pathId']),
  },
  { name: 'a malformed %-escape', path: '%ZZ', outcome: forKinds(['pathId']) },
  { name: 'an escaped slash', path: 'a%2Fb', outcome: forKinds(['pathId']) },
  // A real record of the wrong kind (an order's id as a customer's): not found, never mistaken for one.
  {
    name: 'the id of another kind of record',
    json: '"@OTHER_KIND@"',
    query: '@OTHER_KIND@',
    path: '@OTHER_KIND@',
    outcome: (s, where) => (s.kind === 'pathId' ? 404 : s.kind === 'id' ? (where === 'query' ? 'accept' : 404) : null),
  },
  // Well-formed but unknown: not found in an address or a body; a list filter simply matches nothing.
  {
    name: 'a well-formed id of no record ("constructor")',
    json: '"constructor"',
    query: 'constructor',
    path: 'constructor',
    outcome: (s, where) => (s.kind === 'pathId' ? 404 : s.kind === 'id' ? (where === 'query' ? 'accept' : 404) : null),
  },
];

/** Paging cursors Portside did not make, and page sizes it does not serve. */
export const CURSOR_VALUES: HostileValue[] = [
  { name: 'random base64', query: 'q83vEjRWeJA1bXkZ', outcome: forKinds(['cursor']) },
  { name: 'not base64', query: q('@@!!**'), outcome: forKinds(['cursor']) },
  { name: 'standard base64 with padding', query: q('a+b/c=='), outcome: forKinds(['cursor']) },
  { name: 'a 600-character cursor', query: 'A'.repeat(600), outcome: forKinds(['cursor']) },
  { name: 'base64 of a JSON object', query: Buffer.from('{"a":1}').toString('base64url'), outcome: forKinds(['cursor']) },
  { name: 'base64 of a one-item list', query: Buffer.from('["a"]').toString('base64url'), outcome: forKinds(['cursor']) },
  { name: 'base64 of a list of numbers', query: Buffer.from('[1,2]').toString('base64url'), outcome: forKinds(['cursor']) },
  { name: 'base64 of a three-item list', query: Buffer.from('["a","b","c"]').toString('base64url'), outcome: forKinds(['cursor']) },
  { name: 'base64 of [null, null]', query: Buffer.from('[null,null]').toString('base64url'), outcome: forKinds(['cursor']) },
];

/** Words that are not one of a field's choices. */
export const CHOICE_VALUES: HostileValue[] = [
  { name: 'a choice in the wrong case', json: '"draft"', query: 'draft', outcome: forKinds(['enum']) },
  { name: 'a choice with a trailing space', json: '"USD "', query: 'Draft%20', outcome: forKinds(['enum']) },
  { name: 'two choices at once', json: '"Draft,Cancelled"', query: 'Draft%2CCancelled', outcome: forKinds(['enum']) },
  { name: '"yes" for a yes/no', query: 'yes', outcome: forKinds(['bool']) },
  { name: '"TRUE" for a yes/no', query: 'TRUE', outcome: forKinds(['bool']) },
  { name: '"2" for a yes/no', query: '2', outcome: forKinds(['bool']) },
  { name: '"on" for a yes/no', query: 'on', outcome: forKinds(['bool']) },
  { name: 'not an email address', json: '"not-an-email"', outcome: forKinds(['email']) },
  { name: 'an email with a line break', json: '"a@example.com\\nBcc: b@example.com"', outcome: forKinds(['email']) },
  { name: 'a phone number of letters', json: '"call me"', outcome: forKinds(['phone']) },
  { name: 'a phone number of punctuation only', json: '"(((---)))"', outcome: forKinds(['phone']) },
  { name: 'a phone number of five digits and padding', json: '"+1 (2) 3-4.5"', outcome: forKinds(['phone']) },
  { name: 'a VIN that is too short', json: '"SHORT"', outcome: forKinds(['vin']) },
  { name: 'a VIN with I, O or Q', json: '"1HGCM82633A00435Q"', outcome: forKinds(['vin']) },
  // Search text that looks like SQL or FTS syntax is just text to search for: found nowhere, never an error.
  { name: 'SQL in a search', query: q("'; DROP TABLE orders; --"), outcome: forKinds(['search'], 'accept') },
  { name: 'FTS syntax in a search', query: q('" OR NEAR(a b) * ^'), outcome: forKinds(['search'], 'accept') },
  { name: 'LIKE wildcards in a search', query: q('%_\\'), outcome: forKinds(['search'], 'accept') },
  { name: 'quotes only in a search', query: q(`"""'''`), outcome: forKinds(['search'], 'accept') },
  { name: 'an FTS column filter in a search', query: q('search_text:toyota'), outcome: forKinds(['search'], 'accept') },
];

/** Malformed vehicle lists for orders.create. */
export const LINE_VALUES: HostileValue[] = [
  { name: 'a list of lists', json: '[[{"vehicleId":"@VEHICLE@"}]]', outcome: forKinds(['lines']) },
  { name: 'a null line', json: '[null]', outcome: forKinds(['lines']) },
  { name: 'a line of text', json: '["@VEHICLE@"]', outcome: forKinds(['lines']) },
  { name: 'a line with an unknown field', json: '[{"vehicleId":"@VEHICLE@","qty":2}]', outcome: forKinds(['lines']) },
  { name: 'a line with a price as text', json: '[{"vehicleId":"@VEHICLE@","price":"1000"}]', outcome: forKinds(['lines']) },
  { name: 'a line with a zero price', json: '[{"vehicleId":"@VEHICLE@","price":0}]', outcome: forKinds(['lines']) },
  {
    name: 'a line with a __proto__ key',
    json: '[{"vehicleId":"@VEHICLE@","__proto__":{"price":1}}]',
    prototypeKey: '__proto__',
    outcome: forKinds(['lines']),
  },
  { name: 'the same vehicle twice', json: '[{"vehicleId":"@VEHICLE@"},{"vehicleId":"@VEHICLE@"}]', outcome: forKinds(['lines']) },
  { name: 'an object posing as a list', json: '{"0":{"vehicleId":"@VEHICLE@"},"length":1}', outcome: forKinds(['lines']) },
  {
    name: '201 lines',
    json: `[${Array.from({ length: 201 }, (_, i) => `{"vehicleId":"v-${i}"}`).join(',')}]`,
    outcome: forKinds(['lines']),
  },
];

/** Malformed delivery overrides and percentages. */
export const PAYMENT_VALUES: HostileValue[] = [
  { name: 'an override as text', json: '"because"', outcome: forKinds(['override']) },
  { name: 'an override with a blank reason', json: '{"reason":"  "}', outcome: forKinds(['override']) },
  { name: 'an override with an unknown field', json: '{"reason":"Paid in cash","by":"me"}', outcome: forKinds(['override']) },
  { name: 'an override with a number for reason', json: '{"reason":5}', outcome: forKinds(['override']) },
  { name: 'a percentage over 100', json: '101', outcome: forKinds(['percent']) },
  { name: 'a negative percentage', json: '-1', outcome: forKinds(['percent']) },
  { name: 'a fractional percentage', json: '12.5', outcome: forKinds(['percent']) },
  { name: 'a percentage as text', json: '"10"', outcome: forKinds(['percent']) },
  { name: 'a huge percentage', json: '1e308', outcome: forKinds(['percent']) },
];

/** Malformed lists of ids (communication's vehicleIds). */
export const ID_LIST_VALUES: HostileValue[] = [
  { name: 'a list of lists of ids', json: '[["@VEHICLE@"]]', outcome: forKinds(['idList', 'idSet']) },
  { name: 'a list holding null', json: '[null]', outcome: forKinds(['idList', 'idSet']) },
  { name: 'a list holding an object', json: '[{"vehicleId":"@VEHICLE@"}]', outcome: forKinds(['idList', 'idSet']) },
  { name: 'an object posing as a list of ids', json: '{"0":"@VEHICLE@","length":1}', outcome: forKinds(['idList', 'idSet']) },
  { name: 'a list holding a malformed id', json: '["a b"]', outcome: forKinds(['idList', 'idSet']) },
  { name: '201 ids', json: json(Array.from({ length: 201 }, (_, i) => `v-${i}`)), outcome: forKinds(['idList']) },
  { name: '501 ids', json: json(Array.from({ length: 501 }, (_, i) => `n-${i}`)), outcome: forKinds(['idSet']) },
  { name: 'a list holding a vehicle of no order of this kind', json: '["@OTHER_KIND@"]', outcome: forKinds(['idList'], 422) },
  { name: 'a key in capitals', json: '"STATUS_UPDATE"', outcome: forKinds(['slug']) },
  { name: 'a key with a space', json: '"status update"', outcome: forKinds(['slug']) },
  // Account names, roles and the passwords an Admin sets.
  { name: 'an account name with a space', json: '"ana rossi"', query: 'ana%20rossi', outcome: forKinds(['account']) },
  { name: 'an account name starting with a dot', json: '".ana"', query: '.ana', outcome: forKinds(['account']) },
  { name: 'an account name of 65 characters', json: json('a'.repeat(65)), query: 'a'.repeat(65), outcome: forKinds(['account']) },
  { name: 'a role in the wrong case', json: '["admin"]', outcome: forKinds(['roles']) },
  { name: 'no role at all', json: '[]', outcome: forKinds(['roles']) },
  { name: 'the same role twice', json: '["CSR","CSR"]', outcome: forKinds(['roles']) },
  { name: 'a role that does not exist', json: '["Superuser"]', outcome: forKinds(['roles']) },
  { name: 'a role as text, not a list', json: '"Admin"', outcome: forKinds(['roles']) },
  { name: 'a password of 11 characters', json: '"harbour-lig"', outcome: forKinds(['newPassword']) },
  { name: 'a password padded to 12 with spaces', json: '"  harbour   "', outcome: forKinds(['newPassword']) },
  { name: 'a password of 201 characters', json: json('p'.repeat(201)), outcome: forKinds(['newPassword']) },
  { name: 'a password with a line break', json: '"harbour lights\\nat dawn"', outcome: forKinds(['newPassword']) },
];

/** Segment lists and contact / address lists a customer cannot hold. */
export const CUSTOMER_LIST_VALUES: HostileValue[] = [
  { name: 'the same tag twice in other case', json: '["Repeat","repeat"]', outcome: forKinds(['tags']) },
  { name: '21 tags', json: json(Array.from({ length: 21 }, (_, i) => `tag ${i}`)), outcome: forKinds(['tags']) },
  { name: 'a tag of 41 characters', json: json(['x'.repeat(41)]), outcome: forKinds(['tags']) },
  { name: 'a blank tag', json: '["  "]', outcome: forKinds(['tags']) },
  { name: 'a tag with a line break', json: '["a\\nb"]', outcome: forKinds(['tags']) },
  { name: 'a null entry', json: '[null]', outcome: forKinds(['tags', 'records']) },
  { name: 'an entry without its required parts', json: '[{}]', outcome: forKinds(['records']) },
  { name: 'an entry with an unknown field', json: '[{"name":"A","label":"B","lines":["C"],"vip":true}]', outcome: forKinds(['records']) },
  { name: 'an entry with a bad phone', json: '[{"name":"A","label":"B","lines":["C"],"phone":"call me"}]', outcome: forKinds(['records']) },
];

export const ALL_FIELD_VALUES: HostileValue[] = [
  ...PAYMENT_VALUES,
  ...GENERAL_VALUES,
  ...NUMBER_VALUES,
  ...DATE_VALUES,
  ...ID_VALUES,
  ...CURSOR_VALUES,
  ...CHOICE_VALUES,
  ...LINE_VALUES,
  ...ID_LIST_VALUES,
  ...CUSTOMER_LIST_VALUES,
];
