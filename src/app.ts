import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { ENTITIES } from './entities';
import { Clock } from './platform/clock/clock';
import { SystemClock } from './platform/clock/system-clock';
import {
  EmbeddedDatabaseInUse,
  EmbeddedDatabaseLock,
  buildDataSource,
  buildReadOnlyDataSource,
  embeddedInstance,
} from './platform/database/data-source';
import { LocalSocketServer, SOCKET_FILE } from './platform/database/local-socket';
import { migrateUnderLock } from './platform/database/migrate';
import { SessionLease } from './platform/database/session-lease';
import { ValidationError } from './platform/http/domain-error';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter';
import { sameOriginForms } from './platform/http/same-origin';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { StrictValidationPipe } from './platform/http/validation.pipe';
import { PinoNestLogger, createLogger } from './platform/logging/logger';
import { requestContext } from './platform/logging/request-context';
import { registerWebPlugins } from './web/shared/web-plugins';
import { registerOpenApi } from './openapi/openapi-routes';

export const BODY_LIMIT_BYTES = 1024 * 1024;
// A contract import (POST /api/v1/contracts/import, text/csv): 10,000 rows are about 1.5 MiB.
export const CSV_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: Logger;
}

export interface Opened {
  dataSource: DataSource;
  // PostgreSQL: the pool of read-only sessions that Database.read() uses.
  readDataSource: DataSource | null;
  logger: Logger;
  // The embedded database opened here: the lease of its one session, which the local socket shares.
  lease: SessionLease | null;
  // One session for the whole process (PGlite here, or the running server's through its socket):
  // every unit of work waits for the one before.
  singleSession: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  // The CLI: when the running server holds the embedded database, use it through the server's socket.
  besideServer?: boolean;
}

// Opens the database (PGlite or PostgreSQL) and brings its schema up to date, under a lock.
export async function openDatabase(config: AppConfig, logger: Logger, options: OpenOptions = {}): Promise<Opened> {
  const embedded = config.database.kind === 'pglite' ? config.database : null;
  const lock = embedded ? new EmbeddedDatabaseLock(embedded.dataDir) : null;
  try {
    lock?.acquire();
  } catch (error) {
    if (options.besideServer && error instanceof EmbeddedDatabaseInUse && embedded?.socketDir) {
      return openBesideServer(embedded.socketDir, error, logger);
    }
    throw error;
  }
  try {
    const dataSource = buildDataSource(config.database, ENTITIES, MIGRATIONS);
    await dataSource.initialize();
    const applied = await migrateUnderLock(dataSource);
    const readDataSource = config.database.kind === 'postgres' ? buildReadOnlyDataSource(config.database, ENTITIES) : null;
    await readDataSource?.initialize();
    logger.info({ event: 'database.ready', engine: config.database.kind, migrationsApplied: applied }, 'database ready');
    return {
      dataSource,
      readDataSource,
      logger,
      lease: embedded ? new SessionLease() : null,
      singleSession: embedded !== null,
      close: async () => {
        if (readDataSource?.isInitialized) await readDataSource.destroy();
        if (dataSource.isInitialized) await dataSource.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

// The server holds the embedded database: its local socket reaches the same data. The server migrated
// on start; a command newer than the server's schema stops rather than migrate under it.
async function openBesideServer(directory: string, inUse: EmbeddedDatabaseInUse, logger: Logger): Promise<Opened> {
  const socket = path.join(directory, SOCKET_FILE);
  if (!fs.existsSync(socket)) throw inUse;
  const dataSource = buildDataSource({ kind: 'socket', directory }, ENTITIES, MIGRATIONS);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(
      `The embedded database is in use by process ${inUse.pid}, and its socket ${socket} does not answer: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new Error(
      `The server (process ${inUse.pid}) runs on an older database schema than this command knows. Restart the server (it migrates on start), then run the command again.`,
    );
  }
  logger.info({ event: 'database.ready', engine: 'pglite', via: socket }, 'database ready (through the running server)');
  return { dataSource, readDataSource: null, logger, lease: null, singleSession: true, close: () => dataSource.destroy() };
}

// The running server's embedded database, served on DATA_DIR/socket for the CLI, psql and pg_dump.
export async function serveLocalSocket(config: AppConfig, db: Opened): Promise<LocalSocketServer | null> {
  if (config.database.kind !== 'pglite' || !config.database.socketDir || !db.lease) return null;
  return LocalSocketServer.start({
    pglite: await embeddedInstance(),
    lease: db.lease,
    directory: config.database.socketDir,
    logger: db.logger,
  });
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

// Builds the HTTP app on an open database: Fastify, pino with request ids, problem+json errors.
export async function createHttpApp(options: AppOptions, db: Opened): Promise<NestFastifyApplication> {
  const logger = options.logger ?? db.logger;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // A number trusts that many hops, as Fastify does for a number (its types only accept a function).
    trustProxy:
      typeof options.config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(options.config.trustProxy)
        : options.config.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config: options.config,
      clock: options.clock ?? new SystemClock(),
      dataSource: db.dataSource,
      singleSession: db.singleSession,
      lease: db.lease ?? undefined,
      readDataSource: db.readDataSource ?? undefined,
    }),
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestContext.run({ requestId: String(request.id) }, done);
  });
  // text/csv bodies arrive as text; bytes that are not UTF-8 are refused here (400).
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT_BYTES }, (_request, body, done) => {
    try {
      done(null, new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer));
    } catch {
      done(new ValidationError([{ path: 'body', message: 'is not valid UTF-8' }]), undefined);
    }
  });
  await registerSecurityHeaders(app, options.config.publicUrl);
  await registerWebPlugins(app);
  await registerOpenApi(app);
  fastify.addHook('onRequest', sameOriginForms(options.config.publicUrl));
  // One line per request, without headers or bodies (they may hold tokens or breach details).
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.info(
      {
        event: 'http.request',
        method: request.method,
        route: request.routeOptions?.url ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new StrictValidationPipe());
  await app.init();
  await fastify.ready();
  return app;
}

export async function createStandaloneContext(options: AppOptions, db: Opened): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    AppModule.forRoot({
      config: options.config,
      clock: options.clock ?? new SystemClock(),
      dataSource: db.dataSource,
      singleSession: db.singleSession,
      lease: db.lease ?? undefined,
      readDataSource: db.readDataSource ?? undefined,
    }),
    { logger: new PinoNestLogger(options.logger ?? db.logger), abortOnError: false },
  );
}

export { createLogger };
