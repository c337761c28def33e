// The OpenAPI 3.1 document of the HTTP API, generated from the contract table: zod inputs as parameters and bodies, generated output schemas, permissions, every error.
import { z } from 'zod';
import { isRealDate } from '../domain/fields';
import { type Access, contract, type HttpMethod, OPERATION_NAMES, type OperationName } from './contract';
import { ERROR_STATUS, type ErrorCode } from './errors';
import generated from './openapi-responses.generated.json';

export type JsonSchema = Record<string, unknown>;

interface ParameterObject {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, unknown>;
  'x-portside-access': Access;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string; variables: Record<string, { default: string; description: string }> }[];
  tags: { name: string }[];
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    headers: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
}

/** A conditional permission an operation may declare beyond `access` (e.g. a refund inside payments.record). */
export interface AlsoRequires {
  permission: string;
  when: string;
}

/** `/orders/:id/vehicles/:vehicleId` -> `/orders/{id}/vehicles/{vehicleId}`, and the parameter names. */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part;
      params.push(part.slice(1));
      return `{${part.slice(1)}}`;
    })
    .join('/');
  return { path: converted, params };
}

/** Whether the transport reads this operation's input from a JSON body (POST, PUT) or the query string (GET, DELETE). */
export function takesBody(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PUT';
}

/**
 * The JSON Schema of what a caller may send (zod's input side: before defaults and transforms).
 * Transforms and refinements have no JSON Schema: they render as their input type ("any" at worst)
 * rather than failing; a refinement to a real calendar date is recognised and marked `format: date`.
 */
export function inputSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const checks = (zodSchema as { _zod: { def: { checks?: { _zod: { def: { fn?: unknown } } }[] } } })._zod.def.checks ?? [];
      if (checks.some((check) => check._zod.def.fn === isRealDate)) jsonSchema.format = 'date';
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

const ERROR_TEXT: Record<ErrorCode, string> = {
  VALIDATION:
    'The input is not valid: `fields` names each field and the fix (also a body that is not a JSON object, or a repeated query key).',
  UNAUTHENTICATED: 'No valid session token (sign in with POST /auth/login), or for sign-in: wrong username or password.',
  FORBIDDEN: "The caller's role lacks the permission (or the request came from another Host or Origin).",
  NOT_FOUND: 'A record named in the address or the input does not exist.',
  METHOD_NOT_ALLOWED: 'The path exists with other methods: the `Allow` header lists them.',
  CONFLICT: 'The `version` sent is stale (`current` holds the record as it is now), or a likely duplicate (`duplicates`).',
  PAYLOAD_TOO_LARGE: 'The request body is over 1 MB; the connection is closed after the answer.',
  UNSUPPORTED_MEDIA_TYPE: 'A request body must be sent with `Content-Type: application/json` (UTF-8).',
  RULE_VIOLATION: 'The input is well formed but breaks a business rule; the message says which and how to fix it.',
  RATE_LIMITED: 'Too many failed sign-ins: wait `retryAfterSeconds` (also the `Retry-After` header).',
  INTERNAL: 'A bug on our side; nothing was saved. Never expected: report it.',
  BUSY: 'Another write held the database past the busy timeout; nothing was saved. Retry after `Retry-After` seconds.',
};

/** Response component names per code ("VALIDATION" -> "ValidationError"). */
const responseName = (code: ErrorCode): string =>
  `${code
    .toLowerCase()
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}Error`;

