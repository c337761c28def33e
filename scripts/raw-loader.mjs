// Node loader hook: `import text from './file.sql?raw'` yields the file's text, as Vite and the build do.
// Used by `npm run bench` (node --import ./scripts/raw-loader.mjs --import tsx ...).
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { readFile } from 'node:fs/promises';
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('?raw')) {
    const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
    return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
  }
  return next(url, context);
}`),
  import.meta.url,
);
