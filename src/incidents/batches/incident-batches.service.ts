import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Contract } from '../../contracts/contract.entity';
import { Actor } from '../../identity/domain/actor';
import { Organization } from '../../identity/organization.entity';
import { Clock } from '../../platform/clock/clock';
import { Database } from '../../platform/database/database';
import { DomainError, FieldError, ValidationError } from '../../platform/http/domain-error';
import { IdGenerator } from '../../platform/ids/id-generator';
import { acceptsFollowUps, IncidentStatus } from '../domain/incident-status';
import { UpdateIncidentDto } from '../dto/update-incident.dto';
import { IncidentsService } from '../incidents.service';
import { ContractChoice } from './dto/contract-choice';
import { IncidentBatchResponse, toIncidentBatchResponse } from './dto/incident-batch.response';
import { BatchIncidentDto, BatchSelection, CreateBatchDto } from './dto/create-batch.dto';
import { IncidentBatch } from './incident-batch.entity';
import { BatchError, BatchErrorCode, isADraft } from './incident-batches.errors';
import { IncidentBatchesRepository } from './incident-batches.repository';
import { IncidentBatchRunner } from './incident-batch.runner';

export interface BatchFollowUpResult {
  id: string;
  updated: string[];
  unchanged: string[];
  skipped: { id: string; status: string; reason: string }[];
  // The batch as it is now (a draft's edited facts and selection).
  batch: IncidentBatchResponse;
}