/** Which errors an operation can answer. Every error the transport can give is listed; none is left to guess. */
export function errorCodesOf(method: HttpMethod, access: Access): ErrorCode[] {
  const codes: ErrorCode[] = ['VALIDATION'];
  // A public read checks nothing of the caller; a public write (sign-in) checks credentials.
  const publicRead = access === null && method === 'GET';
  if (!publicRead) codes.push('UNAUTHENTICATED');
  codes.push('FORBIDDEN', 'NOT_FOUND', 'CONFLICT');
  if (takesBody(method)) codes.push('PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  codes.push('RULE_VIOLATION');
  if (access === null && !publicRead) codes.push('RATE_LIMITED');
  codes.push('INTERNAL', 'BUSY');
  return codes;
}

/** The access sentence of an operation's description: who may call it, and the permissions some inputs need beyond that. */
export function accessText(access: Access, also: readonly AlsoRequires[]): string {
  const base =
    access === null
      ? 'Access: open, no token needed.'
      : access === 'session'
        ? 'Access: any signed-in user (bearer token).'
        : `Permission: \`${access}\`.`;
  const extra = also.map((rule) => `Also requires \`${rule.permission}\` when ${rule.when}.`);
  return [base, ...extra].join(' ');
}

function alsoRequiresOf(def: object): readonly AlsoRequires[] {
  const value = (def as { alsoRequires?: unknown }).alsoRequires;
  return Array.isArray(value) ? (value as AlsoRequires[]) : [];
}

function operationObject(name: OperationName): { path: string; method: Lowercase<HttpMethod>; operation: OpenApiOperation } {
  const def = contract[name];
  const { path, params } = openApiPath(def.path);
  const input = inputSchema(def.input);
  const properties = { ...((input.properties as Record<string, JsonSchema> | undefined) ?? {}) };
  const required = new Set((input.required as string[] | undefined) ?? []);
  const parameters: ParameterObject[] = params.map((param) => ({
    name: param,
    in: 'path',
    required: true,
    schema: properties[param] ?? { type: 'string' },
  }));
  for (const param of params) {
    delete properties[param];
    required.delete(param);
  }
  const operation: OpenApiOperation = {
    operationId: name,
    summary: def.summary,
    description: `${def.summary}. ${accessText(def.access, alsoRequiresOf(def))}`,
    tags: [name.split('.')[0] ?? name],
    security: def.access === null ? [] : [{ bearer: [] }],
    responses: responsesOf(name, def.method, def.access, def.status),
    'x-portside-access': def.access,
  };
  if (takesBody(def.method)) {
    const body: JsonSchema = { ...input, properties };
    if (required.size > 0) body.required = [...required];
    else delete body.required;
    operation.requestBody = { required: required.size > 0, content: { 'application/json': { schema: body } } };
  } else {
    for (const [key, schema] of Object.entries(properties)) {
      parameters.push({ name: key, in: 'query', required: required.has(key), schema });
    }
  }
  if (parameters.length > 0) operation.parameters = parameters;
  return { path, method: def.method.toLowerCase() as Lowercase<HttpMethod>, operation };
}

const operationOutputs = generated.operations as Record<string, JsonSchema | undefined>;

/** The success body's schema; `{}` for an operation added since `npm run openapi:schemas` last ran (a unit test fails then). */
export function outputSchemaOf(name: OperationName): JsonSchema {
  return operationOutputs[name] ?? {};
}

function responsesOf(name: OperationName, method: HttpMethod, access: Access, status: number): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    [String(status)]: {
      description: status === 201 ? 'Created' : status === 202 ? 'Accepted' : 'OK',
      content: { 'application/json': { schema: outputSchemaOf(name) } },
    },
  };
  for (const code of errorCodesOf(method, access)) {
    responses[String(ERROR_STATUS[code])] = { $ref: `#/components/responses/${responseName(code)}` };
  }
  return responses;
}

function errorComponents(): { schemas: Record<string, JsonSchema>; responses: Record<string, unknown> } {
  const error: JsonSchema = {
    type: 'object',
    description: 'The one error shape of the API.',
    properties: {
      code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
      message: { type: 'string', description: 'For a person: what is wrong and how to fix it.' },
      fields: { type: 'object', description: 'Field path -> message', additionalProperties: { type: 'string' } },
      current: { description: 'CONFLICT: the record as it is now.' },
      retryAfterSeconds: { type: 'integer', minimum: 0, description: 'RATE_LIMITED: seconds to wait.' },
      duplicates: { description: 'CONFLICT over a likely duplicate customer: the matches and why.' },
    },
    required: ['code', 'message'],
    additionalProperties: false,
  };
  const responses: Record<string, unknown> = {};
  for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
    const retry = code === 'RATE_LIMITED' || code === 'BUSY';
    const allow = code === 'METHOD_NOT_ALLOWED';
    responses[responseName(code)] = {
      description: ERROR_TEXT[code],
      ...(retry ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
      ...(allow ? { headers: { Allow: { $ref: '#/components/headers/Allow' } } } : {}),
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/Error', type: 'object', properties: { code: { const: code } } } },
      },
    };
  }
  return { schemas: { Error: error }, responses };
}

function openApiDocumentPath(): OpenApiOperation {
  return {
    operationId: 'openapi',
    summary: 'This document',
    description: 'This OpenAPI 3.1 document, generated from the contract table. Access: open, no token needed.',
    tags: ['system'],
    security: [],
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } },
    'x-portside-access': null,
  };
}

/** Builds the document (a few milliseconds per operation; the HTTP transport builds it once). */
export function buildOpenApiDocument(options: { version: string }): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = { '/openapi.json': { get: openApiDocumentPath() } };
  const tags = new Set<string>(['system']);
  for (const name of OPERATION_NAMES) {
    const { path, method, operation } = operationObject(name);
    paths[path] = { ...paths[path], [method]: operation };
    for (const tag of operation.tags) tags.add(tag);
  }
  const errors = errorComponents();
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Portside HTTP API',
      version: options.version,
      description:
        'Generated from core/api/contract.ts. Sign in with POST /auth/login and send the token as `Authorization: Bearer <token>`. ' +
        'GET and DELETE take their input in the query string, POST and PUT in a JSON body; unknown fields are refused. ' +
        'An unknown path answers 404 and a known path with another method 405 (with `Allow`), both in the error shape.',
    },
    servers: [
      {
        url: 'http://127.0.0.1:{port}',
        description: 'This computer only (the server listens on loopback).',
        variables: { port: { default: '4310', description: 'The port Portside printed at start (PORTSIDE_PORT)' } },
      },
    ],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...(generated.schemas as Record<string, JsonSchema>), ...errors.schemas },
      responses: errors.responses,
      headers: {
        RetryAfter: { description: 'Whole seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
        Allow: { description: 'The methods this path takes.', schema: { type: 'string' } },
      },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session token `token` returned by POST /auth/login (opaque; ends at POST /auth/logout).',
        },
      },
    },
  };
}
