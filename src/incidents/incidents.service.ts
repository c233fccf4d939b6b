import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Contract } from '../contracts/contract.entity';
import { ContractsService } from '../contracts/contracts.service';
import { DeadlinesService, IncidentClocks } from '../deadlines/deadlines.service';
import { Actor, auditActorOf } from '../identity/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { FieldError, ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { missingItems, timelineProblems } from './domain/incident-facts';
import { EntityManager, In } from 'typeorm';
import { IncidentStatus, acceptsFollowUps, nextStatus, pathTo } from './domain/incident-status';
import { Side, trailFor } from './domain/trail-visibility';
import { CreateIncidentDto, requiredOnCreate } from './dto/create-incident.dto';
import { UpdateIncidentDto } from './dto/update-incident.dto';
import { Incident } from './incident.entity';
import { IncidentError, IncidentErrorCode } from './incidents.errors';
import { IncidentsRepository, Page } from './incidents.repository';
import { applyFields, clockInputs, diff, factsOf } from './incident-changes';

export interface IncidentView {
  incident: Incident;
  missing: string[];
  clocks: IncidentClocks;
}

// Intake and follow-up facts of breach reports (Art. 33(2)–(4)).
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: Database,
    private readonly repo: IncidentsRepository,
    private readonly contracts: ContractsService,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(actor: Actor, dto: CreateIncidentDto): Promise<IncidentView> {
    const now = this.clock.now();
    const problems: FieldError[] = requiredOnCreate(dto);
    if (actor.role === 'org_admin') {
      throw new IncidentError(
        IncidentErrorCode.NotYourSide,
        'Organization admins do not file breach reports; processor staff or a controller DPO do.',
      );
    }
    const asProcessor = actor.role === 'processor_staff';
    let contract: Contract | null = null;
    if (dto.contractId) {
      contract = await this.contracts.visibleTo(actor, dto.contractId).catch(() => null);
      const side = asProcessor ? contract?.processorId : contract?.controllerId;
      if (!contract || side !== actor.organizationId) {
        problems.push({
          path: 'contractId',
          message: `is not a contract where your organization is the ${asProcessor ? 'processor' : 'controller'}`,
        });
        contract = null;
      }
    } else if (asProcessor) {
      problems.push({ path: 'contractId', message: 'is required: processor staff file a report under the DPA with the controller' });
    }
    if (asProcessor && dto.controllerAwareAt !== undefined)
      problems.push({ path: 'controllerAwareAt', message: 'is set by the controller, not by the processor' });
    if (asProcessor && dto.reportedToControllerAt !== undefined)
      problems.push({ path: 'reportedToControllerAt', message: 'is the filing time of the report and cannot be given' });
    if (!asProcessor && dto.draft !== undefined) problems.push({ path: 'draft', message: 'only processor reports can be drafts' });
    if (!asProcessor && !dto.contractId && dto.reportedToControllerAt !== undefined) {
      problems.push({ path: 'reportedToControllerAt', message: 'needs contractId: it is when the processor reported' });
    }
    if (problems.length) throw new ValidationError(problems);

    const draft = asProcessor && dto.draft === true;
    const discoveredAt = new Date(dto.discoveredAt!);
    let reportedToControllerAt: Date | null = null;
    let controllerAwareAt: Date | null;
    if (asProcessor) {
      reportedToControllerAt = draft ? null : now;
      controllerAwareAt = reportedToControllerAt;
    } else if (contract) {
      reportedToControllerAt = dto.reportedToControllerAt
        ? new Date(dto.reportedToControllerAt)
        : dto.controllerAwareAt
          ? new Date(dto.controllerAwareAt)
          : now;
      controllerAwareAt = dto.controllerAwareAt ? new Date(dto.controllerAwareAt) : reportedToControllerAt;
    } else {
      controllerAwareAt = dto.controllerAwareAt ? new Date(dto.controllerAwareAt) : discoveredAt;
      if (controllerAwareAt < discoveredAt) problems.push({ path: 'controllerAwareAt', message: 'must not be before discoveredAt' });
    }

    const incident = new Incident();
    Object.assign(incident, {
      id: this.ids.next(),
      controllerId: contract ? contract.controllerId : actor.organizationId,
      processorId: contract?.processorId ?? null,
      contractId: contract?.id ?? null,
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
      notABreachReason: null,
      notABreachAt: null,
      createdAt: now,
      updatedAt: now,
    } satisfies Partial<Incident>);
    applyFields(incident, dto);
    problems.push(...this.factProblems(incident, contract, now));
    if (problems.length) throw new ValidationError(problems);

    const saved = await this.db.transaction(async (tx) => {
      incident.reference = await this.repo.nextReference(tx, now.getUTCFullYear());
      const row = await this.repo.insert(tx, incident);
      await this.deadlines.plan(tx, clockInputs(row, contract));
      await this.audit.record(tx, auditActorOf(actor), {
        action: draft ? 'incident.drafted' : 'incident.reported',
        entityType: 'incident',
        entityId: row.id,
        incidentId: row.id,
        changes: diff(null, row),
      });
      return row;
    });
    return this.view(actor, saved.id);
  }

  async update(actor: Actor, id: string, expectedVersion: number | null, dto: UpdateIncidentDto): Promise<IncidentView> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const incident = await this.repo.findVisible(tx, actor.organizationId, id, true);
      if (!incident) throw notFound(id);
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
      const problems: FieldError[] = [];
      if (dto.controllerAwareAt !== undefined && actor.role !== 'controller_dpo') {
        problems.push({ path: 'controllerAwareAt', message: 'is set by the controller DPO' });
      }
      const before = { ...incident };
      applyFields(incident, dto);
      const awareMoved = (before.controllerAwareAt?.getTime() ?? null) !== (incident.controllerAwareAt?.getTime() ?? null);
      if (awareMoved && problems.length === 0 && !dto.reason?.trim())
        problems.push({ path: 'reason', message: 'is required when controllerAwareAt changes' });
      const contract = incident.contractId ? await this.contracts.visibleTo(actor, incident.contractId) : null;
      problems.push(...this.factProblems(incident, contract, now));
      if (problems.length) throw new ValidationError(problems);
      const changes = diff(before, incident);
      if (Object.keys(changes).length === 0) return;
      incident.version += 1;
      incident.updatedAt = now;
      await this.repo.update(tx, incident);
      await this.deadlines.plan(tx, clockInputs(incident, contract));
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'incident.updated',
        entityType: 'incident',
        entityId: incident.id,
        incidentId: incident.id,
        changes,
        reason: dto.reason?.trim() ?? null,
      });
    });
    return this.view(actor, id);
  }

  // A processor's draft goes to the controller: from now on the controller sees it and its clock runs.
  async submit(actor: Actor, id: string): Promise<IncidentView> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const incident = await this.repo.findVisible(tx, actor.organizationId, id, true);
      if (!incident) throw notFound(id);
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
      incident.version += 1;
      incident.updatedAt = now;
      await this.repo.update(tx, incident);
      const contract = await this.contracts.visibleTo(actor, incident.contractId!);
      await this.deadlines.plan(tx, clockInputs(incident, contract));
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'incident.submitted',
        entityType: 'incident',
        entityId: incident.id,
        incidentId: incident.id,
        changes: { status: { from: before.status, to: incident.status }, ...diff(before, incident) },
      });
    });
    return this.view(actor, id);
  }

  async view(actor: Actor, id: string): Promise<IncidentView> {
    const incident = await this.db.read((m) => this.repo.findVisible(m, actor.organizationId, id));
    if (!incident) throw notFound(id);
    const clocks = (await this.deadlines.clocksOf([incident.id])).get(incident.id)!;
    return { incident, missing: missingItems(factsOf(incident)), clocks };
  }

  async list(actor: Actor, page: Page): Promise<{ items: IncidentView[]; next: Incident | null }> {
    const rows = await this.db.read((m) => this.repo.listVisible(m, actor.organizationId, { ...page, limit: page.limit + 1 }));
    const items = rows.slice(0, page.limit);
    const clocks = await this.deadlines.clocksOf(items.map((i) => i.id));
    return {
      items: items.map((incident) => ({ incident, missing: missingItems(factsOf(incident)), clocks: clocks.get(incident.id)! })),
      next: rows.length > page.limit ? items[items.length - 1] : null,
    };
  }

  // For modules that act on an incident as its controller (assessments, decisions): the incident,
  // locked for the rest of the transaction. Strangers get 404, the processor side 403.
  async loadForController(tx: EntityManager, actor: Actor, id: string, lock = true): Promise<Incident> {
    const incident = await this.repo.findVisible(tx, actor.organizationId, id, lock);
    if (!incident) throw notFound(id);
    if (actor.role !== 'controller_dpo' || incident.controllerId !== actor.organizationId) {
      throw new IncidentError(IncidentErrorCode.NotYourSide, 'Only DPOs of the controller assess, decide and close.');
    }
    return incident;
  }

  // Moves an incident to a status through the legal steps (each step audited); 409 naming the
  // allowed next states when there is no legal way. An incident found not to be a breach is left
  // only by closing it or by a deliberate reopen (IncidentStatusService, with reasons).
  async moveStatus(
    tx: EntityManager,
    actor: Actor,
    incident: Incident,
    to: IncidentStatus,
    reason: string | null = null,
    reopen = false,
  ): Promise<void> {
    if (incident.status === to) return;
    const path = pathTo(incident.status, to);
    if (!path || (incident.status === 'not_a_breach' && to !== 'closed' && !reopen)) {
      const allowed = nextStatus(incident.status, to);
      const hint =
        incident.status === 'not_a_breach'
          ? ' Send it back to triage with reasons (POST …/status) if new facts show personal data were affected.'
          : '';
      throw new IncidentError(IncidentErrorCode.IllegalTransition, `The incident is ${incident.status}; it cannot become ${to}.${hint}`, {
        extensions: { incidentStatus: incident.status, allowed: allowed.ok ? [] : allowed.allowed },
      });
    }
    for (const step of path) {
      const from = incident.status;
      incident.status = step;
      incident.version += 1;
      incident.updatedAt = this.clock.now();
      await this.repo.update(tx, incident);
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'incident.status_changed',
        entityType: 'incident',
        entityId: incident.id,
        incidentId: incident.id,
        changes: { status: { from, to: step } },
        reason,
      });
    }
  }

  // For system jobs (escalations), inside their transaction: the incident and what is still missing.
  async forSystem(id: string): Promise<{ incident: Incident; missing: string[] } | null> {
    return (await this.forSystemMany([id])).get(id) ?? null;
  }

  async forSystemMany(ids: string[]): Promise<Map<string, { incident: Incident; missing: string[] }>> {
    const rows = await this.db.read((m) => this.repo.findForSystem(m, ids));
    return new Map(rows.map((incident) => [incident.id, { incident, missing: missingItems(factsOf(incident)) }]));
  }

  // What is still missing from each of these incidents (for lists such as the triage board): the
  // incident rows alone, without the parties and contract that forSystemMany loads.
  async missingOf(ids: string[]): Promise<Map<string, string[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read((m) => m.find(Incident, { where: { id: In(ids) } }));
    return new Map(rows.map((incident) => [incident.id, missingItems(factsOf(incident))]));
  }

  // Every incident reported to the caller's organization as controller, with clocks, oldest first.
  async registerOf(actor: Actor): Promise<IncidentView[]> {
    const incidents = await this.db.read((m) => this.repo.listOfController(m, actor.organizationId));
    const clocks = await this.deadlines.clocksOf(incidents.map((i) => i.id));
    return incidents.map((incident) => ({ incident, missing: missingItems(factsOf(incident)), clocks: clocks.get(incident.id)! }));
  }

  // The audit trail of one incident as the caller's side may see it (domain/trail-visibility.ts):
  // the processor never sees the controller's assessment, decision or notifications. Strangers get
  // "not found".
  async auditTrail(actor: Actor, id: string) {
    const { incident } = await this.view(actor, id);
    const side: Side = incident.controllerId === actor.organizationId ? 'controller' : 'processor';
    const [events, clocks] = await Promise.all([this.audit.trailOfIncident(incident.id), this.deadlines.rowsOfMany([incident.id])]);
    return trailFor(side, events, { controllerId: incident.controllerId, clockKinds: new Map(clocks.map((c) => [c.id, c.kind])) });
  }

  private assertMayEdit(actor: Actor, incident: Incident): void {
    const mySide =
      (actor.role === 'processor_staff' && incident.reporterOrgId === actor.organizationId) ||
      (actor.role === 'controller_dpo' && incident.controllerId === actor.organizationId);
    if (!mySide)
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

  private factProblems(incident: Incident, contract: Contract | null, now: Date): FieldError[] {
    const problems = timelineProblems(incident, now);
    if (incident.subProcessor !== null) {
      const names = contract?.subProcessors.map((s) => s.name) ?? [];
      if (!names.includes(incident.subProcessor)) {
        problems.push({
          path: 'subProcessor',
          message: names.length
            ? `must be one of the contract's sub-processors: ${names.join(', ')}`
            : 'the contract names no sub-processors',
        });
      }
    }
    return problems;
  }
}

function notFound(id: string): IncidentError {
  return new IncidentError(IncidentErrorCode.NotFound, `No incident ${id}.`);
}
