// `npm run openapi:schemas`: JSON Schemas of every contract operation's output type (from the TypeScript types, by ts-json-schema-generator) into core/api/openapi-responses.generated.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { createGenerator, type Definition } from 'ts-json-schema-generator';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = join(ROOT, 'core/api/contract.ts');
export const RESPONSES_FILE = join(ROOT, 'core/api/openapi-responses.generated.json');

/** What the generated file holds: shared schemas (components) and each operation's success body. */
export interface ResponseSchemaFile {
  comment: string;
  schemas: Record<string, Definition>;
  operations: Record<string, Definition>;
}

/**
 * The output type of each `op<Input, Output>({...})` entry of the contract, as source text. The
 * contract carries outputs only as a phantom type argument, which no schema generator can reach
 * through `typeof contract`; reading the argument off the call is exact and needs no hand list.
 */
function outputTypesOf(source: ts.SourceFile): { name: string; type: string }[] {
  const found: { name: string; type: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'contract' && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) throw new Error('contract is not an object literal');
      for (const prop of init.properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isCallExpression(prop.initializer)) continue;
        const output = prop.initializer.typeArguments?.[1];
        if (!output) throw new Error(`${prop.name.getText(source)}: op<Input, Output> has no Output type argument`);
        const name = ts.isStringLiteral(prop.name) || ts.isIdentifier(prop.name) ? prop.name.text : prop.name.getText(source);
        found.push({ name, type: output.getText(source) });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** contract.ts's own imports, with relative specifiers made absolute so a file elsewhere can use them. */
function importsOf(source: ts.SourceFile): string {
  return source.statements
    .filter(ts.isImportDeclaration)
    .map((decl) => {
      const spec = (decl.moduleSpecifier as ts.StringLiteral).text;
      const absolute = spec.startsWith('.') ? resolve(dirname(CONTRACT), spec) : spec;
      return decl.getText(source).replace(/(['"])[^'"]+\1\s*;?\s*$/, `'${absolute}';`);
    })
    .join('\n');
}

/** A components/schemas key (OpenAPI allows ^[a-zA-Z0-9._-]+$) for a generator definition name such as "Page<CustomerListItem>". */
function componentName(definition: string): string {
  return decodeURIComponent(definition)
    .replace(/[<>,\s|&[\]{}:;"'()]+/g, '_')
    .replace(/[^a-zA-Z0-9._-]/g, '')
    .replace(/_+$/g, '');
}

/** Rewrites every `#/definitions/X` reference to `#/components/schemas/<name>`. */
function rewriteRefs(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, names));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/definitions/')) {
      const target = decodeURIComponent(child.slice('#/definitions/'.length));
      out[key] = `#/components/schemas/${names.get(target) ?? componentName(target)}`;
    } else {
      out[key] = rewriteRefs(child, names);
    }
  }
  return out;
}

/** Generates the schemas from the current sources (about two seconds: it builds a TypeScript program). */
export function generateResponseSchemas(): ResponseSchemaFile {
  const source = ts.createSourceFile(CONTRACT, readFileSync(CONTRACT, 'utf8'), ts.ScriptTarget.Latest, true);
  const outputs = outputTypesOf(source);
  const dir = mkdtempSync(join(tmpdir(), 'portside-openapi-'));
  const entry = join(dir, 'outputs.ts');
  try {
    const members = outputs.map((o) => `  ${JSON.stringify(o.name)}: ${o.type};`).join('\n');
    writeFileSync(entry, `${importsOf(source)}\nexport interface OperationOutputs {\n${members}\n}\n`);
    const schema = createGenerator({
      path: entry,
      tsconfig: join(ROOT, 'tsconfig.core.json'),
      type: 'OperationOutputs',
      expose: 'export',
      topRef: false,
      jsDoc: 'basic',
      additionalProperties: false,
      skipTypeCheck: true,
      sortProps: true,
    }).createSchema('OperationOutputs');
    const definitions = (schema.definitions ?? {}) as Record<string, Definition>;
    const names = new Map(Object.keys(definitions).map((key) => [decodeURIComponent(key), componentName(key)]));
    const schemas: Record<string, Definition> = {};
    for (const [key, definition] of Object.entries(definitions)) {
      schemas[componentName(key)] = rewriteRefs(definition, names) as Definition;
    }
    const properties = (schema.properties ?? {}) as Record<string, Definition>;
    const operations: Record<string, Definition> = {};
    for (const { name } of outputs) operations[name] = rewriteRefs(properties[name] ?? {}, names) as Definition;
    return {
      comment: 'Generated by `npm run openapi:schemas` from the output types in core/api/contract.ts. Do not edit.',
      schemas: sortKeys(schemas),
      operations,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The file's text, formatted as the repository's Prettier formats JSON (so `npm run lint` passes). */
export async function formatResponseSchemas(file: ResponseSchemaFile): Promise<string> {
  const options = (await prettier.resolveConfig(RESPONSES_FILE)) ?? {};
  return prettier.format(JSON.stringify(file), { ...options, filepath: RESPONSES_FILE });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await formatResponseSchemas(generateResponseSchemas());
  writeFileSync(RESPONSES_FILE, text);
  console.log(`wrote ${RESPONSES_FILE}`);
}
