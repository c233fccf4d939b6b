import { Injectable } from '@nestjs/common';
import { toAssessmentResponse, toDecisionResponse } from '../assessments/dto/assessment.response';
import { AssessmentsService } from '../assessments/assessments.service';
import { toChained } from '../audit/audit.service';
import { chainHash } from '../audit/domain/audit-chain';
import { Actor } from '../identity/domain/actor';
import { toIncidentResponse } from '../incidents/dto/incident.response';
import { IncidentQueries } from '../incidents/incident-queries.service';
import { toNotificationResponse } from '../notifications/dto/notification.response';
import { NotificationsService } from '../notifications/notifications.service';
import { toObligationResponse } from '../obligations/dto/obligation.response';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { SigningKeys } from '../platform/signing/signing-keys';
import { evidenceSignedBytes, withSignature } from './domain/evidence-signature';
import { EVIDENCE_FORMAT, EVIDENCE_VERSION, EvidenceBundle, EvidenceEvent, factsHistory, sealBundle } from './domain/evidence-bundle';

// The bundle as the API answers it: the sections are the API's own answers for each part.
export type EvidenceBundleResponse = Omit<EvidenceBundle, 'incident' | 'assessments' | 'decisions' | 'notifications' | 'obligations'> & {
  incident: ReturnType<typeof toIncidentResponse>;
  assessments: ReturnType<typeof toAssessmentResponse>[];
  decisions: ReturnType<typeof toDecisionResponse>[];
  notifications: ReturnType<typeof toNotificationResponse>[];
  obligations: ReturnType<typeof toObligationResponse>[];
};

// The evidence bundle of one incident as the caller's side may see it: the same reads as the API's
// incident, trail, obligations, assessments and notifications (the processor side never gets the
// controller's assessment, decision or notifications to authorities and people).
@Injectable()
export class EvidenceService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly incidents: IncidentQueries,
    private readonly assessments: AssessmentsService,
    private readonly notifications: NotificationsService,
    private readonly keys: SigningKeys,
  ) {}

  // The bundle as downloaded or exported: signed with the installation's key over its manifest.
  async signed(actor: Actor, incidentId: string, exportedBy: string): Promise<{ reference: string; bundle: EvidenceBundleResponse }> {
    const { reference, bundle } = await this.bundle(actor, incidentId, exportedBy);
    return { reference, bundle: withSignature(bundle, await this.keys.sign(evidenceSignedBytes(bundle))) };
  }

  // Unsigned: inside a register bundle, the register's signature covers each incident's hash.
  async bundle(actor: Actor, incidentId: string, exportedBy: string): Promise<{ reference: string; bundle: EvidenceBundleResponse }> {
    const view = await this.incidents.view(actor, incidentId);
    const incident = view.incident;
    const side = incident.controllerId === actor.organizationId ? 'controller' : 'processor';
    const [trail, history, notifications] = await Promise.all([
      this.incidents.auditTrail(actor, incident.id),
      side === 'controller' ? this.assessments.history(actor, incident.id) : { assessments: [], decisions: [] },
      this.notifications.list(actor, incident.id),
    ]);
    const events: EvidenceEvent[] = trail.map((e) => {
      const { seq, prevHash, hash, ...content } = toChained(e);
      // The trail leaves out the DPO's reason on some events for the processor side (trail-visibility.ts).
      return chainHash(prevHash, content) === hash
        ? { seq, chain: e.chain, prevHash, hash, content }
        : { seq, chain: e.chain, prevHash, hash, content, withheld: ['reason'] };
    });
    const versionOf = new Map(history.assessments.map((a) => [a.id, a.version]));
    const bundle = sealBundle(
      {
        format: EVIDENCE_FORMAT,
        version: EVIDENCE_VERSION,
        exportedAt: this.clock.now().toISOString(),
        exportedBy,
        side,
      },
      {
        incident: toIncidentResponse(view, 'UTC', actor.organizationId),
        facts: factsHistory(events),
        assessments: history.assessments.map(toAssessmentResponse),
        decisions: history.decisions.map((d) => toDecisionResponse(d, versionOf.get(d.assessmentId))),
        notifications: notifications.map(toNotificationResponse),
        obligations: view.obligations.map((o) => toObligationResponse(o, 'UTC')),
        events,
      },
    );
    return { reference: incident.reference, bundle: bundle as EvidenceBundleResponse };
  }

  // The CLI names an incident by its id or its reference (BC-2026-000042).
  async find(idOrReference: string): Promise<{ id: string; controllerId: string; reporterOrgId: string | null; status: string } | null> {
    const rows = await this.db.read((m) =>
      m.query(
        `SELECT id, controller_id AS "controllerId", reporter_org_id AS "reporterOrgId", status FROM incident WHERE id::text = lower($1) OR reference = upper($1)`,
        [idOrReference],
      ),
    );
    return rows[0] ?? null;
  }
}
