// The renderer's own origin, portside://app: which URLs belong to it, and the protocol handler that serves dist/renderer.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { RENDERER_CSP } from '../../core/api/content-security-policy';
import { RENDERER_CONTENT_TYPES } from '../transport/http-static';

/**
 * Electron recommends a custom protocol over file:// (see its security checklist): file://
 * pages share one origin with every file on the disk, and a check like
 * `url.startsWith('file:///…/renderer')` also lets `file:///…/renderer-evil/` through.
 * portside://app is an origin of its own, compared exactly.
 */
export const RENDERER_SCHEME = 'portside';
export const RENDERER_HOST = 'app';
export const RENDERER_ENTRY_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged: a standard, secure origin (so CSP 'self' and fetch work). */
export const RENDERER_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** True only for URLs on the renderer's origin: scheme and host exactly, no port, no credentials. */
export function isRendererUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${RENDERER_SCHEME}:` && parsed.host === RENDERER_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * The file under `root` a renderer URL names, or null for anything that is not plainly inside
 * it: another origin, an encoded `..` or backslash, a NUL, a source map (not shipped to users).
 */
export function rendererFileFor(root: string, url: string): string | null {
  if (!isRendererUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  if (extname(file) === '.map') return null;
  return file;
}

/** The handler for protocol.handle(RENDERER_SCHEME, ...): files inside `rendererDir` only, 404 for the rest. */
export function createRendererProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (request.method !== 'GET' || file === null) return new Response('Not found', { status: 404 });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const type = RENDERER_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
    // A response header, unlike index.html's <meta> tag, can carry frame-ancestors.
    if (type.startsWith('text/html')) headers['content-security-policy'] = RENDERER_CSP;
    return new Response(new Uint8Array(body), { status: 200, headers });
  };
}
