// Configuration: environment variables, else portside.config.json in the data dir (env wins).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PHONE_REGION, isPhoneRegion } from '../core/domain/customer-phone';
import { isKnownTimeZone } from '../core/domain/order-number';

export interface PortsideConfig {
  dataDir: string;
  port: number;
  demo: boolean;
  dynamodbEndpoint: string | null;
  table: string | null;
  region: string | null;
  createTable: boolean;
  syncIntervalMs: number;
  userPoolId: string | null;
  userPoolClientId: string | null;
  cognitoEndpoint: string | null;
  identityPoolId: string | null;
  /** PORTSIDE_COGNITO_IDENTITY_ENDPOINT: the Cognito Identity API the identity pool is asked at (tests' stand-in); null = AWS. */
  cognitoIdentityEndpoint: string | null;
  /** The office's IANA time zone: order numbers take their year from it. */
  timeZone: string;
  /** Region a phone number without a country code is read in (two letters, e.g. GB, NZ). */
  phoneRegion: string;
  /** Where outgoing customer e-mails go; null = not configured (e-mails are recorded as drafts). */
  smtp: SmtpSettings | null;
}

/** The SMTP server Portside sends customer e-mails through (nodemailer's transport options, minus the secrets' source). */
export interface SmtpSettings {
  /** PORTSIDE_SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465; when set, host/port/secure/user/password are not used. */
  url: string | null;
  host: string | null;
  port: number | null;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The sender, e.g. "Harbour Imports <office@example.com>". */
  from: string;
}

const KEYS = {
  PORTSIDE_PORT: 'port',
  PORTSIDE_DEMO: 'demo',
  PORTSIDE_DYNAMODB_ENDPOINT: 'dynamodbEndpoint',
  PORTSIDE_TABLE: 'table',
  AWS_REGION: 'region',
  PORTSIDE_CREATE_TABLE: 'createTable',
  PORTSIDE_SYNC_INTERVAL_MS: 'syncIntervalMs',
  PORTSIDE_USER_POOL_ID: 'userPoolId',
  PORTSIDE_USER_POOL_CLIENT_ID: 'userPoolClientId',
  PORTSIDE_COGNITO_ENDPOINT: 'cognitoEndpoint',
  PORTSIDE_IDENTITY_POOL_ID: 'identityPoolId',
  PORTSIDE_COGNITO_IDENTITY_ENDPOINT: 'cognitoIdentityEndpoint',
  PORTSIDE_TIME_ZONE: 'timeZone',
  PORTSIDE_DEFAULT_PHONE_REGION: 'phoneRegion',
  PORTSIDE_SMTP_URL: 'smtpUrl',
  PORTSIDE_SMTP_HOST: 'smtpHost',
  PORTSIDE_SMTP_PORT: 'smtpPort',
  PORTSIDE_SMTP_SECURE: 'smtpSecure',
  PORTSIDE_SMTP_USER: 'smtpUser',
  PORTSIDE_SMTP_PASSWORD: 'smtpPassword',
  PORTSIDE_SMTP_FROM: 'smtpFrom',
} as const;

