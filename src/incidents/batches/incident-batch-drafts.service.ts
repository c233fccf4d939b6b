import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../identity/domain/actor';
import { Clock } from '../../platform/clock/clock';
import { Database } from '../../platform/database/database';
import { ValidationError } from '../../platform/http/domain-error';
import { validateInput } from '../../platform/validation/validate';
import { BatchIncidentDto, BatchSelection, PatchBatchDto } from './dto/create-batch.dto';
import { toIncidentBatchResponse } from './dto/incident-batch.response';
import { IncidentBatch } from './incident-batch.entity';
import { BatchError, BatchErrorCode, notADraft } from './incident-batches.errors';
import { IncidentBatchesRepository } from './incident-batches.repository';
import { BatchFollowUpResult, IncidentBatches, notFound } from './incident-batches.service';
import { IncidentBatchRunner } from './incident-batch.runner';

export interface DraftBatchSummary {
  id: string;
  title: string;
  total: number;
  updatedAt: Date;
}

// A batch kept as ONE draft of the processor until submitted, as a single report's draft is
// (IncidentsService: "draft": true, then POST …/submit): no contract has a report of it, so no
// controller sees anything, no clock runs and no escalation is due. Its facts and its selection can
// change (PATCH), it can be discarded (DELETE), and submitting resolves the selection again and
// starts the fan-out (the runner never claims a draft).
@Injectable()
export class IncidentBatchDrafts {
  constructor(
    private readonly db: Database,
    private readonly repo: IncidentBatchesRepository,
    private readonly batches: IncidentBatches,
    private readonly runner: IncidentBatchRunner,
    private readonly clock: Clock,
  ) {}

  // A draft: the given facts replace the draft's (null clears one), a selection replaces its
  // selection; both are checked as on filing. A filed batch: follow-up facts for its reports.
  async patch(actor: Actor, id: string, dto: PatchBatchDto): Promise<BatchFollowUpResult> {
    const { contracts, ...update } = dto;
    const current = await this.batches.view(actor, id);
    if (current.status !== 'draft') {
      if (actor.role !== 'processor_staff') {
        throw new BatchError(BatchErrorCode.NotYourSide, "Follow-up facts come from the processor's staff.");
      }
      if (contracts !== undefined) {
        throw new ValidationError([{ path: 'contracts', message: 'can change only while the batch is a draft' }]);
      }
      return this.batches.followUp(actor, id, update);
    }
    // A draft keeps facts only: why they changed is for the reports' own changes, once filed.
    const { reason: _reason, ...facts } = update;
    await this.batches.assertProcessorSide(actor);
    const now = this.clock.now();
    const batch = await this.db
      .transaction(async (tx) => {
        const draft = await this.lockDraft(tx, actor, id);
        const merged = { ...draft.intake, ...JSON.parse(JSON.stringify(facts)) } as Record<string, unknown>;
        for (const [key, value] of Object.entries(merged)) if (value === null || key === 'draft') delete merged[key];
        const intake = validateIntake(merged);
        const selection = (contracts ?? draft.selection) as BatchSelection;
        const contractIds = await this.batches.prepare(actor, selection, intake, now, tx);
        Object.assign(draft, { intake: merged, selection, total: contractIds.length, updatedAt: now });
        await this.repo.saveDraft(tx, draft);
        return draft;
      })
      .catch(asPatchPaths);
    return { id: batch.id, updated: [], unchanged: [], skipped: [], batch: toIncidentBatchResponse(batch) };
  }

  // The draft goes out: its selection resolved now, the intake checked now, the runner started.
  async submit(actor: Actor, id: string): Promise<IncidentBatch> {
    await this.batches.assertProcessorSide(actor);
    const now = this.clock.now();
    const batch = await this.db.transaction(async (tx) => {
      const draft = await this.lockDraft(tx, actor, id);
      const intake = validateIntake(draft.intake);
      const contractIds = await this.batches.prepare(actor, draft.selection as BatchSelection, intake, now, tx);
      Object.assign(draft, { contractIds, total: contractIds.length, status: 'pending', updatedAt: now });
      await this.repo.saveDraft(tx, draft);
      return draft;
    });
    this.runner.kick();
    return batch;
  }

  // A draft thrown away: it never reached anyone, so nothing else is left of it.
  async discard(actor: Actor, id: string): Promise<void> {
    await this.batches.assertProcessorSide(actor);
    await this.db.transaction(async (tx) => {
      await this.lockDraft(tx, actor, id);
      await this.repo.deleteDraft(tx, id);
    });
  }

  // The organization's draft batches, last edited first: each ONE line of its drafts.
  async drafts(actor: Actor, limit = 50): Promise<DraftBatchSummary[]> {
    const rows = await this.db.read((m) => this.repo.drafts(m, actor.organizationId, limit));
    return rows.map((b) => ({
      id: b.id,
      title: typeof b.intake.title === 'string' ? b.intake.title : '',
      total: b.total,
      updatedAt: b.updatedAt,
    }));
  }

  private async lockDraft(tx: EntityManager, actor: Actor, id: string): Promise<IncidentBatch> {
    const batch = await this.repo.find(tx, actor.organizationId, id, true);
    if (!batch) throw notFound(id);
    if (batch.status !== 'draft') {
      throw notADraft(batch.status);
    }
    return batch;
  }
}

// The stored facts as the intake DTO (a draft is checked again whenever it changes or goes out).
function validateIntake(intake: Record<string, unknown>): BatchIncidentDto {
  try {
    return validateInput(BatchIncidentDto, intake);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError((error.errors ?? []).map((e) => ({ ...e, path: e.path ? `incident.${e.path}` : 'incident' })));
  }
}

// The PATCH body names the facts at its top level ("title"), not under "incident".
function asPatchPaths(error: unknown): never {
  if (error instanceof ValidationError) {
    throw new ValidationError(
      (error.errors ?? []).map((e) => ({ ...e, path: e.path.replace(/^incident\.?/, '') })),
      error.message,
    );
  }
  throw error;
}
