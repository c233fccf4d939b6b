import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_RETENTION_SCHEDULE, parseCron } from '../offboarding/domain/retention-schedule';
import { SigningKey, signingKeyFromPem } from '../platform/signing/signatures';
import { EnvSchema } from './env.schema';
import { DEFAULT_SIGN_IN, SignInSettings, signInSettings } from './sign-in-config';

export type LogFormat = 'auto' | 'json' | 'pretty';

// The typed configuration every other part of the app receives through DI.
export class AppConfig {
  constructor(
    readonly port: number,
    readonly host: string,
    // socketDir: where the server serves the embedded database for the CLI (null: not served).
    readonly database:
      | { kind: 'postgres'; url: string; poolSize: number; preparedStatements?: boolean }
      | { kind: 'pglite'; dataDir: string; socketDir?: string | null },
    readonly dataDir: string,
    readonly smtpUrl: string | undefined,
    readonly logLevel: string,
    readonly publicUrl: string,
    readonly mail: { from: string },
    readonly escalations: { enabled: boolean; retryBaseMs: number; maxAttempts: number; leaseMs: number; digestLocalHour: number },
    // Fastify's trustProxy: false, a number of hops, or the trusted proxies' addresses and ranges.
    readonly trustProxy: false | number | string[] = false,
    readonly logFormat: LogFormat = 'auto',
    readonly webhooks: WebhookSettings = DEFAULT_WEBHOOKS,
    readonly signIn: SignInSettings = DEFAULT_SIGN_IN,
    // HTTP worker processes (src/platform/workers): 1 is a single process, no cluster.
    readonly workers: number = 1,
    // Days after closing until an incident's personal data is pseudonymised (RETENTION_CLOSED_DAYS).
    readonly retentionClosedDays: number = 1826,
    // Incident batches (fan-out): whether this instance works on them, how many chunks at once, their size.
    readonly batches: { enabled: boolean; concurrency: number; chunkSize: number } = { enabled: true, concurrency: 2, chunkSize: 500 },
    // RETENTION_SCHEDULE: when retention runs by itself (a cron expression in UTC), or null (off).
    readonly retentionSchedule: string | null = DEFAULT_RETENTION_SCHEDULE,
    // SIGNING_KEY_FILE read and checked at start; null: the key kept in the database (SigningKeys).
    readonly signingKey: SigningKey | null = null,
  ) {}
}

export interface WebhookSettings {
  allowPrivate: boolean;
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

const DEFAULT_WEBHOOKS: WebhookSettings = { allowPrivate: false, retryBaseMs: 30_000, maxAttempts: 8, timeoutMs: 10_000 };

export class ConfigError extends Error {
  constructor(
    readonly variables: string[],
    details: string[],
  ) {
    super(`Invalid environment: ${details.join('; ')}`);
  }
}

const KNOWN = Object.keys(new EnvSchema());

// Reads only the variables the schema knows; the error names variables and rules, never values.
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of [
    ...KNOWN,
    'DATABASE_URL',
    'SMTP_URL',
    'PUBLIC_URL',
    'TRUST_PROXY',
    'OIDC_ISSUER',
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'SIGNING_KEY_FILE',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = plainToInstance(EnvSchema, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const details = errors.map((e) => `${e.property} ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigError(
      errors.map((e) => e.property),
      details,
    );
  }
  const workers = parsed.WORKERS === 'auto' ? os.availableParallelism() : Number(parsed.WORKERS);
  if (workers > 1 && !parsed.DATABASE_URL) {
    throw new ConfigError(
      ['WORKERS'],
      ['WORKERS more than 1 needs DATABASE_URL (PostgreSQL): the embedded database is opened by one process only'],
    );
  }
  const dataDir = path.resolve(parsed.DATA_DIR);
  const publicUrl = (parsed.PUBLIC_URL ?? `http://${parsed.HOST}:${parsed.PORT}`).replace(/\/$/, '');
  const signIn = signInSettings(parsed, publicUrl);
  if (!signIn.ok) throw new ConfigError(signIn.variables, signIn.details);
  if (parsed.RETENTION_SCHEDULE !== 'off') {
    try {
      parseCron(parsed.RETENTION_SCHEDULE);
    } catch (error) {
      throw new ConfigError(['RETENTION_SCHEDULE'], [`RETENTION_SCHEDULE ${(error as Error).message}`]);
    }
  }
  const signingKey = parsed.SIGNING_KEY_FILE ? readSigningKey(parsed.SIGNING_KEY_FILE) : null;
  return new AppConfig(
    parsed.PORT,
    parsed.HOST,
    parsed.DATABASE_URL
      ? {
          kind: 'postgres',
          url: parsed.DATABASE_URL,
          poolSize: parsed.DATABASE_POOL_SIZE,
          preparedStatements: parsed.DATABASE_PREPARED_STATEMENTS === 'on',
        }
      : {
          kind: 'pglite',
          dataDir: path.join(dataDir, 'pglite'),
          socketDir: parsed.PGLITE_SOCKET === 'on' ? path.join(dataDir, 'socket') : null,
        },
    dataDir,
    parsed.SMTP_URL,
    parsed.LOG_LEVEL,
    publicUrl,
    { from: parsed.MAIL_FROM },
    {
      enabled: parsed.ESCALATIONS === 'on',
      retryBaseMs: parsed.ESCALATION_RETRY_BASE_MS,
      maxAttempts: parsed.ESCALATION_MAX_ATTEMPTS,
      leaseMs: parsed.ESCALATION_LEASE_MS,
      digestLocalHour: parsed.DIGEST_LOCAL_HOUR,
    },
    parsed.TRUST_PROXY === undefined
      ? false
      : /^\d+$/.test(parsed.TRUST_PROXY)
        ? Number(parsed.TRUST_PROXY)
        : parsed.TRUST_PROXY.split(',').map((x) => x.trim()),
    parsed.LOG_FORMAT as LogFormat,
    {
      allowPrivate: parsed.WEBHOOK_ALLOW_PRIVATE === 'on',
      retryBaseMs: parsed.WEBHOOK_RETRY_BASE_MS,
      maxAttempts: parsed.WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    },
    signIn.settings,
    workers,
    parsed.RETENTION_CLOSED_DAYS,
    { enabled: parsed.BATCHES === 'on', concurrency: parsed.BATCH_CONCURRENCY, chunkSize: parsed.BATCH_CHUNK_SIZE },
    parsed.RETENTION_SCHEDULE === 'off' ? null : parsed.RETENTION_SCHEDULE,
    signingKey,
  );
}

// The installation's signing key from its file: an Ed25519 private key, PEM (PKCS#8).
function readSigningKey(file: string): SigningKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(['SIGNING_KEY_FILE'], [`SIGNING_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  try {
    return signingKeyFromPem(pem);
  } catch (error) {
    throw new ConfigError(
      ['SIGNING_KEY_FILE'],
      [`SIGNING_KEY_FILE ${(error as Error).message}; make one with \`openssl genpkey -algorithm ed25519\``],
    );
  }
}
