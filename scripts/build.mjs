// Builds everything `npm start` needs into dist/: server (browser mode), Electron main + preload, renderer.
import { build as esbuild } from 'esbuild';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `import sql from './x.sql?raw'`: the file's text, as Vite does. */
const rawText = {
  name: 'raw-text',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw-text',
    }));
    build.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [rawText],
  absWorkingDir: root,
};

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  await Promise.all([
    esbuild({
      ...node,
      entryPoints: ['main/server.ts'],
      outfile: 'dist/server.mjs',
      format: 'esm',
      external: ['better-sqlite3'],
      banner: {
        js: "import { createRequire as __portsideRequire } from 'node:module'; const require = __portsideRequire(import.meta.url);",
      },
    }),
    esbuild({
      ...node,
      entryPoints: ['main/app/main.ts'],
      outfile: 'dist/main/app.cjs',
      format: 'cjs',
      external: ['electron', 'better-sqlite3'],
    }),
    esbuild({ ...node, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs', format: 'cjs', external: ['electron'] }),
  ]);
  const { build: vite } = await import('vite');
  await vite({ configFile: resolve(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
  await mkdir(resolve(root, 'dist'), { recursive: true });
  await writeFile(resolve(root, 'dist/.build-stamp'), new Date().toISOString());
  if (!quiet) console.log(`Built Portside into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
