// ESLint rule: imports flow one way, as docs/architecture.md says. Each file belongs to a layer; a layer
// may import only the layers listed for it (and itself). A relative specifier is resolved to the
// real file first ('../services' -> main/services/index.ts, '../config' -> main/config.ts,
// './x.sql?raw' -> x.sql), so an import is judged by where it lands, not by how it is spelled.
//
// Judged: import and export-from declarations, dynamic import(), require(), `import x = require()`
// and `import('x').T` types. Type-only imports follow the same rules: the direction is a design
// rule, and core must compile on its own (tsconfig.core.json). One exception: renderer may
// `import type` from preload, the declaration of the bridge it talks to. Only a whole
// `import type` / `export type` counts as type-only: under verbatimModuleSyntax,
// `import { type A } from 'x'` still loads 'x' at run time.
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Folders ('core/') hold a layer; single modules ('main/config') are named without extension.
 * Every file under main/ must belong to one of these, so a new main/ module cannot slip past.
 */
const LAYERS = [
  ['core/', 'core'],
  ['main/db/', 'db'],
  ['main/config', 'db'],
  ['main/log', 'db'],
  ['main/services/', 'services'],
  ['main/api/', 'api'],
  ['main/transport/', 'transport'],
  ['main/app/', 'app'],
  ['main/server', 'app'],
  ['sync/', 'sync'],
  ['preload/', 'preload'],
  ['renderer/', 'renderer'],
];

const ALLOWED = {
  core: ['core'],
  db: ['core', 'db'],
  services: ['core', 'db', 'services'],
  api: ['core', 'db', 'services', 'api'],
  transport: ['core', 'db', 'services', 'api', 'transport'],
  app: ['core', 'db', 'services', 'api', 'transport', 'app', 'sync'],
  sync: ['core', 'sync'],
  preload: ['core', 'preload'],
  renderer: ['core', 'renderer'],
};

/** Type-only imports a layer may make beyond ALLOWED. */
const ALLOWED_TYPES = { renderer: ['preload'] };

/**
 * Node's own modules however spelled: 'node:fs', bare 'fs', and subpaths such as 'fs/promises'
 * (bare names load the same module, so forbidding only 'node:' would be a hole).
 */
const NODE_BUILTIN = {
  test: (source) => source.startsWith('node:') || builtinModules.includes(source) || builtinModules.includes(source.split('/')[0]),
};
/** A package and every subpath of it ('electron', 'electron/main'), but not another package sharing its prefix. */
const ELECTRON = /^electron(\/|$)/;
const SQLITE = /^better-sqlite3(\/|$)/;
/**
 * React and the UI packages built on it, with their subpaths ('react/jsx-runtime',
 * 'react-dom/client', 'react-router', '@tanstack/react-virtual', recharts, wouter); not a package
 * that merely starts with the letters ('reactive-forms').
 */
const REACT = /^(react|recharts|wouter)(\/|$)|^react-|^@tanstack\/react-/;
const AWS_SDK = /^@aws-sdk\//;

/** Packages a layer must never import, whatever the path (runtime boundaries). */
const FORBIDDEN_PACKAGES = {
  core: [NODE_BUILTIN, ELECTRON, SQLITE, REACT, AWS_SDK],
  db: [ELECTRON, REACT],
  services: [ELECTRON, REACT],
  api: [ELECTRON, REACT],
  transport: [ELECTRON, REACT],
  sync: [ELECTRON, REACT, SQLITE],
  preload: [NODE_BUILTIN, SQLITE, REACT],
  renderer: [NODE_BUILTIN, ELECTRON, SQLITE, AWS_SDK],
};

/** Tried in order after the spelled path, as TypeScript's bundler resolution does. */
const SUFFIXES = ['.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'];
/** Non-code files (icons, styles) may be imported from anywhere; an extension-less path counts as code. */
const ASSET_FILE = /\.(?!(ts|tsx|mts|cts|js|jsx|mjs|cjs)$)[a-z0-9]+$/i;

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/** The file a relative specifier lands on; the bare resolved path when nothing exists there. */
function resolveSpecifier(fromFile, source) {
  const base = resolve(dirname(fromFile), source.replace(/[?#].*$/, ''));
  if (isFile(base)) return base;
  for (const suffix of SUFFIXES) if (isFile(base + suffix)) return base + suffix;
  // ESM style: './x.js' names the source file './x.ts'.
  const ts = base.replace(/\.(m?)js$/, '.$1ts');
  if (ts !== base && isFile(ts)) return ts;
  return base;
}

/** Root-relative path with forward slashes, or null when the file lies outside the root. */
function relPath(root, file) {
  const rel = relative(root, file).split(sep).join('/');
  return rel.startsWith('../') || isAbsolute(rel) ? null : rel;
}

/** The layer of a root-relative path: null outside the layered folders, 'unlayered' for a main/ file none names. */
function layerOf(rel) {
  if (rel === null) return null;
  const module = rel.replace(/\.[^./]+$/, '');
  for (const [prefix, layer] of LAYERS) {
    if (prefix.endsWith('/') ? `${rel}/`.startsWith(prefix) : module === prefix) return layer;
  }
  return rel.startsWith('main/') ? 'unlayered' : null;
}

/** The string literal a module reference holds, or null for computed ones (import(name)). */
function literal(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  if (node.type === 'TSLiteralType') return literal(node.literal);
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the one-way import direction between Portside layers' },
    schema: [],
    messages: {
      layer: "'{{from}}' code may not import '{{to}}' code ({{source}}): imports flow core -> db -> services -> api -> transport -> app.",
      pkg: "'{{from}}' code may not import '{{source}}': it runs where that package is not available.",
      outside: "'{{from}}' code may not import {{target}} ({{source}}): it belongs to no layer.",
      unlayered: '{{file}} belongs to no layer: add it to LAYERS in tools/eslint/import-layers.js.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = layerOf(relPath(root, file));
    if (!from) return {};
    if (from === 'unlayered') {
      return {
        Program(node) {
          context.report({ node, messageId: 'unlayered', data: { file: relPath(root, file) } });
        },
      };
    }

    function check(node, sourceNode, typeOnly) {
      const source = literal(sourceNode);
      if (source === null) return;
      if (source.startsWith('.') || isAbsolute(source)) {
        const resolved = resolveSpecifier(file, source);
        const target = relPath(root, resolved);
        const to = layerOf(target);
        if (to === null && ASSET_FILE.test(resolved)) return;
        if (to === null || to === 'unlayered') {
          context.report({ node, messageId: 'outside', data: { from, source, target: target ?? 'a file outside the project' } });
          return;
        }
        const allowed = ALLOWED[from].includes(to) || (typeOnly && (ALLOWED_TYPES[from] ?? []).includes(to));
        if (!allowed) context.report({ node, messageId: 'layer', data: { from, to, source } });
        return;
      }
      if ((FORBIDDEN_PACKAGES[from] ?? []).some((re) => re.test(source)))
        context.report({ node, messageId: 'pkg', data: { from, source } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0], false);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference')
          check(node, node.moduleReference.expression, node.importKind === 'type');
      },
      TSImportType: (node) => check(node, node.source ?? node.argument, true),
    };
  },
};
