import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import type { User } from '../identity/user.entity';
import { ContractsService } from '../contracts/contracts.service';
import { Actor } from '../identity/domain/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { FieldError, ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { containmentProblems, timelineProblems } from './domain/incident-facts';
import { isEditingSide } from './domain/incident-permissions';
import { redatingProblem } from './domain/redating';
import { acceptsFollowUps, nextStatus } from './domain/incident-status';
import { filingSide, followUpProblems, intakeAwareness, intakeProblems, subProcessorProblems } from './domain/intake-rules';
import { CreateIncidentDto, requiredOnCreate } from './dto/create-incident.dto';
import { IncidentFieldsDto } from './dto/incident-fields.dto';
import { UpdateIncidentDto } from './dto/update-incident.dto';
import { Incident } from './incident.entity';
import { applyFields, diff, IncidentChanges } from './incident-changes.service';
import { incidentNotFound, IncidentQueries, IncidentView } from './incident-queries.service';
import { IncidentStatusService } from './incident-status.service';
import { FilingGroups } from './filing-groups';
import { IncidentError, IncidentErrorCode } from './incidents.errors';
import { IncidentsRepository, Page } from './incidents.repository';

export type { IncidentView } from './incident-queries.service';

// A filing's parties: its contract (read with both organizations) and the reporter as the actor has it.
function reportedWith(actor: Actor, contract: Contract): Partial<Incident> {
  const reportedBy = { id: actor.userId, email: actor.email, locale: actor.locale, timeZone: actor.timeZone } as User;
  return { contract, controller: contract.controller, processor: contract.processor, reportedBy };
}

