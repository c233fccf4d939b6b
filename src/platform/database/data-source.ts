import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDriver, getPGliteInstance } from 'typeorm-pglite';
import { preparesStatements } from './execute';

// PostgreSQL; the embedded PGlite opened in this process; or the embedded database another process
// (the running server) serves on its local socket.
export type DatabaseTarget =
  // preparedStatements (default on): execute's prepare may use named statements (DATABASE_PREPARED_STATEMENTS).
  | { kind: 'postgres'; url: string; poolSize: number; preparedStatements?: boolean }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'socket'; directory: string };

// Builds (does not open) the TypeORM DataSource for PostgreSQL or for the embedded PGlite.
// Schema only ever comes from migrations: synchronize is off for both.
export function buildDataSource(
  target: DatabaseTarget,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  if (target.kind === 'postgres') {
    return preparesStatements(
      target,
      new DataSource({
        ...common,
        type: 'postgres',
        url: target.url,
        poolSize: target.poolSize,
        extra: { max: target.poolSize, application_name: 'breachclock' },
      } as DataSourceOptions),
    );
  }
  return buildEmbeddedOrSocket(target, common);
}

// The pool Database.read() uses on PostgreSQL: every session starts with
// default_transaction_read_only, so a write there fails while a read costs no BEGIN/COMMIT round trips
// and the statements of one read still run side by side on the pool.
export function buildReadOnlyDataSource(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  entities: DataSourceOptions['entities'],
): DataSource {
  return preparesStatements(
    target,
    new DataSource({
      entities,
      synchronize: false,
      migrationsRun: false,
      logging: false,
      type: 'postgres',
      url: target.url,
      poolSize: target.poolSize,
      extra: { max: target.poolSize, application_name: 'breachclock-read', options: '-c default_transaction_read_only=on' },
    } as DataSourceOptions),
  );
}

function buildEmbeddedOrSocket(
  target: Exclude<DatabaseTarget, { kind: 'postgres' }>,
  common: Pick<DataSourceOptions, 'entities' | 'migrations' | 'synchronize' | 'migrationsRun' | 'logging'>,
): DataSource {
  if (target.kind === 'socket') {
    // One connection: the server gives the single session to one client turn at a time anyway.
    return new DataSource({
      ...common,
      type: 'postgres',
      host: target.directory,
      port: 5432,
      username: 'postgres',
      database: 'postgres',
      poolSize: 1,
      extra: { max: 1, application_name: 'breachclock-cli' },
    } as DataSourceOptions);
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) fs.mkdirSync(path.dirname(target.dataDir), { recursive: true });
  return new DataSource({
    ...common,
    type: 'postgres',
    driver: new PGliteDriver({ dataDir: inMemory ? undefined : target.dataDir }).driver,
  } as DataSourceOptions);
}

// The PGlite instance this process opened (typeorm-pglite keeps one per process).
export function embeddedInstance(): Promise<PGlite> {
  return getPGliteInstance();
}

export class EmbeddedDatabaseInUse extends Error {
  constructor(
    readonly pid: number,
    readonly directory: string,
    options: ErrorOptions,
  ) {
    super(
      `The embedded database in ${directory} is in use by process ${pid}. ` +
        'Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.',
      options,
    );
  }
}

// PGlite is one process's database: a second process opening the same folder would corrupt it.
// The lock file names the process that holds it; the CLI then goes through that process's local
// socket (local-socket.ts), or says to stop it.
export class EmbeddedDatabaseLock {
  private held = false;

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return `${this.dataDir}.lock`;
  }

  acquire(): void {
    if (this.dataDir.startsWith('memory://')) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(this.file, String(process.pid), { flag: 'wx' });
        this.held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(fs.readFileSync(this.file, 'utf8'));
        if (owner && owner !== process.pid && isAlive(owner)) {
          throw new EmbeddedDatabaseInUse(owner, path.dirname(this.dataDir), { cause: error });
        }
        fs.rmSync(this.file, { force: true }); // left behind by a process that is gone
      }
    }
  }

  release(): void {
    if (this.held) fs.rmSync(this.file, { force: true });
    this.held = false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
