// ESLint rule: imports flow one way, as DESIGN.md §1 says. Each file belongs to a layer; a layer
// may import only the layers listed for it (and itself). Resolved from the real path, so relative
// imports ("../api/x") are judged by where they land, not by how they are spelled.
import { dirname, relative, resolve, sep } from 'node:path';

/** Ordered from most specific; the first prefix that matches names the file's layer. */
const LAYERS = [
  ['core/', 'core'],
  ['main/db/', 'db'],
  ['main/config.ts', 'db'],
  ['main/log.ts', 'db'],
  ['main/services/', 'services'],
  ['main/api/', 'api'],
  ['main/transport/', 'transport'],
  ['main/app/', 'app'],
  ['main/server.ts', 'app'],
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

/** Packages a layer must never import, whatever the path (runtime boundaries). */
const FORBIDDEN_PACKAGES = {
  core: [/^node:/, /^electron$/, /^better-sqlite3$/, /^react/, /^@aws-sdk\//],
  db: [/^electron$/, /^react/],
  services: [/^electron$/, /^react/],
  api: [/^electron$/, /^react/],
  transport: [/^electron$/, /^react/],
  sync: [/^electron$/, /^react/, /^better-sqlite3$/],
  preload: [/^node:/, /^better-sqlite3$/, /^react/],
  renderer: [/^node:/, /^electron$/, /^better-sqlite3$/, /^@aws-sdk\//],
};

function layerOf(root, file) {
  const rel = relative(root, file).split(sep).join('/');
  for (const [prefix, layer] of LAYERS) if (rel === prefix || rel.startsWith(prefix)) return layer;
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
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = layerOf(root, file);
    if (!from) return {};
    function check(node) {
      const source = node.source && node.source.value;
      if (typeof source !== 'string') return;
      if (node.importKind === 'type' && from === 'renderer' && source.includes('preload/')) return;
      if (source.startsWith('.')) {
        const to = layerOf(root, resolve(dirname(file), source));
        if (to && !ALLOWED[from].includes(to)) context.report({ node, messageId: 'layer', data: { from, to, source } });
        return;
      }
      if ((FORBIDDEN_PACKAGES[from] ?? []).some((re) => re.test(source)))
        context.report({ node, messageId: 'pkg', data: { from, source } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