// Intake and follow-up facts of breach reports (Art. 33(2)–(4)); the rules that decide them are
// in domain/intake-rules.ts, every change commits through IncidentChanges.
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: Database,
    private readonly repo: IncidentsRepository,
    private readonly contracts: ContractsService,
    private readonly changes: IncidentChanges,
    private readonly queries: IncidentQueries,
    private readonly statuses: IncidentStatusService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly groups: FilingGroups,
  ) {}

  async create(actor: Actor, dto: CreateIncidentDto): Promise<IncidentView> {
    const now = this.clock.now();
    const side = filingSide(actor.role);
    if (!side) {
      throw new IncidentError(
        IncidentErrorCode.NotYourSide,
        'Organization admins do not file breach reports; processor staff or a controller DPO do.',
      );
    }
    // The contract is read with those of the filings committed together (filing-groups.ts).
    return this.groups.file(actor, dto.contractId ?? null, (found) => {
      const mine = side === 'processor' ? found?.processorId : found?.controllerId;
      const contract = found && mine === actor.organizationId ? found : null;
      const incident = this.filing(actor, side, dto, contract, now);
      // The parties as the escalation planner takes them, so it need not read the incident back.
      if (contract) Object.assign(incident, reportedWith(actor, contract));
      const draft = incident.status === 'draft';
      return {
        incident,
        change: { action: draft ? 'incident.drafted' : 'incident.reported', changes: diff(null, incident), at: now, isNew: true },
      };
    });
  }

  // The new incident a filing makes under this contract (or none), checked by the intake rules;
  // nothing is written. Batches build one per contract the same way (incidents/batches).
  filing(actor: Actor, side: 'processor' | 'controller', dto: CreateIncidentDto, contract: Contract | null, now: Date): Incident {
    const problems: FieldError[] = [
      ...requiredOnCreate(dto),
      ...intakeProblems({
        side,
        contractId: Boolean(dto.contractId),
        contractOnMySide: contract !== null,
        controllerAwareAt: dto.controllerAwareAt !== undefined,
        reportedToControllerAt: dto.reportedToControllerAt !== undefined,
        draft: dto.draft !== undefined,
      }),
    ];
    if (problems.length) throw new ValidationError(problems);

    const draft = side === 'processor' && dto.draft === true;
    const discoveredAt = new Date(dto.discoveredAt!);
    const awareness = intakeAwareness({
      side,
      draft,
      withContract: contract !== null,
      discoveredAt,
      controllerAwareAt: dto.controllerAwareAt ? new Date(dto.controllerAwareAt) : null,
      reportedToControllerAt: dto.reportedToControllerAt ? new Date(dto.reportedToControllerAt) : null,
      now,
    });
    const { reportedToControllerAt, controllerAwareAt } = awareness;
    problems.push(...awareness.problems);

    const incident = new Incident();
    Object.assign(incident, {
      id: this.ids.next(),
      controllerId: contract ? contract.controllerId : actor.organizationId,
      processorId: contract?.processorId ?? null,
      contractId: contract?.id ?? null,
      batchId: null,
      reporterOrgId: actor.organizationId,
      reportedById: actor.userId,
      status: draft ? 'draft' : 'reported',
      version: 1,
      discoveredAt,
      reportedToControllerAt,
      controllerAwareAt,
      natureTypes: null,
      natureCause: null,
      occurredAt: null,
      occurredFrom: null,
      occurredUntil: null,
      dataCategories: null,
      specialCategories: null,
      subjectCategories: null,
      approximateSubjects: null,
      approximateSubjectsIsEstimate: null,
      approximateRecords: null,
      approximateRecordsIsEstimate: null,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
      likelyConsequences: null,
      measuresTaken: null,
      measuresProposed: null,
      subProcessor: null,
      affectedCountries: [],
      reporterName: null,
      reporterRole: null,
      discoveryMethod: null,
      ongoing: null,
      containedAt: null,
      securityEncryption: null,
      securityDescription: null,
      consequencesMaterialised: null,
      vulnerableSubjects: null,
      otherAuthoritiesInformed: null,
      notABreachReason: null,
      notABreachAt: null,
      createdAt: now,
      updatedAt: now,
    } satisfies Partial<Incident>);
    applyFields(incident, dto);
    problems.push(...this.factProblems(incident, contract, now, dto));
    if (problems.length) throw new ValidationError(problems);

    return incident;
  }

  async update(actor: Actor, id: string, expectedVersion: number | null, dto: UpdateIncidentDto): Promise<IncidentView> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const incident = await this.repo.findVisible(tx, actor.organizationId, id, true);
      if (!incident) throw incidentNotFound(id);
      this.assertMayEdit(actor, incident);
      if (expectedVersion === null) {
        throw new IncidentError(
          IncidentErrorCode.VersionRequired,
          `Send If-Match: "${incident.version}" with the version you are changing.`,
          {
            extensions: { currentVersion: incident.version },
          },
        );
      }
      if (expectedVersion !== incident.version) {
        throw new IncidentError(
          IncidentErrorCode.VersionConflict,
          `The incident changed since version ${expectedVersion}; it is at version ${incident.version}. Reload and apply your change again.`,
          {
            extensions: { currentVersion: incident.version },
          },
        );
      }
      const before = { ...incident };
      applyFields(incident, dto);
      const problems: FieldError[] = followUpProblems({
        byControllerDpo: actor.role === 'controller_dpo',
        controllerAwareAtGiven: dto.controllerAwareAt !== undefined,
        awarenessMoved: (before.controllerAwareAt?.getTime() ?? null) !== (incident.controllerAwareAt?.getTime() ?? null),
        reason: dto.reason,
      });
      // Moving any fact that drives a clock needs reasons of at least 20 characters (domain/redating.ts).
      const redating = problems.length === 0 ? redatingProblem(before, incident, dto.reason) : null;
      if (redating) problems.push({ path: 'reason', message: redating });
      const contract = incident.contractId ? await this.contracts.visibleTo(actor, incident.contractId) : null;
      problems.push(...this.factProblems(incident, contract, now, dto));
      if (problems.length) throw new ValidationError(problems);
      const changes = diff(before, incident);
      if (Object.keys(changes).length === 0) return;
      await this.changes.commit(tx, actor, incident, {
        action: 'incident.updated',
        changes,
        at: now,
        reason: dto.reason?.trim() ?? null,
      });
    });
    return this.queries.view(actor, id);
  }

  // A processor's draft goes to the controller: from now on the controller sees it and its clock runs.
  async submit(actor: Actor, id: string): Promise<IncidentView> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const incident = await this.repo.findVisible(tx, actor.organizationId, id, true);
      if (!incident) throw incidentNotFound(id);
      if (actor.role !== 'processor_staff' || incident.reporterOrgId !== actor.organizationId || !incident.processorId) {
        throw new IncidentError(IncidentErrorCode.NotYourSide, 'Only the processor staff who filed a report can submit it.');
      }
      const transition = nextStatus(incident.status, 'reported');
      if (!transition.ok) {
        throw new IncidentError(IncidentErrorCode.IllegalTransition, `The incident is ${incident.status}; it was submitted already.`, {
          extensions: { incidentStatus: incident.status, allowed: transition.allowed },
        });
      }
      const before = { ...incident };
      incident.status = transition.status;
      incident.reportedToControllerAt = now;
      incident.controllerAwareAt = now;
      await this.changes.commit(tx, actor, incident, {
        action: 'incident.submitted',
        changes: { status: { from: before.status, to: incident.status }, ...diff(before, incident) },
        at: now,
      });
    });
    return this.queries.view(actor, id);
  }

  // The read views and the status steps live in IncidentQueries and IncidentStatusService; these
  // names stay for the callers that reach them through this service (pages, notifications).
  view(actor: Actor, id: string): Promise<IncidentView> {
    return this.queries.view(actor, id);
  }

  list(actor: Actor, page: Page): Promise<{ items: IncidentView[]; next: Incident | null }> {
    return this.queries.list(actor, page);
  }

  missingOf(ids: string[]): Promise<Map<string, string[]>> {
    return this.queries.missingOf(ids);
  }

  auditTrail(actor: Actor, id: string): ReturnType<IncidentQueries['auditTrail']> {
    return this.queries.auditTrail(actor, id);
  }

  loadForController(tx: EntityManager, actor: Actor, id: string, lock = true): Promise<Incident> {
    return this.queries.loadForController(tx, actor, id, lock);
  }

  moveStatus(...args: Parameters<IncidentStatusService['moveStatus']>): Promise<void> {
    return this.statuses.moveStatus(...args);
  }

  private assertMayEdit(actor: Actor, incident: Incident): void {
    if (!isEditingSide(actor, incident))
      throw new IncidentError(
        IncidentErrorCode.NotYourSide,
        'Only processor staff of the reporting organization or DPOs of the controller add facts.',
      );
    if (!acceptsFollowUps(incident.status)) {
      throw new IncidentError(IncidentErrorCode.Closed, 'The incident is closed; it stays in the register as it is.', {
        extensions: { incidentStatus: incident.status },
      });
    }
  }

  private factProblems(incident: Incident, contract: Contract | null, now: Date, dto: IncidentFieldsDto): FieldError[] {
    return [
      ...timelineProblems(incident, now),
      ...containmentProblems(
        {
          ongoing: incident.ongoing,
          containedAt: incident.containedAt,
          start: incident.occurredAt ?? incident.occurredFrom,
          otherAuthoritiesInformed: incident.otherAuthoritiesInformed,
          containedAtGiven: dto.containedAt !== undefined && dto.containedAt !== null,
        },
        now,
      ),
      ...subProcessorProblems(incident.subProcessor, contract?.subProcessors.map((s) => s.name) ?? []),
    ];
  }
}
