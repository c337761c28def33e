// Checks HTTP responses against the published OpenAPI document: the status is declared for the operation and the body fits its schema (ajv, JSON Schema 2020-12).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { contract, type OperationName } from '../../core/api/contract';
import { buildOpenApiDocument, type JsonSchema, type OpenApiDocument, openApiPath } from '../../core/api/openapi';
import { isRealDate } from '../../core/domain/fields';

const DEFS_ID = 'portside-openapi-components';

/** `#/components/schemas/X` -> a reference into one schema ajv knows by id, so each piece compiles on its own. */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')
        ? `${DEFS_ID}#/$defs/${child.slice('#/components/schemas/'.length)}`
        : retarget(child);
  }
  return out;
}

/** An ajv (2020-12, strict) that knows the document's components and the formats its schemas use. */
export function openApiAjv(doc: OpenApiDocument): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: false, allowUnionTypes: true });
  ajv.addFormat('date', { type: 'string', validate: isRealDate });
  ajv.addKeyword({ keyword: 'x-portside-access' });
  ajv.addSchema({ $id: DEFS_ID, $defs: retarget(doc.components.schemas) as Record<string, JsonSchema> });
  return ajv;
}

/** Compiles a schema from the document, its component references included. */
export function compileSchema(ajv: Ajv2020, schema: unknown): ValidateFunction {
  return ajv.compile(retarget(schema) as JsonSchema);
}

/** A response object, with a `#/components/responses/X` reference followed. */
function responseObject(doc: OpenApiDocument, value: unknown): { content?: Record<string, { schema?: unknown }> } | undefined {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/responses/')) {
    return doc.components.responses[ref.slice('#/components/responses/'.length)] as { content?: Record<string, { schema?: unknown }> };
  }
  return value as { content?: Record<string, { schema?: unknown }> } | undefined;
}

export interface ResponseValidator {
  /** What is wrong with this response of `operation` against the document, or null when it fits. */
  problem(operation: OperationName, status: number, body: unknown): string | null;
}

/** Built once per test file: compiling a schema takes a few milliseconds, so each (operation, status) is compiled on first use. */
export function createResponseValidator(doc: OpenApiDocument = buildOpenApiDocument({ version: 'test' })): ResponseValidator {
  const ajv = openApiAjv(doc);
  const compiled = new Map<string, ValidateFunction | null>();
  const validatorFor = (operation: OperationName, status: number): ValidateFunction | null | undefined => {
    const key = `${operation} ${status}`;
    if (compiled.has(key)) return compiled.get(key);
    const def = contract[operation];
    const pathItem = doc.paths[openApiPath(def.path).path];
    const responses = pathItem?.[def.method.toLowerCase() as 'get']?.responses ?? {};
    if (!(String(status) in responses)) return undefined;
    const schema = responseObject(doc, responses[String(status)])?.content?.['application/json']?.schema;
    const validate = schema === undefined ? null : compileSchema(ajv, schema);
    compiled.set(key, validate);
    return validate;
  };
  return {
    problem(operation, status, body) {
      const validate = validatorFor(operation, status);
      if (validate === undefined) return `${operation} answered ${status}, which /openapi.json does not declare for it`;
      if (validate === null || validate(body)) return null;
      const errors = (validate.errors ?? [])
        .slice(0, 3)
        .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
        .join('; ');
      return `${operation} ${status} body does not match /openapi.json: ${errors}; body ${JSON.stringify(body)?.slice(0, 300)}`;
    },
  };
}
