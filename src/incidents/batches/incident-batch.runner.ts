import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Contract } from '../../contracts/contract.entity';
import { actorOfUser } from '../../identity/domain/actor';
import { User } from '../../identity/user.entity';
import { Clock } from '../../platform/clock/clock';
import { Database } from '../../platform/database/database';
import { ValidationError } from '../../platform/http/domain-error';
import { requestContext } from '../../platform/logging/request-context';
import { Change, diff, IncidentChanges } from '../incident-changes.service';
import { Incident } from '../incident.entity';
import { IncidentsService } from '../incidents.service';
import { BatchIncidentDto } from './dto/create-batch.dto';
import { BatchChunkFailures, ChunkOutcome } from './incident-batch.failures';
import { BatchFailure, IncidentBatch } from './incident-batch.entity';
import { IncidentBatchesRepository } from './incident-batches.repository';

// Works on incident batches: claims the oldest waiting one (or one whose runner's lease ran out) with
// FOR UPDATE SKIP LOCKED, then files its contracts in chunks, each chunk ONE transaction through the
// intake writer that also re-checks the lease and moves it on. A crash loses at most the chunk in
// flight (rolled back); after the lease another instance, or this one restarted, goes on with what
// is missing. The unique (batch_id, contract_id) makes a second incident per contract impossible.
@Injectable()
export class IncidentBatchRunner implements BeforeApplicationShutdown {
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('batches');
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  // Contracts per transaction (BATCH_CHUNK_SIZE, 500 by default: 500 incidents stay well within
  // PostgreSQL's 65,535 parameters of one INSERT).
  chunkSize: number;

  constructor(
    private readonly db: Database,
    private readonly repo: IncidentBatchesRepository,
    private readonly incidents: IncidentsService,
    private readonly changes: IncidentChanges,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly failures: BatchChunkFailures,
  ) {
    this.chunkSize = config.batches.chunkSize;
  }

  // A new or resumed batch starts at once on this instance (when it runs batches), not at the next tick.
  kick(): void {
    if (!this.config.batches.enabled || this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runPending().catch((error: unknown) => this.logger.error({ event: 'batch.run_failed', err: error }));
      } while (this.again);
    })().finally(() => (this.running = null));
  }

  // A shutdown waits for the chunk in flight (one transaction) and leaves the rest to the next runner.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  @Interval('incident-batches', 2000)
  tick(): void {
    this.kick();
  }

  // Until no batch is left to claim (or maxChunks chunks were filed: tests stop a batch half-way).
  async runPending(options: { maxChunks?: number } = {}): Promise<number> {
    let chunks = 0;
    for (;;) {
      const now = this.clock.now();
      const id = await this.db.transaction((tx) => this.repo.claim(tx, now, this.leaseEnd(), this.instance));
      if (!id) return chunks;
      await requestContext.run({ requestId: `job:batch:${id}` }, async () => {
        this.logger.log({ event: 'batch.claimed', batchId: id, instance: this.instance });
        for (;;) {
          if (this.stopping || (options.maxChunks !== undefined && chunks >= options.maxChunks)) return;
          // A failing chunk: tried again after a backoff, or filed contract by contract (failures.ts).
          const outcome = await this.failures.guard(id, this.instance, this.chunkSize, (limit) => this.chunk(id, limit));
          if (outcome !== 'more') return;
          chunks += 1;
        }
      });
      if (this.stopping || (options.maxChunks !== undefined && chunks >= options.maxChunks)) return chunks;
    }
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + this.config.batches.leaseMs);
  }

  // One transaction: the batch row locked (still ours?), the next contracts without an incident,
  // their incidents filed, the progress and the lease written.
  private chunk(id: string, limit = this.chunkSize): Promise<ChunkOutcome> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const batch = await this.repo.lockLeased(tx, id, this.instance);
      if (!batch) return 'lost';
      const missing = await this.repo.missing(tx, batch, limit);
      if (missing.length === 0) {
        const created = await this.repo.countCreated(tx, id);
        const status = batch.failures.length > 0 ? 'failed' : 'completed';
        await this.repo.progress(tx, id, { created, failures: batch.failures, status, leaseUntil: null, now });
        this.logger.log({ event: 'batch.finished', batchId: id, status, created, failed: batch.failures.length });
        return 'done';
      }
      const user = await tx.findOneBy(User, { id: batch.createdBy });
      const contracts = new Map((await tx.findBy(Contract, { id: In(missing) })).map((c) => [c.id, c]));
      const failures: BatchFailure[] = [...batch.failures];
      const filed: { incident: Incident; change: Change }[] = [];
      for (const contractId of missing) {
        const contract = contracts.get(contractId);
        if (!user) failures.push({ contractId, message: 'the user who filed the batch no longer exists' });
        else if (!contract || contract.processorId !== batch.processorId)
          failures.push({ contractId, message: 'the contract no longer exists' });
        else {
          const filing = this.file(batch, user, contract, now);
          if ('message' in filing) failures.push({ contractId, message: filing.message });
          else filed.push(filing);
        }
      }
      if (user) await this.changes.fileAll(tx, actorOfUser(user), filed);
      await this.repo.progress(tx, id, {
        created: batch.created + filed.length,
        failures,
        status: 'running',
        leaseUntil: this.leaseEnd(),
        now,
      });
      return 'more';
    });
  }

  private file(
    batch: IncidentBatch,
    user: User,
    contract: Contract,
    now: Date,
  ): { incident: Incident; change: Change } | { message: string } {
    const intake = batch.intake as BatchIncidentDto;
    try {
      const incident = this.incidents.filing(actorOfUser(user), 'processor', { ...intake, contractId: contract.id }, contract, now);
      incident.batchId = batch.id;
      const action = incident.status === 'draft' ? 'incident.drafted' : 'incident.reported';
      return { incident, change: { action, changes: diff(null, incident), at: now, isNew: true } };
    } catch (error) {
      if (error instanceof ValidationError) return { message: (error.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ') };
      throw error;
    }
  }
}
