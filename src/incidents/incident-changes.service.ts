import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditEntry } from '../audit/audit.service';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { ReportFacts } from './domain/incident-facts';
import { IncidentFieldsDto } from './dto/incident-fields.dto';
import { Incident } from './incident.entity';
import { IncidentsRepository } from './incidents.repository';
import { ObligationsService } from '../obligations/obligations.service';

// How a request's facts land on an incident row, how a change appears in the audit trail, and the
// one way a change is committed (IncidentChanges.commit).

export interface Change {
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  at: Date;
  isNew?: boolean; // a filing: the row is inserted
  reason?: string | null;
}

// Every change of an incident — filing, follow-up facts, submitting, each status step — commits the
// same way inside the caller's transaction: the row is written (a new one gets its reference number
// and keeps version 1; a changed one gets the next version), the audit event records who, what and
// why, and the obligations are brought in line with the facts (their changes audited after it).
@Injectable()
export class IncidentChanges {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly obligations: ObligationsService,
  ) {}

  async commit(tx: EntityManager, actor: Actor, incident: Incident, change: Change): Promise<Incident> {
    if (change.isNew) {
      await this.fileAll(tx, actor, [{ incident, change }]);
      return incident;
    }
    incident.version += 1;
    incident.updatedAt = change.at;
    await this.repo.update(tx, incident);
    // The incident's event and its obligations' events are appended to the audit chain together.
    await this.obligations.sync(tx, incident.id, auditActorOf(actor), { auditBefore: [eventOf(incident, change)] });
    return incident;
  }

  // The intake writer: new incidents (one filing, or a chunk of a batch) with a few statements for
  // all of them, whatever their number: the rows with their reference numbers, their facts, their duties,
  // the escalation rows and one append of every audit event to the actor's organization's chain.
  // A filing's requestId names the request it came from, when several requests are filed together.
  async fileAll(
    tx: EntityManager,
    actor: Actor,
    filed: { incident: Incident; change: Change; requestId?: string | null }[],
  ): Promise<void> {
    if (filed.length === 0) return;
    await this.repo.insertNumbered(
      tx,
      filed[0].change.at.getUTCFullYear(),
      filed.map((f) => f.incident),
    );
    await this.obligations.syncNew(
      tx,
      auditActorOf(actor),
      filed.map(({ incident, change, requestId }) => ({ incident, auditBefore: [eventOf(incident, change)], requestId })),
    );
  }
}

function eventOf(incident: Incident, change: Change): AuditEntry {
  return {
    action: change.action,
    entityType: 'incident',
    entityId: incident.id,
    incidentId: incident.id,
    changes: change.changes,
    reason: change.reason ?? null,
  };
}

// Columns that PATCH may change, with how they appear in the audit trail.
const AUDITED_FIELDS: (keyof Incident)[] = [
  'title',
  'natureDescription',
  'natureTypes',
  'natureCause',
  'occurredAt',
  'occurredFrom',
  'occurredUntil',
  'discoveredAt',
  'controllerAwareAt',
  'dataCategories',
  'specialCategories',
  'subjectCategories',
  'approximateSubjects',
  'approximateSubjectsIsEstimate',
  'approximateRecords',
  'approximateRecordsIsEstimate',
  'contactName',
  'contactEmail',
  'contactPhone',
  'likelyConsequences',
  'measuresTaken',
  'measuresProposed',
  'subProcessor',
  'affectedCountries',
  'reporterName',
  'reporterRole',
  'discoveryMethod',
  'ongoing',
  'containedAt',
  'securityEncryption',
  'securityDescription',
  'consequencesMaterialised',
  'vulnerableSubjects',
  'otherAuthoritiesInformed',
];

const instant = (v: string | null | undefined) => (v === null || v === undefined ? null : new Date(v));

