import { DEFAULT_RETENTION_SCHEDULE } from '../offboarding/domain/retention-schedule';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

// The process environment, as the one place it is read. Validated once at start: a bad or missing
// variable stops the process with the variable's name, never its value.
export class EnvSchema {
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  // Absent: embedded PGlite under DATA_DIR. Present: a PostgreSQL connection string.
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  // Absent: mail is written as .eml files under DATA_DIR/outbox.
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  // "auto": readable lines when the log goes to a terminal, JSON lines otherwise. "json" always
  // (e.g. a terminal piped into a log collector), "pretty" always.
  @IsOptional()
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT = 'auto';

  // Embedded database only: "on" serves it on a Unix socket in DATA_DIR/socket while the server
  // runs, for the CLI, psql and pg_dump (docs/admin.md); "off" keeps it to the server alone.
  @IsOptional()
  @IsIn(['on', 'off'])
  PGLITE_SOCKET = 'on';

  // Behind a reverse proxy: the proxies whose X-Forwarded-For is believed, as comma-separated
  // addresses or CIDR ranges, or the number of proxy hops. Unset: the peer is the client, and a
  // forwarded address is ignored (anyone could send one). Sign-in limits per address depend on it.
  @IsOptional()
  @Matches(/^(\d{1,2}|[0-9A-Fa-f:.]+(\/\d{1,3})?(\s*,\s*[0-9A-Fa-f:.]+(\/\d{1,3})?)*)$/, {
    message: 'must be a number of proxy hops or comma-separated addresses or CIDR ranges',
  })
  TRUST_PROXY?: string;

  // The address people use to reach this instance; links in e-mails point here.
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  // Named (prepared) statements on PostgreSQL for the filing's hot statements. "off" behind a pooler
  // that hands one client's statements to different server sessions (PgBouncer in transaction mode
  // before 1.21 without max_prepared_statements): there a named statement is not found.
  @IsOptional()
  @IsIn(['on', 'off'])
  DATABASE_PREPARED_STATEMENTS = 'on';

  // HTTP worker processes sharing PORT (node:cluster): a number, or "auto" for one per CPU core.
  // More than one needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process.
  @IsOptional()
  @Matches(/^(auto|[1-9]\d{0,2})$/, { message: 'must be "auto" or a number of processes from 1 to 999' })
  WORKERS = '1';

  // Sender of escalation mails and digests.
  @IsOptional()
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'breachclock <breachclock@localhost>';

  // "off" stops this instance from sending (e.g. a read-only replica); others still send.
  @IsOptional()
  @IsIn(['on', 'off'])
  ESCALATIONS = 'on';

  // "off" stops this instance from working on incident batches (fan-out); others still do.
  @IsOptional()
  @IsIn(['on', 'off'])
  BATCHES = 'on';

  // Chunks of batches this instance files at once (each its own transaction and connection): while
  // one chunk waits for the database the next one's rows are built. PGlite runs one at a time.
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 2 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(8)
  BATCH_CONCURRENCY = 2;

  // Contracts filed per transaction of a batch (each chunk commits on its own).
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 500 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1_000)
  BATCH_CHUNK_SIZE = 500;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 30_000 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  ESCALATION_RETRY_BASE_MS = 30_000;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 8 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(50)
  ESCALATION_MAX_ATTEMPTS = 8;

  // How long an instance may hold a claimed mail before another may take it over.
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 60_000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ESCALATION_LEASE_MS = 60_000;

  // Local hour (0–23, in each DPO's zone) of the daily digest of open clocks.
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 8 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_LOCAL_HOUR = 8;

  // Webhooks (docs/webhooks.md): "on" lets endpoints point to loopback and private addresses
  // (tests, development); off, such URLs are refused and deliveries never connect to them.
  @IsOptional()
  @IsIn(['on', 'off'])
  WEBHOOK_ALLOW_PRIVATE = 'off';

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 30_000 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 8 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS = 8;

  // How long one delivery may take (connect, send, answer) before it counts as failed.
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 10_000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  // Single sign-on with OpenID Connect (docs/admin.md): all three or none. The issuer is https, or
  // http on a loopback address (a provider on the same machine: development, tests).
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_SECRET?: string;

  // The claims that name the user's organization (its slug) and role (processor_staff,
  // controller_dpo, org_admin), from the ID token or the userinfo answer.
  @IsOptional()
  @Matches(/^[A-Za-z0-9_:./-]{1,100}$/, { message: 'must be a claim name (letters, digits, _ : . / -)' })
  OIDC_ORG_CLAIM = 'breachclock_org';

  @IsOptional()
  @Matches(/^[A-Za-z0-9_:./-]{1,100}$/, { message: 'must be a claim name (letters, digits, _ : . / -)' })
  OIDC_ROLE_CLAIM = 'breachclock_role';

  // The scopes asked for; "openid" must be one of them. Some providers release a custom claim only
  // for a scope of its own.
  @IsOptional()
  @Matches(/^(?=(.* )?openid( |$))[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, {
    message: 'must be space-separated scopes including openid',
  })
  OIDC_SCOPES = 'openid email';

  // "off": the sign-in page offers single sign-on only and refuses passwords (needs OIDC_ISSUER).
  @IsOptional()
  @IsIn(['on', 'off'])
  PASSWORD_LOGIN = 'on';
  // Retention (docs/offboarding.md): days after an incident was closed until `breachclock retention run`
  // pseudonymises its personal data. Default 1826 (5 years, for accountability under Art. 5(2)).
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 1826 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(36_525)
  RETENTION_CLOSED_DAYS = 1826;

  // When retention runs by itself, once across all instances: a cron expression in UTC (minute hour
  // day-of-month month day-of-week), default nightly at 02:30; "off" leaves it to `breachclock retention run`.
  @IsOptional()
  @Matches(/^(off|[0-9*,/-]+( [0-9*,/-]+){4})$/, { message: 'must be a five-field cron expression (UTC) or off' })
  RETENTION_SCHEDULE = DEFAULT_RETENTION_SCHEDULE;

  // The installation's signing key (docs/operations.md, "Signing key"): a file holding an Ed25519
  // private key, PEM (PKCS#8). Unset: a key is created once and kept in the database (weaker).
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_KEY_FILE?: string;
}
