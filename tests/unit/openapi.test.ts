// The OpenAPI document: every contract operation, a structurally sound 3.1 document whose schemas all compile, and response schemas that match the TypeScript types.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES } from '../../core/api/contract';
import { ERROR_STATUS } from '../../core/api/errors';
import { accessText, buildOpenApiDocument, inputSchema, type OpenApiOperation, openApiPath } from '../../core/api/openapi';
import { generateResponseSchemas, RESPONSES_FILE } from '../../scripts/openapi-schemas';
import { compileSchema, createResponseValidator, openApiAjv } from '../support/openapi-responses';

const doc = buildOpenApiDocument({ version: '9.9.9' });

function operationOf(name: (typeof OPERATION_NAMES)[number]): OpenApiOperation | undefined {
  const def = contract[name];
  return doc.paths[openApiPath(def.path).path]?.[def.method.toLowerCase() as 'get'];
}

/** Every `$ref` string anywhere in `value`, with where it was found. */
function refsIn(value: unknown, at: string, found: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((item, i) => refsIn(item, `${at}/${i}`, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push([at, child]);
      else refsIn(child, `${at}/${key}`, found);
    }
  }
  return found;
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), root);
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the bearer scheme of POST /auth/login', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('9.9.9');
    expect(doc.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
  });

  it.each(OPERATION_NAMES)('has %s with its method, path, permission and success status', (name) => {
    const def = contract[name];
    const operation = operationOf(name);
    expect(operation, `${def.method} ${def.path}`).toBeDefined();
    expect(operation?.operationId).toBe(name);
    expect(operation?.security).toEqual(def.access === null ? [] : [{ bearer: [] }]);
    if (typeof def.access === 'string' && def.access !== 'session') expect(operation?.description).toContain(`\`${def.access}\``);
    expect(Object.keys(operation?.responses ?? {})).toContain(String(def.status));
    for (const param of openApiPath(def.path).params) {
      expect(operation?.parameters).toContainEqual(expect.objectContaining({ name: param, in: 'path', required: true }));
    }
    if (def.method === 'POST' || def.method === 'PUT') {
      expect(Object.keys(operation?.requestBody?.content ?? {})).toEqual(['application/json']);
      expect(operation?.responses).toHaveProperty('415');
      expect(operation?.responses).toHaveProperty('413');
    } else {
      expect(operation?.requestBody).toBeUndefined();
    }
    for (const status of [400, 403, 404, 409, 422, 500, 503]) expect(operation?.responses).toHaveProperty(String(status));
    if (def.access !== null) expect(operation?.responses).toHaveProperty('401');
  });

  it('has no operation that is not in the contract (besides /openapi.json itself)', () => {
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(ids.sort()).toEqual([...OPERATION_NAMES, 'openapi'].sort());
  });

  it('resolves every $ref', () => {
    const refs = refsIn(doc, '#');
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter(([, ref]) => resolvePointer(doc, ref) === undefined)).toEqual([]);
  });

  it('uses component names OpenAPI allows', () => {
    for (const group of Object.values(doc.components)) {
      for (const key of Object.keys(group)) expect(key).toMatch(/^[a-zA-Z0-9._-]+$/);
    }
  });

  it('compiles every schema with ajv (JSON Schema 2020-12, strict)', () => {
    const ajv = openApiAjv(doc);
    const schemas: [string, unknown][] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const param of operation.parameters ?? []) schemas.push([`${method} ${path} ${param.name}`, param.schema]);
        if (operation.requestBody) schemas.push([`${method} ${path} body`, operation.requestBody.content['application/json'].schema]);
        for (const [status, response] of Object.entries(operation.responses)) {
          const content = (response as { content?: Record<string, { schema: unknown }> }).content;
          if (content) schemas.push([`${method} ${path} ${status}`, content['application/json']?.schema]);
        }
      }
    }
    for (const [name, response] of Object.entries(doc.components.responses)) {
      schemas.push([name, (response as { content: Record<string, { schema: unknown }> }).content['application/json']?.schema]);
    }
    for (const [where, schema] of schemas) expect(() => compileSchema(ajv, schema), where).not.toThrow();
  });

  it('declares every error code with its status and the one error shape', () => {
    const ajv = openApiAjv(doc);
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      const name = Object.keys(doc.components.responses).find((key) => key.toUpperCase() === `${code.replace(/_/g, '')}ERROR`);
      expect(name, code).toBeDefined();
      const schema = (doc.components.responses[name ?? ''] as { content: Record<string, { schema: unknown }> }).content['application/json']
        ?.schema;
      const validate = compileSchema(ajv, schema);
      expect(validate({ code, message: 'Something for a person.' }), `${code} ${status}`).toBe(true);
      expect(validate({ code, message: 'x', stack: 'at ...' })).toBe(false);
    }
  });

  it('says Retry-After on 429 and 503', () => {
    for (const name of ['RateLimitedError', 'BusyError']) {
      expect(doc.components.responses[name]).toHaveProperty(['headers', 'Retry-After']);
    }
  });
});

