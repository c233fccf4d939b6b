import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { ENTITIES } from './entities';
import { Clock } from './platform/clock/clock';
import { SystemClock } from './platform/clock/system-clock';
import { EmbeddedDatabaseLock, buildDataSource } from './platform/database/data-source';
import { migrateUnderLock } from './platform/database/migrate';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter';
import { sameOriginForms } from './platform/http/same-origin';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { StrictValidationPipe } from './platform/http/validation.pipe';
import { PinoNestLogger, createLogger } from './platform/logging/logger';
import { requestContext } from './platform/logging/request-context';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: Logger;
}

export interface Opened {
  dataSource: DataSource;
  logger: Logger;
  close(): Promise<void>;
}

// Opens the database (PGlite or PostgreSQL) and brings its schema up to date, under a lock.
export async function openDatabase(config: AppConfig, logger: Logger): Promise<Opened> {
  const lock = config.database.kind === 'pglite' ? new EmbeddedDatabaseLock(config.database.dataDir) : null;
  lock?.acquire();
  try {
    const dataSource = buildDataSource(config.database, ENTITIES, MIGRATIONS);
    await dataSource.initialize();
    const applied = await migrateUnderLock(dataSource);
    logger.info({ event: 'database.ready', engine: config.database.kind, migrationsApplied: applied }, 'database ready');
    return {
      dataSource,
      logger,
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
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
      singleSession: options.config.database.kind === 'pglite',
    }),
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestContext.run({ requestId: String(request.id) }, done);
  });
  await registerSecurityHeaders(app, options.config.publicUrl);
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
      singleSession: options.config.database.kind === 'pglite',
    }),
    { logger: new PinoNestLogger(options.logger ?? db.logger), abortOnError: false },
  );
}

export { createLogger };
