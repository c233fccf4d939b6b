import { AuditEvent } from '../../audit/audit-event.entity';
import type { ClockDetail } from '../incident-queries.service';
import { toObligationResponse } from '../../obligations/dto/obligation.response';
import { toZonedIso } from '../../platform/clock/zoned-time';
import { IncidentView } from '../incidents.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Instants are UTC; each clock also carries its due time in the caller's zone, with the offset.
// `viewerOrgId`: the caller's organization; the controller's reasons stay with the controller.
export function toIncidentResponse({ incident: i, missing, clocks, obligations }: IncidentView, timeZone: string, viewerOrgId: string) {
  const clock = (c: ClockDetail | null) =>
    c && {
      startedAt: iso(c.startedAt),
      dueAt: iso(c.dueAt),
      dueAtLocal: c.dueAt && toZonedIso(c.dueAt, timeZone),
      secondsLeft: c.secondsLeft,
      state: c.state,
      completedAt: iso(c.completedAt),
      stoppedAt: iso(c.stoppedAt),
      // Why a stopped clock stopped: the DPO decided the breach is not notifiable, or found it is not
      // a personal-data breach at all; null while the clock is not stopped.
      stoppedBecause: c.state === 'stopped' ? (i.notABreachReason !== null ? 'not_a_breach' : 'not_notifiable') : null,
      acknowledgedBy: c.acknowledgedBy,
      acknowledgedAt: iso(c.acknowledgedAt),
    };
  return {
    id: i.id,
    reference: i.reference,
    status: i.status,
    version: i.version,
    contractId: i.contractId,
    controller: i.controller ? { id: i.controller.id, slug: i.controller.slug, name: i.controller.name } : { id: i.controllerId },
    processor: i.processorId
      ? i.processor
        ? { id: i.processor.id, slug: i.processor.slug, name: i.processor.name }
        : { id: i.processorId }
      : null,
    title: i.title,
    nature: { description: i.natureDescription, types: i.natureTypes, cause: i.natureCause },
    occurredAt: iso(i.occurredAt),
    occurredFrom: iso(i.occurredFrom),
    occurredUntil: iso(i.occurredUntil),
    discoveredAt: iso(i.discoveredAt),
    reportedToControllerAt: iso(i.reportedToControllerAt),
    controllerAwareAt: iso(i.controllerAwareAt),
    dataCategories: i.dataCategories,
    specialCategories: i.specialCategories,
    subjectCategories: i.subjectCategories,
    approximateSubjects:
      i.approximateSubjects === null ? null : { count: i.approximateSubjects, isEstimate: i.approximateSubjectsIsEstimate ?? true },
    approximateRecords:
      i.approximateRecords === null ? null : { count: i.approximateRecords, isEstimate: i.approximateRecordsIsEstimate ?? true },
    contact: i.contactEmail === null ? null : { name: i.contactName, email: i.contactEmail, phone: i.contactPhone },
    likelyConsequences: i.likelyConsequences,
    measuresTaken: i.measuresTaken,
    measuresProposed: i.measuresProposed,
    subProcessor: i.subProcessor,
    affectedCountries: i.affectedCountries,
    // The facts the authorities' forms ask beyond Art. 33(3); null = not known.
    reporter: i.reporterName === null ? null : { name: i.reporterName, role: i.reporterRole },
    discoveryMethod: i.discoveryMethod,
    ongoing: i.ongoing,
    containedAt: iso(i.containedAt),
    securityBefore: i.securityEncryption === null ? null : { encryption: i.securityEncryption, description: i.securityDescription },
    consequencesMaterialised: i.consequencesMaterialised,
    vulnerableSubjects: i.vulnerableSubjects,
    otherAuthoritiesInformed: i.otherAuthoritiesInformed,
    // The DPO's finding that no personal data were affected, with its reasons (status not_a_breach,
    // and after closing); null otherwise, and for the processor's side (the controller's reasoning).
    notABreach:
      i.notABreachReason === null || viewerOrgId !== i.controllerId ? null : { reason: i.notABreachReason, at: iso(i.notABreachAt) },
    missing,
    // The compatibility view of the two clocks (docs/api.md): the soonest open obligation per side.
    deadlines: {
      processorToController: clock(clocks.processorToController),
      authority: clock(clocks.authority),
    },
    obligations: obligations.map((o) => toObligationResponse(o, timeZone)),
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
  };
}

export function toAuditEventResponse(e: AuditEvent) {
  return {
    seq: Number(e.seq),
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actor: e.actor,
    action: e.action,
    changes: e.changes,
    reason: e.reason,
    requestId: e.requestId,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
