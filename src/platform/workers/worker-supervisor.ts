import cluster, { Worker } from 'node:cluster';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';

export interface SupervisorOptions {
  workers: number;
  // A worker that dies sooner than this after its start counts as a failed start (durations on the
  // monotonic clock: no wall time is involved).
  minUptimeMs?: number;
  // After this many failed starts in a row the supervisor gives up and exits 1 (a broken
  // configuration or database), instead of forking forever.
  maxFailedStarts?: number;
  restartDelayMs?: number;
}

// The primary process of WORKERS > 1 (README, Configuration): it serves nothing itself, forks the HTTP
// workers (each one a whole app on PORT, node:cluster hands out the connections), starts a new one
// when one dies, and on SIGTERM/SIGINT stops them all and exits when the last has gone. The workers
// are independent instances of a stateless app: migrations run under a lock, escalations and
// webhooks are claimed with leases, so N workers behave as N instances.
export function superviseWorkers(logger: Logger, options: SupervisorOptions): void {
  const { workers, minUptimeMs = 10_000, maxFailedStarts = 5, restartDelayMs = 1_000 } = options;
  const startedAt = new Map<number, number>();
  let failedStarts = 0;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, performance.now());
    return worker;
  };

  cluster.on('listening', (worker: Worker) => {
    logger.info({ event: 'worker.listening', worker: worker.id, pid: worker.process.pid }, 'worker listening');
  });

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const uptime = performance.now() - (startedAt.get(worker.id) ?? performance.now());
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info({ event: 'process.stopped' }, 'all workers stopped');
        process.exit(0);
      }
      return;
    }
    failedStarts = uptime < minUptimeMs ? failedStarts + 1 : 0;
    logger.error({ event: 'worker.exited', worker: worker.id, code, signal, uptimeMs: uptime, failedStarts }, 'worker exited');
    if (failedStarts >= maxFailedStarts) {
      logger.fatal({ event: 'worker.giving_up', failedStarts }, 'workers keep failing at start; stopping');
      process.exit(1);
    }
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelayMs).unref();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'process.stopping', signal }, 'stopping workers');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (alive.length === 0) process.exit(0);
    for (const w of alive) w.process.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  logger.info({ event: 'workers.starting', workers }, `starting ${workers} workers`);
  for (let i = 0; i < workers; i++) fork();
}