// One processor breach filed for many contracts (issue 16, EDPB 9/2022 Annex B7): the request is
// checked and stored at once (202), the incidents are created by the runner in chunks, each chunk
// one transaction through the intake writer (IncidentChanges.fileAll).
@Injectable()
export class IncidentBatches {
  constructor(
    private readonly db: Database,
    private readonly repo: IncidentBatchesRepository,
    private readonly incidents: IncidentsService,
    private readonly runner: IncidentBatchRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // A batch to file now (pending: the runner starts at once), or with "incident.draft": true ONE draft
  // of the processor that names no contract's report until submitted (IncidentBatchDrafts).
  async create(actor: Actor, dto: CreateBatchDto): Promise<IncidentBatch> {
    await this.assertProcessorSide(actor);
    const now = this.clock.now();
    const { draft, ...intake } = dto.incident;
    const contractIds = await this.prepare(actor, dto.contracts, intake, now);
    const batch = Object.assign(new IncidentBatch(), {
      id: this.ids.next(),
      processorId: actor.organizationId,
      createdBy: actor.userId,
      selection: dto.contracts,
      intake: JSON.parse(JSON.stringify(intake)) as Record<string, unknown>,
      // A draft resolves its selection again when submitted (contracts may come and go meanwhile).
      contractIds: draft ? [] : contractIds,
      total: contractIds.length,
      created: 0,
      failed: 0,
      failures: [],
      status: draft ? 'draft' : 'pending',
      attempts: 0,
      leaseUntil: null,
      leasedBy: null,
      createdAt: now,
      updatedAt: now,
    } satisfies IncidentBatch);
    await this.db.transaction((tx) => this.repo.insert(tx, batch));
    if (!draft) this.runner.kick();
    return batch;
  }

  // The contracts a selection names, with the intake checked on the first of them; refused (400,
  // naming the field) when it names a contract of another organization, or none.
  prepare(actor: Actor, selection: BatchSelection, intake: BatchIncidentDto, now: Date, m?: EntityManager): Promise<string[]> {
    const work = async (r: EntityManager): Promise<string[]> => {
      const contractIds = await this.repo.resolve(r, actor.organizationId, selection);
      if (Array.isArray(selection)) {
        const found = new Set(contractIds);
        const foreign = selection.map((raw, n) => ({ n, id: raw.toLowerCase() })).filter(({ id }) => !found.has(id));
        if (foreign.length > 0) {
          throw new ValidationError(
            foreign.map(({ n, id }) => ({ path: `contracts.${n}`, message: `${id} is no contract of your organization` })),
            `Not contracts of your organization: ${foreign.map((f) => f.id).join(', ')}. Nothing was filed.`,
          );
        }
      }
      if (contractIds.length === 0) {
        throw new ValidationError([{ path: 'contracts', message: 'selects no contract of your organization' }]);
      }
      // The intake rules are checked once on the first contract; a contract whose own facts refuse the
      // report (e.g. a sub-processor it does not name) is counted as failed with the reason.
      this.check(actor, intake, await r.findOneByOrFail(Contract, { id: contractIds[0] }), now);
      return contractIds;
    };
    return m ? work(m) : this.db.read(work);
  }

  async view(actor: Actor, id: string): Promise<IncidentBatch> {
    const batch = await this.db.read((m) => this.repo.find(m, actor.organizationId, id));
    if (!batch) throw notFound(id);
    return batch;
  }

  // Creates what is missing (and tries failed contracts again); never a second incident per contract.
  async resume(actor: Actor, id: string): Promise<IncidentBatch> {
    await this.assertProcessorSide(actor);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const batch = await this.repo.find(tx, actor.organizationId, id, true);
      if (!batch) throw notFound(id);
      if (batch.status === 'draft') throw isADraft();
      if (batch.status !== 'completed') await this.repo.reopen(tx, id, now);
    });
    this.runner.kick();
    return this.view(actor, id);
  }

  // Follow-up facts for every incident of the batch the processor may still change: each its own
  // version and audit event (IncidentsService.update); closed ones are skipped and named.
  async followUp(actor: Actor, id: string, dto: UpdateIncidentDto): Promise<BatchFollowUpResult> {
    const batch = await this.view(actor, id);
    const rows = await this.db.read((m) => this.repo.incidents(m, batch.id, actor.organizationId));
    const result: BatchFollowUpResult = { id: batch.id, updated: [], unchanged: [], skipped: [], batch: toIncidentBatchResponse(batch) };
    for (const row of rows) {
      if (!acceptsFollowUps(row.status as IncidentStatus)) {
        result.skipped.push({ id: row.id, status: row.status, reason: 'closed by its controller' });
        continue;
      }
      try {
        const view = await this.incidents.update(actor, row.id, row.version, dto);
        (view.incident.version > row.version ? result.updated : result.unchanged).push(row.id);
      } catch (error) {
        // Facts the rules refuse for the first incident are refused for the batch: nothing changed yet.
        const nothingChanged = result.updated.length === 0 && result.unchanged.length === 0;
        if (error instanceof ValidationError && nothingChanged) throw error;
        if (!(error instanceof DomainError)) throw error;
        result.skipped.push({ id: row.id, status: row.status, reason: error.message });
      }
    }
    return result;
  }

  // The processor's contracts to choose from (a page of them, filtered) and the sub-processors they
  // name, for the batch form; only those who may file a batch see them.
  async choices(actor: Actor, filter: string, offset: number, limit: number): Promise<{ items: ContractChoice[]; total: number }> {
    await this.assertProcessorSide(actor);
    return this.db.read((m) => this.repo.choices(m, actor.organizationId, filter.trim(), offset, limit));
  }

  async subProcessorNames(actor: Actor, limit = 500): Promise<string[]> {
    await this.assertProcessorSide(actor);
    return this.db.read((m) => this.repo.subProcessorNames(m, actor.organizationId, limit));
  }

  private check(actor: Actor, intake: BatchIncidentDto, contract: Contract, now: Date): void {
    try {
      this.incidents.filing(actor, 'processor', { ...intake, contractId: contract.id }, contract, now);
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new ValidationError(
          (error.errors ?? []).map((e: FieldError) => ({ path: e.path ? `incident.${e.path}` : 'incident', message: e.message })),
          error.message,
        );
      }
      throw error;
    }
  }

  // Whether the actor may file batches (the pages show their link only then).
  mayFile(actor: Actor): Promise<boolean> {
    return this.assertProcessorSide(actor).then(
      () => true,
      (error: unknown) => {
        if (error instanceof BatchError) return false;
        throw error;
      },
    );
  }

  // Processor staff, and the org admins of a processor, file batches.
  async assertProcessorSide(actor: Actor): Promise<void> {
    if (actor.role === 'processor_staff') return;
    const org = await this.db.read((m: EntityManager) => m.findOneBy(Organization, { id: actor.organizationId }));
    if (actor.role === 'org_admin' && org && org.kind !== 'controller') return;
    throw new BatchError(BatchErrorCode.NotYourSide, "Only a processor's staff or org admins file a breach for its contracts.");
  }
}

export function notFound(id: string): BatchError {
  return new BatchError(BatchErrorCode.NotFound, `No incident batch ${id}.`);
}
