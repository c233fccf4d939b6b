import type { AuditEntry } from '../audit/audit.service';
import { DecisionFacts, euMainEstablishmentOf, ObligationFacts, ObligationSpec, Stored } from './domain';
import type { Obligation } from './obligation.entity';

// Between the stored rows and the pure domain: a row as an ObligationRecord (its phase decides the
// fields), a spec as the columns of a row, and the facts the rules need from what the database holds.

export function toRecord(o: Obligation): Stored {
  const spec: ObligationSpec = {
    key: o.key,
    regime: o.regime,
    duty: o.duty,
    title: o.title,
    recipient: o.recipient,
    legalBasis: o.legalBasis,
    startsAt: o.startsAt,
    dueAt: o.dueAt,
    dueRule: o.dueRule,
    lateNeedsReasons: o.lateNeedsReasons,
    routing: o.routing,
    provisional: o.provisional,
    unresolved: o.unresolved,
  };
  if (o.phase === 'fulfilled') {
    const { startsAt: _s, dueAt: _d, ...rest } = spec;
    return {
      ...rest,
      id: o.id,
      phase: 'fulfilled',
      frozen: {
        fulfilledAt: o.fulfilledAt!,
        fulfilledBy: o.fulfilledBy,
        startsAt: o.frozenStartsAt,
        dueAt: o.frozenDueAt,
        outcome: o.outcome ?? 'met',
        reasonsForDelay: o.reasonsForDelay,
      },
    };
  }
  if (o.phase === 'waived') {
    return { ...spec, id: o.id, phase: 'waived', waiver: { reason: o.waiveReason ?? '', at: o.waivedAt!, by: o.waivedBy ?? 'rules' } };
  }
  return { ...spec, id: o.id, phase: 'live' };
}

// The derived columns of a row (what an update may change).
export function specColumns(
  s: ObligationSpec,
): Pick<
  Obligation,
  | 'key'
  | 'regime'
  | 'duty'
  | 'title'
  | 'recipient'
  | 'legalBasis'
  | 'startsAt'
  | 'dueAt'
  | 'dueRule'
  | 'lateNeedsReasons'
  | 'routing'
  | 'provisional'
  | 'unresolved'
> {
  return {
    key: s.key,
    regime: s.regime,
    duty: s.duty,
    title: s.title,
    recipient: s.recipient,
    legalBasis: s.legalBasis,
    startsAt: s.startsAt,
    dueAt: s.dueAt,
    dueRule: s.dueRule,
    lateNeedsReasons: s.lateNeedsReasons,
    routing: s.routing,
    provisional: s.provisional,
    unresolved: s.unresolved,
  };
}

// What the database holds about one incident, as the repository reads it.
export interface FactsRow {
  status: string;
  controllerId: string;
  processorId: string | null;
  discoveredAt: Date;
  controllerAwareAt: Date | null;
  reportedToControllerAt: Date | null;
  affectedCountries: string[];
  noticeHours: number | null;
  organization: {
    name: string;
    country: string;
    region: string | null;
    sector: 'private' | 'public';
    publicLevel: 'federal' | 'state' | null;
    nis2: 'essential' | 'important' | null;
    dora: boolean;
    telecom: boolean;
    postal: boolean;
    authorityOverrideId: string | null;
  };
  decision: { notifyAuthority: boolean; notifySubjects: boolean; subjectsExemption: string | null; decidedAt: Date } | null;
  // The latest assessment's band (null: not assessed).
  band: string | null;
  nis2: { significant: boolean; awareAt: Date } | null;
  dora: { major: boolean; awareAt: Date; classifiedAt: Date } | null;
  filings: { key: string; filedAt: Date }[];
}

export function toFacts(r: FactsRow): ObligationFacts {
  const o = r.organization;
  const highRisk = r.band === null ? null : r.band === 'high' || r.band === 'very_high';
  const decisions: DecisionFacts | null =
    r.decision || r.band !== null
      ? {
          notifyAuthority: r.decision?.notifyAuthority ?? null,
          notifySubjects: r.decision?.notifySubjects ?? null,
          subjectsExemption: r.decision?.subjectsExemption ?? null,
          highRisk,
          decidedAt: r.decision?.decidedAt ?? null,
        }
      : null;
  return {
    organization: {
      name: o.name,
      country: o.country,
      region: o.region,
      sector: o.sector,
      publicLevel: o.publicLevel,
      euMainEstablishment: euMainEstablishmentOf(o.country, o.region),
      nis2: o.nis2,
      dora: o.dora,
      telecom: o.telecom,
      postal: o.postal,
      authorityOverrideId: o.authorityOverrideId,
    },
    incident: {
      submitted: r.status !== 'draft',
      contract: r.processorId !== null && r.noticeHours !== null ? { noticeHours: r.noticeHours } : null,
      discoveredAt: r.discoveredAt,
      controllerAwareAt: r.controllerAwareAt,
      affectedCountries: r.affectedCountries,
    },
    decisions,
    classifications: { nis2: r.nis2, dora: r.dora },
    filings: r.filings,
  };
}

// An audit event of an obligation: its key always, then what changed.
export function entryOf(
  action: string,
  row: Obligation,
  entry: { changes: Record<string, { from: unknown; to: unknown }>; reason?: string | null },
): AuditEntry {
  return {
    action,
    entityType: 'obligation',
    entityId: row.id,
    incidentId: row.incidentId,
    changes: { key: { from: row.key, to: row.key }, ...entry.changes },
    reason: entry.reason ?? null,
  };
}
