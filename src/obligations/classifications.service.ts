import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { FieldError, ValidationError } from '../platform/http/domain-error';
import { reasonsProblem } from './domain';
import { DoraClassification } from './dora-classification.entity';
import { DoraClassificationDto, Nis2ClassificationDto } from './dto/classification.dto';
import { Nis2Classification } from './nis2-classification.entity';
import { ObligationError, ObligationErrorCode } from './obligations.errors';
import { IncidentParties, ObligationsRepository } from './obligations.repository';
import { ObligationDetail, ObligationsService } from './obligations.service';

// A minute of clock difference between the caller and the server is tolerated for "now".
const FUTURE_SKEW_MS = 60_000;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// The DPO's NIS2 and DORA classifications of an incident. A classification starts the sector duties
// (obligations nis2/* and dora/*); withdrawing it waives the open ones with the DPO's reasons.
@Injectable()
export class ClassificationsService {
  constructor(
    private readonly db: Database,
    private readonly repo: ObligationsRepository,
    private readonly obligations: ObligationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async classifyNis2(actor: Actor, incidentId: string, dto: Nis2ClassificationDto): Promise<ObligationDetail[]> {
    await this.db.transaction(async (tx) => {
      await this.incidentOfController(tx, actor, incidentId, 'nis2');
      const before = await this.repo.nis2Of(tx, incidentId);
      const problems = this.instantProblems({ awareAt: dto.awareAt });
      if (dto.significant && !dto.awareAt) problems.push({ path: 'awareAt', message: 'is required: the NIS2 clocks run from it' });
      const withdrawn = !dto.significant && before?.significant === true;
      if (withdrawn) problems.push(...reasonProblems(dto.reason));
      if (problems.length) throw new ValidationError(problems);
      const row = before ?? Object.assign(new Nis2Classification(), { incidentId });
      const from = before && { significant: before.significant, awareAt: iso(before.awareAt) };
      Object.assign(row, {
        significant: dto.significant,
        awareAt: dto.awareAt ? new Date(dto.awareAt) : (before?.awareAt ?? this.clock.now()),
        reason: dto.reason?.trim() || null,
        recordedById: actor.userId,
        recordedAt: this.clock.now(),
      });
      await this.repo.saveNis2(tx, row);
      await this.recordAndSync(
        tx,
        actor,
        incidentId,
        'nis2',
        from,
        { significant: row.significant, awareAt: iso(row.awareAt) },
        row.reason,
        withdrawn,
      );
    });
    return this.obligationsOf(actor, incidentId);
  }

  async classifyDora(actor: Actor, incidentId: string, dto: DoraClassificationDto): Promise<ObligationDetail[]> {
    await this.db.transaction(async (tx) => {
      await this.incidentOfController(tx, actor, incidentId, 'dora');
      const before = await this.repo.doraOf(tx, incidentId);
      const problems = this.instantProblems({ awareAt: dto.awareAt, classifiedAt: dto.classifiedAt });
      if (dto.major && !dto.awareAt) problems.push({ path: 'awareAt', message: 'is required: the 24-hour cap runs from it' });
      if (dto.major && !dto.classifiedAt) problems.push({ path: 'classifiedAt', message: 'is required: the 4 hours run from it' });
      if (dto.awareAt && dto.classifiedAt && Date.parse(dto.classifiedAt) < Date.parse(dto.awareAt))
        problems.push({ path: 'classifiedAt', message: 'must not be before awareAt' });
      const withdrawn = !dto.major && before?.major === true;
      if (withdrawn) problems.push(...reasonProblems(dto.reason));
      if (problems.length) throw new ValidationError(problems);
      const now = this.clock.now();
      const row = before ?? Object.assign(new DoraClassification(), { incidentId });
      const from = before && { major: before.major, awareAt: iso(before.awareAt), classifiedAt: iso(before.classifiedAt) };
      const awareAt = dto.awareAt ? new Date(dto.awareAt) : (before?.awareAt ?? now);
      Object.assign(row, {
        major: dto.major,
        awareAt,
        classifiedAt: dto.classifiedAt ? new Date(dto.classifiedAt) : (before?.classifiedAt ?? awareAt),
        reason: dto.reason?.trim() || null,
        recordedById: actor.userId,
        recordedAt: now,
      });
      await this.repo.saveDora(tx, row);
      const to = { major: row.major, awareAt: iso(row.awareAt), classifiedAt: iso(row.classifiedAt) };
      await this.recordAndSync(tx, actor, incidentId, 'dora', from, to, row.reason, withdrawn);
    });
    return this.obligationsOf(actor, incidentId);
  }

  private async recordAndSync(
    tx: EntityManager,
    actor: Actor,
    incidentId: string,
    scheme: 'nis2' | 'dora',
    from: Record<string, unknown> | null,
    to: Record<string, unknown>,
    reason: string | null,
    withdrawn: boolean,
  ): Promise<void> {
    const changes = Object.fromEntries(Object.entries(to).map(([k, v]) => [k, { from: from?.[k] ?? null, to: v }]));
    await this.audit.record(tx, auditActorOf(actor), {
      action: 'classification.recorded',
      entityType: `${scheme}_classification`,
      entityId: incidentId,
      incidentId,
      changes: { scheme: { from: scheme, to: scheme }, ...changes },
      reason,
    });
    const waiveReasons = withdrawn ? { [scheme]: `classification withdrawn: ${reason}` } : {};
    await this.obligations.sync(tx, incidentId, auditActorOf(actor), { waiveReasons });
  }

  // The incident, locked, when the caller is a DPO of its controller and the organization is an
  // entity of the scheme; 404 for incidents the caller does not see.
  private async incidentOfController(
    tx: EntityManager,
    actor: Actor,
    incidentId: string,
    scheme: 'nis2' | 'dora',
  ): Promise<IncidentParties> {
    const incident = await this.repo.lockIncident(tx, incidentId);
    const sees =
      incident &&
      (incident.reporterOrgId === actor.organizationId || (incident.controllerId === actor.organizationId && incident.status !== 'draft'));
    if (!incident || !sees) throw new ObligationError(ObligationErrorCode.IncidentNotFound, `No incident ${incidentId}.`);
    if (incident.controllerId !== actor.organizationId) {
      throw new ObligationError(ObligationErrorCode.NotYourSide, 'Only DPOs of the controller classify an incident.');
    }
    const facts = await this.repo.factsOf(tx, incidentId);
    const entity = scheme === 'nis2' ? facts?.organization.nis2 !== null : facts?.organization.dora === true;
    if (!entity) {
      throw new ObligationError(
        ObligationErrorCode.NotClassifiable,
        scheme === 'nis2'
          ? 'The organization is not an essential or important entity under NIS2 (org create --nis2).'
          : 'The organization is not a financial entity under DORA (org create --dora).',
      );
    }
    if (incident.status === 'closed') throw new ObligationError(ObligationErrorCode.NotClassifiable, 'The incident is closed.');
    return incident;
  }

  private instantProblems(instants: Record<string, string | undefined>): FieldError[] {
    const limit = this.clock.now().getTime() + FUTURE_SKEW_MS;
    return Object.entries(instants)
      .filter(([, v]) => v !== undefined && Date.parse(v) > limit)
      .map(([path]) => ({ path, message: 'must not be in the future' }));
  }

  private async obligationsOf(actor: Actor, incidentId: string): Promise<ObligationDetail[]> {
    return (await this.obligations.visibleOf(actor, [incidentId])).get(incidentId) ?? [];
  }
}

function reasonProblems(reason: string | undefined): FieldError[] {
  const problem = reasonsProblem(reason);
  return problem ? [{ path: 'reason', message: `${problem}: say why the classification is withdrawn` }] : [];
}
