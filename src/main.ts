import 'reflect-metadata';
import cluster from 'node:cluster';
import { createHttpApp, createLogger, openDatabase, serveLocalSocket } from './app';
import { prettyFor } from './platform/logging/logger';
import { ConfigError, loadConfig } from './config/app-config';
import { superviseWorkers } from './platform/workers/worker-supervisor';

// Bootstrap only: config, logger, database (migrations under a lock), HTTP; with WORKERS > 1 a
// supervisor forks that many such processes sharing the port.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`breachclock: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, undefined, prettyFor(config.logFormat, process.stdout));
  // WORKERS > 1: this process only supervises; each worker runs the lines below (README, Configuration).
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(logger, { workers: config.workers });
  const db = await openDatabase(config, logger);
  const app = await createHttpApp({ config }, db);
  const socket = await serveLocalSocket(config, db);
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { event: 'http.listening', url: `http://${config.host}:${config.port}`, engine: config.database.kind },
    'breachclock is listening',
  );
  const stop = async (signal: string) => {
    logger.info({ event: 'process.stopping', signal }, 'stopping');
    await socket?.close();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`breachclock: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
