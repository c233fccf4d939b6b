import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Database } from '../../platform/database/database';
import { IncidentBatchesRepository } from './incident-batches.repository';

// Which chunk a try took (set by the runner before it files anything), and, when a failed chunk is
// filed contract by contract, the one contract to file.
export interface ChunkPick {
  k: number | null;
  only?: string;
}

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
// Transient: the attempt is counted on the batch and no runner takes the batch up before a pause
// (lease_until; any instance goes on after it); after MAX_CHUNK_ATTEMPTS the chunk's contracts count
// as failed and the batch stops. Permanent: the chunk is filed again one contract per transaction, so
// the contracts that can be filed are, and each that cannot counts as failed with the reason; when
// every contract of the chunk failed, the batch stops (failed) instead of going on one by one.
@Injectable()
export class BatchChunkFailures {
  private readonly logger = new Logger('batches');

  constructor(
    private readonly db: Database,
    private readonly repo: IncidentBatchesRepository,
    private readonly clock: Clock,
  ) {}

  // Runs one chunk; true when the lane may go on with the next.
  async guard(id: string, chunkSize: number, run: (pick: ChunkPick) => Promise<boolean>): Promise<boolean> {
    const pick: ChunkPick = { k: null };
    try {
      return await run(pick);
    } catch (error) {
      const failure = classifyChunkError(error);
      this.logger.warn({ event: 'batch.chunk_failed', batchId: id, kind: failure.kind, code: failure.code });
      const k = pick.k;
      if (failure.kind === 'transient' || k === null) return this.transient(id, k, chunkSize, failure);
      const open = await this.db.read((m) => this.repo.openIn(m, id, k, chunkSize));
      let failed = 0;
      for (const contractId of open) {
        try {
          await run({ k, only: contractId });
        } catch (single) {
          const one = classifyChunkError(single);
          if (one.kind === 'transient') return this.transient(id, k, chunkSize, one);
          await this.db.transaction((tx) =>
            this.repo.recordChunk(tx, id, {
              created: 0,
              failures: [{ contractId, message: `not filed: ${one.reason}` }],
              now: this.clock.now(),
            }),
          );
          this.logger.warn({ event: 'batch.contract_failed', batchId: id, contractId, code: one.code });
          failed += 1;
        }
      }
      if (open.length === 0 || failed < open.length) return true;
      // Not one contract of the chunk could be filed: the cause is hardly in each contract (a schema or
      // a release gone wrong). The batch stops rather than trying the rest one by one; Resume goes on.
      await this.db.transaction((tx) => this.repo.stop(tx, id, [], this.clock.now()));
      this.logger.error({ event: 'batch.stopped', batchId: id, failed });
      return false;
    }
  }

  private async transient(id: string, k: number | null, chunkSize: number, failure: ChunkFailure): Promise<boolean> {
    try {
      await this.db.transaction(async (tx) => {
        const batch = await this.repo.lockRunning(tx, id);
        if (!batch) return;
        const now = this.clock.now();
        // Another lane (or instance) failed in the same round and set the pause already: one attempt.
        // (It may have tried the chunk between this one's rollback and its pause: that try is no
        // attempt of its own.)
        if (batch.leaseUntil && batch.leaseUntil > now) return;
        const attempts = batch.attempts + 1;
        if (attempts < MAX_CHUNK_ATTEMPTS) {
          await this.repo.backOff(tx, id, attempts, new Date(now.getTime() + backoffMs(attempts)), now);
          this.logger.warn({ event: 'batch.chunk_retry', batchId: id, attempts, code: failure.code });
          return;
        }
        const inFlight = k === null ? [] : await this.repo.openIn(tx, id, k, chunkSize);
        const message = `not filed after ${attempts} attempts: ${failure.reason}`;
        await this.repo.stop(
          tx,
          id,
          inFlight.map((contractId) => ({ contractId, message })),
          now,
        );
        this.logger.error({ event: 'batch.gave_up', batchId: id, attempts, code: failure.code, failed: inFlight.length });
      });
    } catch (error) {
      // The database is still out of reach: the chunk is tried again at the next tick.
      this.logger.error({ event: 'batch.attempt_not_recorded', batchId: id, code: classifyChunkError(error).code });
    }
    return false;
  }
}