// Copies the fields present in the DTO onto the incident; null clears a fact to "unknown".
export function applyFields(i: Incident, d: IncidentFieldsDto): void {
  if (d.title !== undefined) i.title = d.title.trim();
  if (d.nature?.description !== undefined) i.natureDescription = d.nature.description;
  if (d.nature?.types !== undefined) i.natureTypes = d.nature.types;
  if (d.nature?.cause !== undefined) i.natureCause = d.nature.cause;
  if (d.occurredAt !== undefined) i.occurredAt = instant(d.occurredAt);
  if (d.occurredFrom !== undefined) i.occurredFrom = instant(d.occurredFrom);
  if (d.occurredUntil !== undefined) i.occurredUntil = instant(d.occurredUntil);
  if (d.discoveredAt !== undefined) i.discoveredAt = new Date(d.discoveredAt);
  if (d.controllerAwareAt !== undefined) i.controllerAwareAt = new Date(d.controllerAwareAt);
  if (d.dataCategories !== undefined) i.dataCategories = d.dataCategories;
  if (d.specialCategories !== undefined) i.specialCategories = d.specialCategories;
  if (d.subjectCategories !== undefined) i.subjectCategories = d.subjectCategories;
  if (d.approximateSubjects !== undefined) {
    i.approximateSubjects = d.approximateSubjects?.count ?? null;
    i.approximateSubjectsIsEstimate = d.approximateSubjects?.isEstimate ?? null;
  }
  if (d.approximateRecords !== undefined) {
    i.approximateRecords = d.approximateRecords?.count ?? null;
    i.approximateRecordsIsEstimate = d.approximateRecords?.isEstimate ?? null;
  }
  if (d.contact !== undefined) {
    i.contactName = d.contact?.name ?? null;
    i.contactEmail = d.contact?.email.toLowerCase() ?? null;
    i.contactPhone = d.contact?.phone ?? null;
  }
  if (d.likelyConsequences !== undefined) i.likelyConsequences = d.likelyConsequences;
  if (d.measuresTaken !== undefined) i.measuresTaken = d.measuresTaken;
  if (d.measuresProposed !== undefined) i.measuresProposed = d.measuresProposed;
  if (d.subProcessor !== undefined) i.subProcessor = d.subProcessor;
  if (d.affectedCountries !== undefined) i.affectedCountries = d.affectedCountries ?? [];
  if (d.reporter !== undefined) {
    i.reporterName = d.reporter?.name.trim() ?? null;
    i.reporterRole = d.reporter?.role.trim() ?? null;
  }
  if (d.discoveryMethod !== undefined) i.discoveryMethod = d.discoveryMethod;
  if (d.ongoing !== undefined) i.ongoing = d.ongoing;
  if (d.containedAt !== undefined) i.containedAt = instant(d.containedAt);
  if (d.securityBefore !== undefined) {
    i.securityEncryption = d.securityBefore?.encryption ?? null;
    i.securityDescription = d.securityBefore?.description ?? null;
  }
  if (d.consequencesMaterialised !== undefined) i.consequencesMaterialised = d.consequencesMaterialised;
  if (d.vulnerableSubjects !== undefined) i.vulnerableSubjects = d.vulnerableSubjects;
  if (d.otherAuthoritiesInformed !== undefined) {
    i.otherAuthoritiesInformed =
      d.otherAuthoritiesInformed?.map((o) => ({ name: o.name.trim(), at: new Date(o.at).toISOString(), reference: o.reference ?? null })) ??
      null;
  }
}

export function factsOf(i: Incident): ReportFacts {
  return i;
}

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

// Field-by-field changes for the audit trail; before = null for a new incident.
export function diff(before: Partial<Incident> | null, after: Incident): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of AUDITED_FIELDS) {
    const from = comparable(before?.[field]);
    const to = comparable(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  if (before === null || comparable(before.reportedToControllerAt) !== comparable(after.reportedToControllerAt)) {
    const from = comparable(before?.reportedToControllerAt);
    const to = comparable(after.reportedToControllerAt);
    if (from !== to) changes.reportedToControllerAt = { from, to };
  }
  return changes;
}
