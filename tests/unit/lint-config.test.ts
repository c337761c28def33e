// Specification of the project lint configuration: every TypeScript area is linted with type information,
// so a floating or misused promise fails `npm test` wherever it is written.
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: projectRoot });
const AREAS = [
  'core/domain/order.ts',
  'main/config.ts',
  'main/services/orders-service.ts',
  'main/transport/http.ts',
  'main/app/main.ts',
  'sync/local-store.ts',
  'preload/index.ts',
  'renderer/src/app.tsx',
  'tests/integration/http-api.test.ts',
  'bench/run.ts',
];

// Building a typed ESLint program takes seconds, more on a busy 2-core CI machine than the 5 s default.
describe('the project lint configuration', { timeout: 60_000 }, () => {
  it.each(AREAS)('lints %s with its tsconfig program and the promise rules as errors', async (file) => {
    const config = (await eslint.calculateConfigForFile(file)) as Linter.Config;
    expect(config.languageOptions?.parserOptions).toMatchObject({ projectService: true, tsconfigRootDir: expect.stringMatching(/\S/) });
    for (const rule of ['no-floating-promises', 'no-misused-promises', 'await-thenable'])
      expect(config.rules?.[`@typescript-eslint/${rule}`], rule).toEqual([2]);
  });
});
