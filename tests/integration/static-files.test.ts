// Browser mode serves the renderer: its real files with the CSP header, nothing outside its folder, and 404 JSON for everything else.
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
const servers: Server[] = [];
let base: string;
let baseWithMaps: string;

async function listen(site: string, serveSourceMaps: boolean): Promise<string> {
  const server = createHttpServer({
    dispatcher: backend.dispatcher,
    events: backend.services.events,
    tickets: backend.services.eventTickets,
    staticDir: site,
    serveSourceMaps,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'portside-static-'));
  const site = join(root, 'renderer');
  mkdirSync(join(site, 'assets'), { recursive: true });
  mkdirSync(join(site, '.git'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Portside</title>');
  writeFileSync(join(site, 'assets', 'app-1234.js'), 'console.log("app")');
  writeFileSync(join(site, 'assets', 'app-1234.js.map'), '{"version":3,"sources":["../src/app.tsx"]}');
  writeFileSync(join(site, '.env'), 'SECRET=1');
  writeFileSync(join(site, '.git', 'config'), '[core]');
  writeFileSync(join(root, 'secret.txt'), 'not for the browser');
  backend = createBackend(loadConfig({}, { dataDir: join(root, 'data') }), { log: () => undefined });
  base = await listen(site, false);
  baseWithMaps = await listen(site, true);
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  backend.close();
  rmSync(root, { recursive: true, force: true });
});

async function expectNotFoundJson(path: string): Promise<void> {
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(404);
  expect(res.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
  const body = (await res.json()) as { code: string; message: string };
  expect(body.code, path).toBe('NOT_FOUND');
  expect(body.message, path).toContain('There is no');
}

describe('static files in browser mode', () => {
  it('serves the app page at / and /index.html with the renderer CSP and no caching', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Portside</title>');
    }
  });

  it('serves hashed assets with their type and a long cache life', async () => {
    const res = await fetch(`${base}/assets/app-1234.js`);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('answers an app route, an unknown file or a dot-file with 404 JSON, not the app page (screens live after the #)', async () => {
    for (const path of ['/staff', '/customers/x/edit', '/.env', '/.git/config', '/assets', '/assets/', '/nope.js', '/index.html/x']) {
      await expectNotFoundJson(path);
    }
    const body = (await (await fetch(`${base}/staff`)).json()) as { message: string };
    expect(body.message).toBe(
      'There is no GET /staff in the Portside API. Open the app at / (its screens live after the #, e.g. /#/orders).',
    );
  });

  it('never serves a file outside the renderer folder, however the path is written', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5c..%5csecret.txt',
      '/%E0%A4%A',
      '/%00',
    ]) {
      await expectNotFoundJson(path);
    }
  });

  it('does not serve source maps unless PORTSIDE_SERVE_SOURCE_MAPS=1', async () => {
    await expectNotFoundJson('/assets/app-1234.js.map');
    const res = await fetch(`${baseWithMaps}/assets/app-1234.js.map`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"sources"');
  });

  it('answers 405 with Allow to a method other than GET or HEAD on a file, and serves HEAD', async () => {
    const post = await fetch(`${base}/index.html`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await fetch(`${base}/staff`, { method: 'HEAD' })).status).toBe(404);
  });

  it('keeps API paths for the API, even where a GET could look like a screen', async () => {
    expect((await fetch(`${base}/orders`)).status).toBe(401);
    expect((await fetch(`${base}/orders/x`)).status).toBe(401);
  });
});
