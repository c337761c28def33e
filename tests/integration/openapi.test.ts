// GET /openapi.json over the real HTTP transport: served without a token, the same document the contract builds, GET only.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES } from '../../core/api/contract';
import { buildOpenApiDocument, type OpenApiDocument, openApiPath } from '../../core/api/openapi';
import { APP_VERSION } from '../../main/api/backend';
import { type ApiHarness, expectError, startApi } from '../support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

describe('GET /openapi.json', () => {
  it('answers without a token with the document built from the contract', async () => {
    const res = await api.call<OpenApiDocument>('GET', '/openapi.json', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument({ version: APP_VERSION }))));
    for (const name of OPERATION_NAMES) {
      const def = contract[name];
      expect(res.body.paths[openApiPath(def.path).path], name).toHaveProperty(def.method.toLowerCase());
    }
  });

  it('answers the same document again (built once)', async () => {
    const first = await api.call('GET', '/openapi.json');
    const second = await api.call('GET', '/openapi.json/');
    expect(second.body).toEqual(first.body);
  });

  it('takes GET only: another method is 405 with Allow', async () => {
    const res = await api.call('POST', '/openapi.json', {});
    expectError(res, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('is still refused to a foreign Host (DNS rebinding), like every answer of the server', async () => {
    // fetch() will not send another Host: a plain node request does.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL(api.baseUrl);
      const req = request({ host: url.hostname, port: url.port, path: '/openapi.json', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