describe('access in descriptions', () => {
  it('names the permission, says when none is needed, and lists conditional permissions (alsoRequires)', () => {
    expect(accessText(null, [])).toBe('Access: open, no token needed.');
    expect(accessText('session', [])).toMatch(/any signed-in user/);
    expect(accessText('payments:write', [{ permission: 'payments:refund', when: 'kind is refund' }])).toBe(
      'Permission: `payments:write`. Also requires `payments:refund` when kind is refund.',
    );
  });

  it('carries alsoRequires from the contract when an operation declares it', () => {
    for (const name of OPERATION_NAMES) {
      const also = (contract[name] as { alsoRequires?: readonly { permission: string }[] }).alsoRequires ?? [];
      for (const rule of also) expect(operationOf(name)?.description, name).toContain(`\`${rule.permission}\``);
    }
  });
});

describe('input schemas from zod', () => {
  it('render strict text helpers (transforms, refinements) without failing, as their input type', () => {
    const body = inputSchema(contract['customers.create'].input);
    expect(body).toMatchObject({ type: 'object', additionalProperties: false, required: ['name'] });
    expect((body.properties as Record<string, unknown>).name).toEqual({ type: 'string' });
  });

  it('marks real calendar dates as format date', () => {
    const body = inputSchema(contract['tasks.create'].input);
    expect((body.properties as Record<string, unknown>).dueDate).toEqual({ type: 'string', format: 'date' });
  });

  it('puts GET input in the query string and :id in the path', () => {
    const operation = operationOf('orders.timeline');
    expect(operation?.parameters?.map((p) => [p.name, p.in])).toEqual([
      ['id', 'path'],
      ['limit', 'query'],
      ['cursor', 'query'],
    ]);
  });
});

describe('generated response schemas', () => {
  it('are up to date with the output types (run `npm run openapi:schemas` after changing one)', { timeout: 60_000 }, () => {
    const committed: unknown = JSON.parse(readFileSync(RESPONSES_FILE, 'utf8'));
    expect(committed).toEqual(generateResponseSchemas());
  });

  it('exist for every operation', () => {
    for (const name of OPERATION_NAMES) {
      const schema = operationOf(name)?.responses[String(contract[name].status)] as { content: Record<string, { schema: object }> };
      expect(Object.keys(schema.content['application/json']?.schema ?? {}), name).not.toEqual([]);
    }
  });
});

describe('the response validator of the test harness', () => {
  const validator = createResponseValidator(doc);

  it('accepts a body of the declared shape', () => {
    const info = { name: 'Portside', version: '0.1.0', mode: 'local', demo: false, demoAccounts: [] };
    expect(validator.problem('system.info', 200, info)).toBeNull();
    expect(validator.problem('orders.get', 404, { code: 'NOT_FOUND', message: 'Order was not found.' })).toBeNull();
  });

  it('refuses a body with a field the type does not have, or missing one', () => {
    const info = { name: 'Portside', version: '0.1.0', mode: 'local', demo: false, demoAccounts: [] };
    expect(validator.problem('system.info', 200, { ...info, secret: 1 })).toMatch(/does not match/);
    expect(validator.problem('system.info', 200, { name: 'Portside' })).toMatch(/does not match/);
  });

  it('refuses a status the operation does not declare, and an error of another code than its status', () => {
    expect(validator.problem('system.info', 401, { code: 'UNAUTHENTICATED', message: 'Sign in first.' })).toMatch(/does not declare/);
    expect(validator.problem('orders.get', 404, { code: 'CONFLICT', message: 'Not this one.' })).toMatch(/does not match/);
  });
});
