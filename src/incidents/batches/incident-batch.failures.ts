import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/clock/clock';
import { Database } from '../../platform/database/database';
import { BatchFailure } from './incident-batch.entity';
import { IncidentBatchesRepository } from './incident-batches.repository';

export type ChunkOutcome = 'more' | 'done' | 'lost';

// A chunk that failed: whether trying it again can help, and the reason a processor may read (the
// SQLSTATE and the database's message, never a row's values: pg keeps those in `detail`).
export interface ChunkFailure {
  kind: 'transient' | 'permanent';
  code: string;
  reason: string;
}

// SQLSTATEs (classes) that say the same statement may succeed later: the connection (08), the
// server shutting down or the backend terminated (57P01–57P03, pg_terminate_backend), a statement or
// lock timeout (57014, 55P03), serialization failures and deadlocks (40001, 40P01), exhausted
// resources (53). Every other SQLSTATE — integrity (23: a unique, check or foreign-key violation),
// data (22), a raised exception (P0001), a broken statement (42) — says the data or the code is
// wrong, and stays wrong however often it is tried.
const TRANSIENT_CODES = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '57014', '55P03']);
const TRANSIENT_CLASSES = new Set(['08', '53']);
// Errors of the driver without a SQLSTATE when the socket went away.
const CONNECTION_LOST =
  /connection (terminated|ended|closed|reset|refused)|terminating connection|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|not queryable|Connection terminated/i;

// How often a chunk is tried for transient failures before its contracts count as failed and the
// batch stops (failed; Resume tries again), and how long the runner waits before each next try.
export const MAX_CHUNK_ATTEMPTS = 5;
export function backoffMs(attempts: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

export function classifyChunkError(error: unknown): ChunkFailure {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } };
  const raw = e.driverError?.code ?? e.code;
  const code = typeof raw === 'string' ? raw : '';
  const message = String(e.driverError?.message ?? e.message ?? error).slice(0, 300);
  const sqlState = /^[0-9A-Z]{5}$/.test(code) ? code : '';
  const transient = sqlState
    ? TRANSIENT_CODES.has(sqlState) || TRANSIENT_CLASSES.has(sqlState.slice(0, 2))
    : CONNECTION_LOST.test(`${code} ${message}`);
  return {
    kind: transient ? 'transient' : 'permanent',
    code: sqlState || code || 'error',
    reason: `${sqlState || code || 'error'}: ${message}`,
  };
}

// What the runner does when a chunk's transaction fails (it rolled back: nothing of it is stored).
// Transient: the chunk's attempt is counted on the batch and the batch waits out a backoff under its
// lease (any instance continues it then); after MAX_CHUNK_ATTEMPTS the chunk's contracts count as
// failed and the batch is failed. Permanent: the chunk is filed again one contract per transaction,
// so the contracts that can be filed are, and each that cannot counts as failed with the reason; when
// none of the chunk could be filed the batch stops (failed) instead of going on one by one.
@Injectable()
export class BatchChunkFailures {
  private readonly logger = new Logger('batches');

  constructor(
    private readonly db: Database,
    private readonly repo: IncidentBatchesRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async guard(id: string, instance: string, chunkSize: number, run: (limit?: number) => Promise<ChunkOutcome>): Promise<ChunkOutcome> {
    try {
      return await run();
    } catch (error) {
      const failure = classifyChunkError(error);
      this.logger.warn({ event: 'batch.chunk_failed', batchId: id, kind: failure.kind, code: failure.code });
      if (failure.kind === 'transient') return this.transient(id, instance, chunkSize, failure);
      let filed = 0;
      for (let n = 0; n < chunkSize; n++) {
        try {
          const outcome = await run(1);
          if (outcome !== 'more') return outcome;
          filed += 1;
        } catch (single) {
          const one = classifyChunkError(single);
          if (one.kind === 'transient') return this.transient(id, instance, chunkSize, one);
          if (!(await this.failFirst(id, instance, one))) return 'lost';
        }
      }
      // Not one contract of the chunk could be filed: the cause is hardly in each contract (a schema or
      // a release gone wrong). The batch stops rather than trying the rest one by one; Resume goes on.
      return filed > 0 ? 'more' : this.stop(id, instance);
    }
  }

  // The next contract of the batch counted as failed with the reason; false if the lease is gone.
  private failFirst(id: string, instance: string, failure: ChunkFailure): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const batch = await this.repo.lockLeased(tx, id, instance);
      if (!batch) return false;
      const [contractId] = await this.repo.missing(tx, batch, 1);
      if (!contractId) return true;
      const failures: BatchFailure[] = [...batch.failures, { contractId, message: `not filed: ${failure.reason}` }];
      const now = this.clock.now();
      await this.repo.progress(tx, id, { created: batch.created, failures, status: 'running', leaseUntil: this.leaseEnd(now), now });
      this.logger.warn({ event: 'batch.contract_failed', batchId: id, contractId, code: failure.code });
      return true;
    });
  }

  private stop(id: string, instance: string): Promise<ChunkOutcome> {
    return this.db.transaction(async (tx): Promise<ChunkOutcome> => {
      const batch = await this.repo.lockLeased(tx, id, instance);
      if (!batch) return 'lost';
      const now = this.clock.now();
      await this.repo.progress(tx, id, { created: batch.created, failures: batch.failures, status: 'failed', leaseUntil: null, now });
      this.logger.error({ event: 'batch.stopped', batchId: id, failed: batch.failures.length });
      return 'lost';
    });
  }

  private async transient(id: string, instance: string, chunkSize: number, failure: ChunkFailure): Promise<ChunkOutcome> {
    try {
      await this.db.transaction(async (tx) => {
        const batch = await this.repo.lockLeased(tx, id, instance);
        if (!batch) return;
        const now = this.clock.now();
        const attempts = batch.attempts + 1;
        if (attempts < MAX_CHUNK_ATTEMPTS) {
          await this.repo.backOff(tx, id, attempts, new Date(now.getTime() + backoffMs(attempts)), now);
          this.logger.warn({ event: 'batch.chunk_retry', batchId: id, attempts, code: failure.code });
          return;
        }
        const inFlight = await this.repo.missing(tx, batch, chunkSize);
        const message = `not filed after ${attempts} attempts: ${failure.reason}`;
        const failures = [...batch.failures, ...inFlight.map((contractId) => ({ contractId, message }))];
        await this.repo.progress(tx, id, { created: batch.created, failures, status: 'failed', leaseUntil: null, now });
        this.logger.error({ event: 'batch.gave_up', batchId: id, attempts, code: failure.code, failed: inFlight.length });
      });
    } catch (error) {
      // The database is still out of reach: the lease runs out and the chunk is tried again then.
      this.logger.error({ event: 'batch.attempt_not_recorded', batchId: id, code: classifyChunkError(error).code });
    }
    return 'lost';
  }

  private leaseEnd(now: Date): Date {
    return new Date(now.getTime() + this.config.batches.leaseMs);
  }
}
