// Browser mode serves the renderer: its files, index.html for app routes, the CSP header, and nothing outside its folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../core/api/content-security-policy';
import { type Backend, createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { createHttpServer } from '../../main/transport/http';

let root: string;
let backend: Backend;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'portside-static-'));
  const site = join(root, 'renderer');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Portside</title>');
  writeFileSync(join(site, 'assets', 'app-1234.js'), 'console.log("app")');
  writeFileSync(join(root, 'secret.txt'), 'not for the browser');
  backend = createBackend(loadConfig({}, { dataDir: join(root, 'data') }), { log: () => undefined });
  server = createHttpServer({
    dispatcher: backend.dispatcher,
    events: backend.services.events,
    auth: backend.services.auth,
    staticDir: site,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  backend.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static files in browser mode', () => {
  it('serves index.html with the renderer CSP and no caching', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>Portside</title>');
  });

  it('serves hashed assets with their type and a long cache life', async () => {
    const res = await fetch(`${base}/assets/app-1234.js`);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('never serves a file outside the renderer folder, however the path is written', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%E0%A4%A']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('<title>Portside</title>');
    }
  });

  it('keeps API paths for the API', async () => {
    const res = await fetch(`${base}/orders`);
    expect(res.status).toBe(401);
  });
});
