// Specification of configuration loading: env variables win over portside.config.json; bad values give a clear ConfigError.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, loadConfig, machineTimeZone } from '../../main/config';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'portside-config-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function writeConfigFile(content: unknown): void {
  writeFileSync(join(dataDir, 'portside.config.json'), typeof content === 'string' ? content : JSON.stringify(content));
}

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig({ PORTSIDE_DATA_DIR: dataDir, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults to local mode: any free port, no demo data, no sync', () => {
    expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir })).toEqual({
      dataDir,
      port: 0,
      demo: false,
      dynamodbEndpoint: null,
      table: null,
      region: null,
      createTable: false,
      syncIntervalMs: 15_000,
      userPoolId: null,
      userPoolClientId: null,
      cognitoEndpoint: null,
      identityPoolId: null,
      cognitoIdentityEndpoint: null,
      timeZone: machineTimeZone(),
      phoneRegion: 'GB',
      smtp: null,
    });
  });

  it('reads every setting from its environment variable', () => {
    const config = loadConfig({
      PORTSIDE_DATA_DIR: dataDir,
      PORTSIDE_PORT: '4600',
      PORTSIDE_DEMO: '1',
      PORTSIDE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      PORTSIDE_TABLE: 'portside',
      AWS_REGION: 'ap-southeast-2',
      PORTSIDE_CREATE_TABLE: 'true',
      PORTSIDE_SYNC_INTERVAL_MS: '2500',
      PORTSIDE_USER_POOL_ID: 'pool',
      PORTSIDE_USER_POOL_CLIENT_ID: 'client',
      PORTSIDE_COGNITO_ENDPOINT: 'http://127.0.0.1:9229',
      PORTSIDE_IDENTITY_POOL_ID: 'identity',
      PORTSIDE_COGNITO_IDENTITY_ENDPOINT: 'http://127.0.0.1:9230',
      PORTSIDE_TIME_ZONE: 'Pacific/Auckland',
      PORTSIDE_DEFAULT_PHONE_REGION: 'nz',
    });
    expect(config).toEqual({
      dataDir,
      port: 4600,
      demo: true,
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      table: 'portside',
      region: 'ap-southeast-2',
      createTable: true,
      syncIntervalMs: 2500,
      userPoolId: 'pool',
      userPoolClientId: 'client',
      cognitoEndpoint: 'http://127.0.0.1:9229',
      identityPoolId: 'identity',
      cognitoIdentityEndpoint: 'http://127.0.0.1:9230',
      timeZone: 'Pacific/Auckland',
      phoneRegion: 'NZ',
      smtp: null,
    });
  });

  it('refuses an identity pool without the user pool whose sign-ins it trusts', () => {
    expect(() => loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_IDENTITY_POOL_ID: 'eu-west-1:abc' })).toThrow(
      /PORTSIDE_IDENTITY_POOL_ID needs PORTSIDE_USER_POOL_ID/,
    );
  });

  it('refuses a default phone region that is no two-letter region', () => {
    expect(() => loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_DEFAULT_PHONE_REGION: 'Britain' })).toThrow(
      /PORTSIDE_DEFAULT_PHONE_REGION must be a two-letter region code such as GB or NZ \(got "BRITAIN"\)/,
    );
  });

  it('reads portside.config.json in the data dir', () => {
    writeConfigFile({ port: 4700, demo: true, table: 'from-file', syncIntervalMs: 60_000 });
    const config = loadConfig({ PORTSIDE_DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 4700, demo: true, table: 'from-file', syncIntervalMs: 60_000 });
  });

  it('lets env variables win over the config file', () => {
    writeConfigFile({ port: 4700, demo: true, table: 'from-file' });
    const config = loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_PORT: '4800', PORTSIDE_DEMO: '0', PORTSIDE_TABLE: 'from-env' });
    expect(config).toMatchObject({ port: 4800, demo: false, table: 'from-env' });
  });

  it('ignores an empty env variable, keeping the file’s value', () => {
    writeConfigFile({ table: 'from-file' });
    expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_TABLE: '' }).table).toBe('from-file');
  });

  it('takes the data dir from an explicit override, else PORTSIDE_DATA_DIR, else the OS app-data folder', () => {
    expect(loadConfig({ PORTSIDE_DATA_DIR: '/nowhere' }, { dataDir }).dataDir).toBe(dataDir);
    expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir }).dataDir).toBe(dataDir);
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', 'portside'));
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.local', 'share', 'portside'));
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Portside'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\csr\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\csr\\AppData\\Roaming', 'Portside'),
    );
  });

  it('gives a clear ConfigError for a port that is not a whole number from 0 to 65535', () => {
    expect(configError({ PORTSIDE_PORT: 'abc' }).message).toBe('PORTSIDE_PORT must be a whole number ≥ 0 (got "abc").');
    expect(configError({ PORTSIDE_PORT: '-1' }).message).toContain('PORTSIDE_PORT must be a whole number');
    expect(configError({ PORTSIDE_PORT: '80.5' }).message).toContain('PORTSIDE_PORT must be a whole number');
    expect(configError({ PORTSIDE_PORT: '70000' }).message).toBe('PORTSIDE_PORT must be at most 65535 (got 70000).');
  });

  it('never reads a mistyped number as some other port (" ", "1e3", "0x50" are errors, not 0, 1000 and 80)', () => {
    for (const port of [' ', '1e3', '0x50', '80a']) {
      expect(configError({ PORTSIDE_PORT: port }).message).toBe(`PORTSIDE_PORT must be a whole number ≥ 0 (got "${port}").`);
    }
    expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_PORT: ' 4600 ' }).port).toBe(4600);
  });

  it('reads on/off settings as 1/0 or true/false and refuses anything else', () => {
    for (const on of ['1', 'true']) expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_DEMO: on }).demo).toBe(true);
    for (const off of ['0', 'false']) expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_DEMO: off }).demo).toBe(false);
    expect(configError({ PORTSIDE_DEMO: 'yes' }).message).toBe('PORTSIDE_DEMO must be 1 or 0 (got "yes").');
    expect(configError({ PORTSIDE_CREATE_TABLE: 'on' }).message).toBe('PORTSIDE_CREATE_TABLE must be 1 or 0 (got "on").');
  });

  it('gives a clear ConfigError for a bad sync interval', () => {
    expect(configError({ PORTSIDE_SYNC_INTERVAL_MS: 'soon' }).message).toBe(
      'PORTSIDE_SYNC_INTERVAL_MS must be a whole number ≥ 0 (got "soon").',
    );
  });

  it('gives a clear ConfigError naming the config file when it is not a JSON object', () => {
    writeConfigFile('{ port: 4700 ');
    const broken = configError({});
    expect(broken.name).toBe('ConfigError');
    expect(broken.message).toContain(join(dataDir, 'portside.config.json'));
    expect(broken.message).toContain('is not a valid JSON object');
    expect(broken.message).toContain('Fix or delete it.');

    writeConfigFile([1, 2]);
    expect(configError({}).message).toContain('is not a valid JSON object (not an object)');
  });

  it('reports a bad value from the config file too', () => {
    writeConfigFile({ port: 'eighty' });
    expect(configError({}).message).toBe('PORTSIDE_PORT must be a whole number ≥ 0 (got "eighty").');
    writeConfigFile({ port: true });
    expect(configError({}).message).toBe('PORTSIDE_PORT must be a whole number ≥ 0 (got "true").');
    writeConfigFile({ demo: 'yes' });
    expect(configError({}).message).toBe('PORTSIDE_DEMO must be 1 or 0 (got "yes").');
  });

  it('refuses a config-file value that is not text where text is expected, instead of reading "[object Object]"', () => {
    writeConfigFile({ table: { name: 'portside' } });
    expect(configError({}).message).toBe('table in portside.config.json must be text in quotes (got {"name":"portside"}).');
    writeConfigFile({ region: 1 });
    expect(configError({}).message).toBe('region in portside.config.json must be text in quotes (got 1).');
    writeConfigFile({ demo: { on: true } });
    expect(configError({}).message).toBe('PORTSIDE_DEMO must be 1 or 0 (got "{"on":true}").');
  });

  it('defaults the office time zone to this computer’s own zone', () => {
    expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir }).timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('reads the office time zone from portside.config.json too', () => {
    writeConfigFile({ timeZone: 'Europe/London' });
    expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir }).timeZone).toBe('Europe/London');
  });

  it('refuses an unknown time zone at start, naming the setting and what it expects', () => {
    expect(configError({ PORTSIDE_TIME_ZONE: 'Pacific/Atlantis' }).message).toBe(
      'PORTSIDE_TIME_ZONE must be an IANA time zone name such as Pacific/Auckland or Europe/London (got "Pacific/Atlantis").',
    );
    expect(configError({ PORTSIDE_TIME_ZONE: 'NZST+12' })).toBeInstanceOf(ConfigError);
    writeConfigFile({ timeZone: ' ' });
    expect(configError({})).toBeInstanceOf(ConfigError);
  });
});
