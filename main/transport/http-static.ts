// The built renderer in browser mode: its real files only (the app routes by #hash, so nothing falls back to index.html).
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_CSP } from '../../core/api/content-security-policy';

/** Content types of the files the renderer build holds; shared by browser mode and Electron's portside:// protocol. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Browser mode may also serve source maps (PORTSIDE_SERVE_SOURCE_MAPS=1). */
const MIME: Readonly<Record<string, string>> = { ...RENDERER_CONTENT_TYPES, '.map': 'application/json' };

export interface StaticSite {
  /** Absolute path of the built renderer folder. */
  root: string;
  /** Source maps show the app's source to anyone who asks: off unless PORTSIDE_SERVE_SOURCE_MAPS=1. */
  serveSourceMaps: boolean;
}

/** The renderer file a path names, or null: `/` is the app page; dot-files, `..` and folders never match. */
export function staticFileFor(site: StaticSite, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded === '/') decoded = '/index.html';
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  if (!site.serveSourceMaps && decoded.endsWith('.map')) return null;
  const file = normalize(join(site.root, decoded));
  if (!file.startsWith(site.root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null; // missing, or a path through a file (ENOTDIR)
  }
}

export function serveStaticFile(res: ServerResponse, file: string, pathname: string): void {
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = RENDERER_CSP;
    headers['cache-control'] = 'no-cache';
  } else if (pathname.startsWith('/assets/')) {
    headers['cache-control'] = 'public, max-age=31536000, immutable';
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}
