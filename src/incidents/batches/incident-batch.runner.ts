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
import { BatchChunkFailures, ChunkPick } from './incident-batch.failures';
import { BatchFailure, IncidentBatch } from './incident-batch.entity';
import { IncidentBatchesRepository } from './incident-batches.repository';

// Works on incident batches chunk by chunk: a chunk is a fixed slice of the batch's contracts
// (BATCH_CHUNK_SIZE, by their place in the batch) and ONE transaction through the intake writer. Its
// lease is a lock the transaction holds (IncidentBatchesRepository.tryChunk): every runner of every
// instance may work on the same batch, each on chunks nobody else holds, BATCH_CONCURRENCY of them at
// once per instance. A crash loses at most the chunks in flight (rolled back, their leases gone with
// the connection); any runner goes on with what is missing at once. The unique (batch_id,
// contract_id) makes a second incident per contract impossible whatever happens. A chunk that fails is
// tried again after a pause or filed contract by contract (incident-batch.failures.ts).
@Injectable()
export class IncidentBatchRunner implements BeforeApplicationShutdown {
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('batches');
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  // Contracts per transaction (BATCH_CHUNK_SIZE, 500 by default). Instances working on one batch
  // should agree on it: chunks are slices of this size (if not, a contract two slices share is filed
  // by whichever commits first; the other's chunk fails on the unique index and is tried again).
  chunkSize: number;
  // Chunks filed at once (BATCH_CONCURRENCY; PGlite has one session: one).
  concurrency: number;

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
    this.concurrency = config.database.kind === 'pglite' ? 1 : config.batches.concurrency;
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

  // A shutdown waits for the chunks in flight (one transaction each) and leaves the rest to the next runner.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  @Interval('incident-batches', 2000)
  tick(): void {
    this.kick();
  }

  // Every waiting or running batch, oldest first, until none has a chunk left that nobody holds (or
  // maxChunks chunks were filed: tests stop a batch half-way). Returns the chunks filed.
  async runPending(options: { maxChunks?: number } = {}): Promise<number> {
    let left = options.maxChunks ?? Infinity;
    let filed = 0;
    const more = () => !this.stopping && left > 0;
    for (const id of await this.db.read((m) => this.repo.runnable(m, this.clock.now()))) {
      if (!more()) break;
      await requestContext.run({ requestId: `job:batch:${id}` }, async () => {
        await this.db.transaction((tx) => this.repo.start(tx, id, this.clock.now()));
        // Each lane files one chunk after another until none is left to take; a chunk is counted
        // against maxChunks before it starts, and given back when there was none.
        const lane = async () => {
          while (more()) {
            left -= 1;
            if (!(await this.failures.guard(id, this.chunkSize, (pick) => this.chunk(id, pick)))) return void (left += 1);
            filed += 1;
          }
        };
        const lanes = await Promise.allSettled(Array.from({ length: this.concurrency }, lane));
        const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
        if (failed) throw failed.reason;
        if (!more()) return;
        const done = await this.db.transaction((tx) => this.repo.finish(tx, id, this.clock.now()));
        if (done) this.logger.log({ event: 'batch.finished', batchId: id, instance: this.instance, ...done });
      });
    }
    return filed;
  }

  // One transaction: the first open chunk of the batch nobody else holds (or, after a failure, one
  // contract of the chunk that failed: pick.only), its contracts filed and the batch's counts moved
  // on. The chunk taken is written to pick.k before anything is filed. false when there is none
  // (done, the rest in flight elsewhere, or the batch waits out a pause after a failure).
  private chunk(id: string, pick: ChunkPick): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const batch = await this.repo.running(tx, id);
      if (!batch || (batch.leaseUntil && batch.leaseUntil > now)) return false;
      let open: string[] = [];
      if (pick.only !== undefined && pick.k !== null) {
        if (await this.repo.tryChunk(tx, id, pick.k))
          open = (await this.repo.openIn(tx, id, pick.k, this.chunkSize)).filter((c) => c === pick.only);
      } else {
        for (const k of await this.repo.openChunks(tx, id, this.chunkSize)) {
          if (await this.repo.tryChunk(tx, id, k)) open = await this.repo.openIn(tx, id, k, this.chunkSize);
          if (open.length > 0) {
            pick.k = k;
            break;
          }
        }
      }
      if (open.length === 0) return false;
      const user = await tx.findOneBy(User, { id: batch.createdBy });
      // With their parties: the escalation planner takes them from the incidents instead of reading them back.
      const contracts = new Map(
        (await tx.find(Contract, { where: { id: In(open) }, relations: { controller: true, processor: true } })).map((c) => [c.id, c]),
      );
      const failures: BatchFailure[] = [];
      const filed: { incident: Incident; change: Change }[] = [];
      for (const contractId of open) {
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
      await this.repo.recordChunk(tx, id, { created: filed.length, failures, now });
      return true;
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
      Object.assign(incident, {
        batchId: batch.id,
        contract,
        controller: contract.controller,
        processor: contract.processor,
        reportedBy: user,
      });
      const action = incident.status === 'draft' ? 'incident.drafted' : 'incident.reported';
      return { incident, change: { action, changes: diff(null, incident), at: now, isNew: true } };
    } catch (error) {
      if (error instanceof ValidationError) return { message: (error.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ') };
      throw error;
    }
  }
}
