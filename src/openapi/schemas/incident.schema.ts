import { ObligationSchema } from './obligation.schema';
import type { EncryptionLevel } from '../../incidents/domain/incident-facts';
import type { toAuditEventResponse, toIncidentResponse } from '../../incidents/dto/incident.response';

// The incident as the API sends it (incidents/dto/incident.response.ts), as classes the compiler plugin
// describes (metadata.ts): `T | null` written out, because the plugin reads nullability from the
// written type. schemas.spec.ts checks every schema against its mapper's type (same properties, and
// every value the mapper can send fits), so neither can change alone.
type Incident = ReturnType<typeof toIncidentResponse>;
type Clock = NonNullable<Incident['deadlines']['authority']>;
type AuditEvent = ReturnType<typeof toAuditEventResponse>;

export class OrganizationRefSchema {
  id: string;
  slug?: string;
  name?: string;
}

export class NatureSchema {
  description: string;
  types: string[] | null;
  cause: string | null;
}

export class CountSchema {
  count: number;
  isEstimate: boolean;
}

export class ContactSchema {
  name: string | null;
  email: string;
  phone: string | null;
}

export class NotABreachSchema {
  reason: string;
  at: string | null;
}

export class ClockSchema {
  // Null for a duty without a fixed deadline (state `open`) or not started.
  startedAt: string | null;
  dueAt: string | null;
  dueAtLocal: string | null;
  secondsLeft: number | null;
  state: Clock['state'];
  completedAt: string | null;
  stoppedAt: string | null;
  stoppedBecause: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export class ReporterSchema {
  name: string;
  role: string | null;
}

export class SecurityBeforeSchema {
  encryption: EncryptionLevel;
  description: string | null;
}

export class AuthorityInformedSchema {
  name: string;
  at: string;
  reference: string | null;
}

export class IncidentClocksSchema {
  processorToController: ClockSchema | null;
  authority: ClockSchema | null;
}

export class IncidentSchema {
  id: Incident['id'];
  reference: Incident['reference'];
  status: Incident['status'];
  version: Incident['version'];
  contractId: string | null;
  controller: OrganizationRefSchema;
  processor: OrganizationRefSchema | null;
  title: Incident['title'];
  nature: NatureSchema;
  occurredAt: string | null;
  occurredFrom: string | null;
  occurredUntil: string | null;
  discoveredAt: string | null;
  reportedToControllerAt: string | null;
  controllerAwareAt: string | null;
  dataCategories: string[] | null;
  specialCategories: string[] | null;
  subjectCategories: string[] | null;
  approximateSubjects: CountSchema | null;
  approximateRecords: CountSchema | null;
  contact: ContactSchema | null;
  likelyConsequences: string | null;
  measuresTaken: string | null;
  measuresProposed: string | null;
  subProcessor: string | null;
  affectedCountries: Incident['affectedCountries'];
  reporter: ReporterSchema | null;
  discoveryMethod: string | null;
  ongoing: boolean | null;
  containedAt: string | null;
  securityBefore: SecurityBeforeSchema | null;
  consequencesMaterialised: string | null;
  vulnerableSubjects: boolean | null;
  otherAuthoritiesInformed: AuthorityInformedSchema[] | null;
  notABreach: NotABreachSchema | null;
  missing: Incident['missing'];
  deadlines: IncidentClocksSchema;
  obligations: ObligationSchema[];
  createdAt: string | null;
  updatedAt: string | null;
}

export class IncidentPageSchema {
  items: IncidentSchema[];
  nextCursor: string | null;
}

export class AuditEventSchema {
  seq: AuditEvent['seq'];
  id: AuditEvent['id'];
  occurredAt: AuditEvent['occurredAt'];
  actor: AuditEvent['actor'];
  action: AuditEvent['action'];
  changes: AuditEvent['changes'];
  reason: string | null;
  requestId: string | null;
  hash: AuditEvent['hash'];
  prevHash: AuditEvent['prevHash'];
}

export class AuditEventListSchema {
  items: AuditEventSchema[];
}
