// `npm run lint`: ESLint (types, hooks, import layers) and Prettier; `npm run lint -- --fix` fixes and formats.
import { spawnSync } from 'node:child_process';

const fix = process.argv.includes('--fix');
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const eslint = run('npx', ['eslint', '.', '--max-warnings=0', ...(fix ? ['--fix'] : [])]);
const prettier = run('npx', ['prettier', fix ? '--write' : '--check', '--log-level', fix ? 'warn' : 'log', '.']);
process.exit(eslint !== 0 || prettier !== 0 ? 1 : 0);
