// Hostile-input cases for the Electron IPC transport: the JSON values of the HTTP suite, plus what structured clone carries and JSON cannot (NaN, Date, Map, BigInt...).
import { OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { bodyWith, type BaseRequest, FIELD_SPECS, fill, inputTransport } from './hostile-cases';
import { ALL_FIELD_VALUES, type FieldSpec, type HostileValue, type Outcome } from './hostile-values';

export interface IpcCase {
  operation: OperationName;
  title: string;
  field: string | null;
  outcome: Outcome;
  /** The input object the renderer would send (before Electron's structured clone). */
  input(base: BaseRequest): unknown;
}

/** What only IPC can carry: structured clone keeps these where JSON would fail or turn them into text. */
const CLONE_ONLY: { name: string; make: () => unknown }[] = [
  { name: 'NaN', make: () => Number.NaN },
  { name: 'Infinity', make: () => Number.POSITIVE_INFINITY },
  { name: '-Infinity', make: () => Number.NEGATIVE_INFINITY },
  { name: 'a Date', make: () => new Date('2026-03-01T09:30:00Z') },
  { name: 'a BigInt', make: () => 2019n },
  { name: 'a Map', make: () => new Map([['value', 'x']]) },
  { name: 'a Set', make: () => new Set(['x']) },
  { name: 'a sparse array', make: () => new Array<unknown>(3) },
  { name: 'a typed array', make: () => new Uint8Array([50, 48, 49, 57]) },
  { name: 'a RegExp', make: () => /x/ },
  { name: 'an Error', make: () => new Error('x') },
];

/** Roots that are objects to JavaScript but no set of named fields. */
const NOT_PLAIN_ROOTS: { name: string; make: () => unknown }[] = [
  { name: 'an array', make: () => [] },
  { name: 'text', make: () => 'status=Cancelled' },
  { name: 'a number', make: () => 42 },
  { name: 'a Map of fields', make: () => new Map<string, unknown>([['status', 'Cancelled']]) },
  { name: 'a Date', make: () => new Date() },
  { name: 'a Set', make: () => new Set(['status']) },
];

/**
 * A query-string field's schema reads plain digits as a number (the query string has no other
 * way to carry one), so "12" over IPC is the number 12: a page size, or a stale version (409).
 */
function ipcOutcome(operation: OperationName, spec: FieldSpec, value: HostileValue): Outcome | null {
  const json = value.json;
  if (json === undefined) return null;
  const where = inputTransport(operation) === 'query' && spec.kind !== 'pathId' ? 'query' : 'body';
  if (where === 'query' && /^"(0|[1-9][0-9]{0,15})"$/.test(json)) {
    if (spec.kind === 'limit' || spec.kind === 'days') return 'accept';
    if (spec.kind === 'version') return 409;
  }
  // A yes/no sent as a real boolean is exactly what it should be.
  if (spec.kind === 'bool' && json === 'true') return 'accept';
  return value.outcome(spec, where);
}

function withValue(base: BaseRequest, field: string, rawJson: string): unknown {
  return JSON.parse(bodyWith({ ...base.input, ...base.params }, field, fill(rawJson, base, field)));
}

function operationCases(operation: OperationName): IpcCase[] {
  const cases: IpcCase[] = [];
  const add = (title: string, field: string | null, outcome: Outcome, input: IpcCase['input']) =>
    cases.push({ operation, title: `${title} (ipc)`, field, outcome, input });
  const specs = Object.entries(FIELD_SPECS[operation]);
  for (const [field, spec] of specs) {
    for (const value of ALL_FIELD_VALUES) {
      const outcome = ipcOutcome(operation, spec, value);
      const json = value.json;
      if (outcome === null || json === undefined) continue;
      add(`${field} = ${value.name}`, field, outcome, (base) => withValue(base, field, json));
    }
    for (const value of CLONE_ONLY) {
      add(`${field} = ${value.name}`, field, 'refuse', (base) => ({ ...base.input, ...base.params, [field]: value.make() }));
    }
    // Left out, a field is simply not given; the vehicle's currency is needed by the purchase price the base request gives,
    // a direction by the phone call the communication base request logs (only a note goes without one), and
    // notifications.read needs ids or all (the base request sends ids).
    const needed =
      spec.presence === 'required' ||
      (operation === 'vehicles.create' && field === 'currency') ||
      (operation === 'communication.log' && field === 'direction') ||
      (operation === 'notifications.read' && field === 'ids');
    add(`${field} = undefined`, field, needed ? 'refuse' : 'accept', (base) => ({
      ...base.input,
      ...base.params,
      [field]: undefined,
    }));
  }
  add('an unknown field', 'unexpected', 'refuse', (base) => ({ ...base.input, ...base.params, unexpected: 1 }));
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    add(`a top-level ${key} key`, key, 'refuse', (base) =>
      JSON.parse(bodyWith({ ...base.input, ...base.params }, null, null, [`"${key}":{"status":"Cancelled","roles":["Admin"]}`])),
    );
  }
  for (const root of NOT_PLAIN_ROOTS) add(`an input that is ${root.name}`, null, 'refuse', () => root.make());
  const firstText = specs.find(([, spec]) => !['year', 'amount', 'version', 'limit', 'days', 'lines', 'bool'].includes(spec.kind));
  if (firstText) {
    // No body limit on IPC: the field's own limit must refuse it.
    const huge = 'x'.repeat(5 * 1024 * 1024);
    add(`${firstText[0]} = a 5 MB string`, firstText[0], 'refuse', (base) => ({ ...base.input, ...base.params, [firstText[0]]: huge }));
  }
  return cases;
}

export function allIpcCases(): IpcCase[] {
  return OPERATION_NAMES.flatMap(operationCases);
}