/** The OS app-data folder: %APPDATA%\Portside, ~/Library/Application Support/Portside, ~/.local/share/portside. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Portside');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Portside');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'portside');
}

/** This computer's time zone, the default office zone (UTC when the runtime cannot tell). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A value as the person wrote it, for messages: portside.config.json may hold objects, which String() hides. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function readConfigFile(dataDir: string): Record<string, unknown> {
  const file = join(dataDir, 'portside.config.json');
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${file} is not a valid JSON object (${(error as Error).message}). Fix or delete it.`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { dataDir?: string } = {}): PortsideConfig {
  const dataDir = overrides.dataDir ?? env.PORTSIDE_DATA_DIR ?? defaultDataDir(env);
  const file = readConfigFile(dataDir);
  const raw: Record<string, unknown> = { ...file };
  for (const [envName, key] of Object.entries(KEYS)) {
    const value = env[envName];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const text = (key: string): string | null => {
    const value = raw[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new ConfigError(`${key} in portside.config.json must be text in quotes (got ${shown(value)}).`);
    return value;
  };
  // A typo ("yes", "8o80", " ") must stop the start with a message, never quietly mean something else.
  const flag = (key: string, name: string): boolean => {
    const value = raw[key];
    if (value === undefined || value === null) return false;
    if (value === true || value === 1 || value === '1' || value === 'true') return true;
    if (value === false || value === 0 || value === '0' || value === 'false') return false;
    throw new ConfigError(`${name} must be 1 or 0 (got "${shown(value)}").`);
  };
  const int = (key: string, fallback: number, name: string): number => {
    const value = raw[key];
    if (value === undefined) return fallback;
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number ≥ 0 (got "${shown(value)}").`);
    return n;
  };
  const port = int('port', 0, 'PORTSIDE_PORT');
  if (port > 65535) throw new ConfigError(`PORTSIDE_PORT must be at most 65535 (got ${port}).`);
  const timeZone = text('timeZone') ?? machineTimeZone();
  if (!isKnownTimeZone(timeZone)) {
    throw new ConfigError(
      `PORTSIDE_TIME_ZONE must be an IANA time zone name such as Pacific/Auckland or Europe/London (got "${timeZone}").`,
    );
  }
  const phoneRegion = (text('phoneRegion') ?? DEFAULT_PHONE_REGION).toUpperCase();
  if (!isPhoneRegion(phoneRegion)) {
    throw new ConfigError(`PORTSIDE_DEFAULT_PHONE_REGION must be a two-letter region code such as GB or NZ (got "${phoneRegion}").`);
  }
  const smtp = smtpSettings(text, flag, int);
  if (text('identityPoolId') !== null && text('userPoolId') === null) {
    throw new ConfigError(
      "PORTSIDE_IDENTITY_POOL_ID needs PORTSIDE_USER_POOL_ID (and PORTSIDE_USER_POOL_CLIENT_ID): the identity pool gives AWS credentials for the user pool's sign-ins.",
    );
  }
  return {
    dataDir,
    port,
    demo: flag('demo', 'PORTSIDE_DEMO'),
    dynamodbEndpoint: text('dynamodbEndpoint'),
    table: text('table'),
    region: text('region'),
    createTable: flag('createTable', 'PORTSIDE_CREATE_TABLE'),
    syncIntervalMs: int('syncIntervalMs', 15_000, 'PORTSIDE_SYNC_INTERVAL_MS'),
    userPoolId: text('userPoolId'),
    userPoolClientId: text('userPoolClientId'),
    cognitoEndpoint: text('cognitoEndpoint'),
    identityPoolId: text('identityPoolId'),
    cognitoIdentityEndpoint: text('cognitoIdentityEndpoint'),
    timeZone,
    phoneRegion,
    smtp,
  };
}

/** SMTP from PORTSIDE_SMTP_URL or PORTSIDE_SMTP_HOST (+ port, secure, user, password); null when neither is set. */
function smtpSettings(
  text: (key: string) => string | null,
  flag: (key: string, name: string) => boolean,
  int: (key: string, fallback: number, name: string) => number,
): SmtpSettings | null {
  const url = text('smtpUrl');
  const host = text('smtpHost');
  if (url === null && host === null) return null;
  if (url !== null && !/^smtps?:\/\/[^\s]+$/.test(url)) {
    // Not echoed: the address may hold the password.
    throw new ConfigError('PORTSIDE_SMTP_URL must look like smtp://host:587 or smtps://user:password@host:465.');
  }
  const from = text('smtpFrom');
  if (from === null || !/@/.test(from)) {
    throw new ConfigError(
      'PORTSIDE_SMTP_FROM must be set to the sender address when SMTP is configured, e.g. "Harbour Imports <office@example.com>".',
    );
  }
  const port = int('smtpPort', 0, 'PORTSIDE_SMTP_PORT');
  if (port > 65535) throw new ConfigError(`PORTSIDE_SMTP_PORT must be at most 65535 (got ${port}).`);
  return {
    url,
    host,
    port: port === 0 ? null : port,
    secure: flag('smtpSecure', 'PORTSIDE_SMTP_SECURE'),
    user: text('smtpUser'),
    password: text('smtpPassword'),
    from,
  };
}
