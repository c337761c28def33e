// Specification of the import-layer lint rule (docs/architecture.md), run by ESLint's Linter against a fake
// project tree in fixtures/import-layers/, so specifiers resolve to real files as in the project.
import { ESLint, Linter } from 'eslint';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import importLayers from '../../tools/eslint/import-layers.js';

const root = fileURLToPath(new URL('./fixtures/import-layers/', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const linter = new Linter({ configType: 'flat', cwd: root });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { portside: { rules: { 'import-layers': importLayers } } },
    rules: { 'portside/import-layers': 'error' },
  },
];

/** The rule's message ids for `code` linted as the fixture file `file`; parse errors fail loudly. */
function lint(file: string, code: string): string[] {
  return linter
    .verify(code, config, { filename: join(root, file) })
    .map((m) => m.messageId ?? `${m.fatal ? 'fatal' : m.ruleId}: ${m.message}`);
}

describe('import-layers rule', () => {
  it.each([
    ['a folder import up the chain (db -> services/index.ts)', 'main/db/database.ts', "import { orders } from '../services';"],
    ['a folder import of a folder without index (services -> api)', 'main/services/orders-service.ts', "import '../api';"],
    ['an extension-less import of main/server.ts (db -> app)', 'main/db/database.ts', "import { start } from '../server';"],
    ['core importing main/config.ts without extension', 'core/money.ts', "import { config } from '../main/config';"],
    ['core importing main/log.ts with its extension', 'core/money.ts', "import { log } from '../main/log.ts';"],
    ['main/config.ts (db) importing services', 'main/config.ts', "import { orders } from './services/orders-service';"],
    ['main/log.ts (db) importing api', 'main/log.ts', "import { handlers } from './api/handlers';"],
    ['services importing main/server.ts (app)', 'main/services/orders-service.ts', "import { start } from '../server';"],
    ['an ESM-style .js specifier naming a .ts file', 'main/services/orders-service.ts', "import { http } from '../transport/http.js';"],
    ['a ?raw SQL import from core', 'core/money.ts', "import sql from '../main/db/migrations/001_initial.sql?raw';"],
    ['export ... from', 'main/db/database.ts', "export { orders } from '../services/orders-service';"],
    ['export * from a folder', 'main/db/database.ts', "export * from '../services';"],
    ['a dynamic import()', 'main/services/orders-service.ts', "void import('../transport/http');"],
    ['a dynamic import() with a template literal', 'main/services/orders-service.ts', 'void import(`../app/main`);'],
    ['require()', 'main/services/orders-service.ts', "const http = require('../transport/http');"],
    ['import x = require()', 'main/services/orders-service.ts', "import http = require('../transport/http');"],
    ['a type-only import across layers', 'main/db/database.ts', "import type { Orders } from '../services';"],
    ['a type-only export across layers', 'main/db/database.ts', "export type { Orders } from '../services';"],
    ["an import('x').T type across layers", 'core/money.ts', "type Db = import('../main/db/database').Db;"],
    ['sync importing main/db', 'sync/local-store.ts', "import { db } from '../main/db/database';"],
    ['preload importing renderer', 'preload/index.ts', "import { client } from '../renderer/src/api/client';"],
    ['renderer importing preload for its values', 'renderer/src/api/client.ts', "import { bridge } from '../../../preload';"],
    [
      'renderer importing preload with inline type specifiers (still loaded at run time)',
      'renderer/src/api/client.ts',
      "import { type Bridge } from '../../../preload/index';",
    ],
  ])('reports %s', (_name, file, code) => {
    expect(lint(file, code)).toEqual(['layer']);
  });

  it.each([
    ['node:fs in core', 'core/money.ts', "import { readFileSync } from 'node:fs';"],
    ['node:fs types in core', 'core/money.ts', "import type { Stats } from 'node:fs';"],
    ['better-sqlite3 in core', 'core/money.ts', "import Database from 'better-sqlite3';"],
    ['electron in services', 'main/services/orders-service.ts', "import { app } from 'electron';"],
    ['electron in main/config.ts', 'main/config.ts', "import { app } from 'electron';"],
    ['react in transport', 'main/transport/http.ts', "import { useState } from 'react';"],
    ['node:path in renderer', 'renderer/src/api/client.ts', "const path = require('node:path');"],
    ['@aws-sdk in renderer', 'renderer/src/api/client.ts', "void import('@aws-sdk/client-dynamodb');"],
    ['better-sqlite3 in sync', 'sync/local-store.ts', "export { default } from 'better-sqlite3';"],
    ["bare 'fs' in core", 'core/money.ts', "import fs from 'fs';"],
    ["bare 'path' in core", 'core/money.ts', "import { join } from 'path';"],
    ["bare 'crypto' in core", 'core/money.ts', "import { createHash } from 'crypto';"],
    ["bare 'fs/promises' in core", 'core/money.ts', "import { readFile } from 'fs/promises';"],
    ['node:fs/promises in core', 'core/money.ts', "import { readFile } from 'node:fs/promises';"],
    ["bare 'fs' in preload", 'preload/index.ts', "import fs from 'fs';"],
    ["bare 'child_process' in preload", 'preload/index.ts', "const cp = require('child_process');"],
    ["bare 'path' in renderer", 'renderer/src/api/client.ts', "import path from 'path';"],
    ["bare 'crypto' in renderer", 'renderer/src/api/client.ts', "void import('crypto');"],
    ["'electron/main' in services", 'main/services/orders-service.ts', "import { app } from 'electron/main';"],
    ["'electron/renderer' in renderer", 'renderer/src/api/client.ts', "import { ipcRenderer } from 'electron/renderer';"],
    ['a better-sqlite3 subpath in sync', 'sync/local-store.ts', "import Database from 'better-sqlite3/lib/database';"],
    ['a better-sqlite3 subpath in core', 'core/money.ts', "import type { Database } from 'better-sqlite3/lib/index.js';"],
    ["'react/jsx-runtime' in services", 'main/services/orders-service.ts', "import { jsx } from 'react/jsx-runtime';"],
    ["'react-dom/client' in core", 'core/money.ts', "import { createRoot } from 'react-dom/client';"],
    ["'react-dom' in preload", 'preload/index.ts', "import { createPortal } from 'react-dom';"],
    ["'react-router' in core", 'core/money.ts', "import { useNavigate } from 'react-router';"],
    ["'recharts' in services", 'main/services/orders-service.ts', "import { LineChart } from 'recharts';"],
  ])('reports the package %s', (_name, file, code) => {
    expect(lint(file, code)).toEqual(['pkg']);
  });

  it('reports code that imports a module outside every layer', () => {
    expect(lint('main/services/orders-service.ts', "import { stray } from '../stray';")).toEqual(['outside']);
    expect(lint('core/money.ts', "import { harness } from '../tests/support/harness';")).toEqual(['outside']);
  });

  it('reports a main/ module that belongs to no layer, so new files cannot escape the rule', () => {
    expect(lint('main/stray.ts', "import { x } from './services';")).toEqual(['unlayered']);
  });

  it.each([
    ['db importing core through its folder', 'main/db/database.ts', "import { money } from '../../core';"],
    [
      'services importing main/config.ts and main/log.ts',
      'main/services/orders-service.ts',
      "import { config } from '../config';\nimport { log } from '../log';",
    ],
    ['services importing db', 'main/services/orders-service.ts', "import { db } from '../db/database';"],
    ['db importing its SQL with ?raw', 'main/db/database.ts', "import initial from './migrations/001_initial.sql?raw';"],
    [
      'main/server.ts importing transport, api and config',
      'main/server.ts',
      "import './transport/http';\nimport './api/handlers';\nimport './config';",
    ],
    ['app importing main/server.ts and sync', 'main/app/main.ts', "import '../server';\nimport '../../sync/local-store';"],
    ['renderer importing preload types', 'renderer/src/api/client.ts', "import type { Bridge } from '../../../preload';"],
    ['renderer importing an asset', 'renderer/src/api/client.ts', "import iconUrl from '../../../assets/icon.svg';"],
    ['renderer importing react', 'renderer/src/api/client.ts', "import { useState } from 'react';"],
    ['services importing node:fs', 'main/services/orders-service.ts', "import { readFileSync } from 'node:fs';"],
    ['preload importing electron', 'preload/index.ts', "import { contextBridge } from 'electron';"],
    ["db importing bare 'path' (it runs in Node)", 'main/db/database.ts', "import { join } from 'path';"],
    ['renderer importing react-dom/client', 'renderer/src/api/client.ts', "import { createRoot } from 'react-dom/client';"],
    [
      'core importing a package that only starts like a forbidden one',
      'core/money.ts',
      "import x from 'electronic-invoice';\nimport y from 'pathology';\nimport z from 'reactive-forms';",
    ],
    ['a computed dynamic import (cannot be judged)', 'main/db/database.ts', 'declare const name: string;\nvoid import(name);'],
    ['code outside every layer importing anything', 'tests/support/harness.ts', "import '../../main/app/main';\nimport 'electron';"],
  ])('allows %s', (_name, file, code) => {
    expect(lint(file, code)).toEqual([]);
  });
});

// Building a typed ESLint program takes seconds, more on a busy 2-core CI machine than the 5 s default.
describe('the project lint configuration', { timeout: 60_000 }, () => {
  it.each([
    'core/domain/order.ts',
    'main/config.ts',
    'main/db/database.ts',
    'main/server.ts',
    'sync/local-store.ts',
    'preload/index.ts',
    'renderer/src/app.tsx',
  ])('runs the import-layers rule on %s', async (file) => {
    const eslint = new ESLint({ cwd: projectRoot });
    const config = (await eslint.calculateConfigForFile(file)) as Linter.Config;
    expect(config.rules?.['portside/import-layers']).toEqual([2]);
  });
});
