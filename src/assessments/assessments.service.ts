import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { IncidentQueries } from '../incidents/incident-queries.service';
import { IncidentStatusService } from '../incidents/incident-status.service';
import { ObligationsService } from '../obligations/obligations.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { Assessment } from './assessment.entity';
import { AssessmentError, AssessmentErrorCode } from './assessments.errors';
import { AssessmentsRepository } from './assessments.repository';
import { Decision } from './decision.entity';
import { decisionProblems, followsRecommendation } from './domain/decision-rules';
import { ReasonPhrases, SeverityInput, SeverityResult, assessSeverity, severityInputProblems } from './domain/enisa-severity';
import { RiskFacts } from './domain/risk-flags';
import { Incident } from '../incidents/incident.entity';
import { AssessmentDto } from './dto/assessment.dto';
import { DecisionDto } from './dto/decision.dto';

const trimmed = (text: string | undefined) => (text?.trim() ? text.trim() : null);

// The controller's risk assessment (versioned) and its decision with reasons (superseding).
// The score advises; only a decision changes the incident's course.
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly db: Database,
    private readonly repo: AssessmentsRepository,
    private readonly incidents: IncidentQueries,
    private readonly statuses: IncidentStatusService,
    private readonly obligations: ObligationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // The score and recommendation the inputs would give, stored nowhere: the incident page shows
  // it live while the DPO fills in the form. Same checks and access as assess().
  // `phrases`: the reasons' wording, for a page in another language; what is stored is always English.
  async preview(actor: Actor, incidentId: string, dto: AssessmentDto, phrases?: ReasonPhrases): Promise<SeverityResult> {
    const input = severityInputOf(dto);
    const incident = await this.db.read((m) => this.incidents.loadForController(m, actor, incidentId, false));
    return assessSeverity(input, riskFactsOf(incident), phrases);
  }

  async assess(actor: Actor, incidentId: string, dto: AssessmentDto): Promise<Assessment> {
    const input = severityInputOf(dto);
    return this.db.transaction(async (tx) => {
      const incident = await this.incidents.loadForController(tx, actor, incidentId);
      incidentId = incident.id; // the stored (canonical) id from here on
      if (incident.status === 'closed') {
        throw new AssessmentError(AssessmentErrorCode.Closed, 'The incident is closed; its assessment stays as it was.', {
          extensions: { incidentStatus: incident.status, allowed: [] },
        });
      }
      const facts = riskFactsOf(incident);
      const result = assessSeverity(input, facts);
      const previous = await this.repo.latestAssessment(tx, incidentId);
      const assessment = await this.repo.insertAssessment(
        tx,
        tx.create(Assessment, {
          id: this.ids.next(),
          incidentId,
          version: (previous?.version ?? 0) + 1,
          inputs: input,
          scoreQuarters: result.scoreQuarters,
          band: result.band,
          flags: result.flags,
          recommendation: result.recommendation,
          incidentFacts: facts,
          riskFlags: result.riskFlags,
          assessedById: actor.userId,
          assessedAt: this.clock.now(),
        }),
      );
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'assessment.recorded',
        entityType: 'assessment',
        entityId: assessment.id,
        incidentId,
        changes: {
          version: { from: previous?.version ?? null, to: assessment.version },
          score: { from: previous ? previous.scoreQuarters / 4 : null, to: result.score },
          band: { from: previous?.band ?? null, to: result.band },
          recommendation: { from: previous?.recommendation ?? null, to: result.recommendation },
          riskFlags: { from: previous ? previous.riskFlags.map((f) => f.flag) : null, to: result.riskFlags.map((f) => f.flag) },
        },
      });
      if (incident.status === 'reported' || incident.status === 'triage') await this.statuses.moveStatus(tx, actor, incident, 'assessed');
      await this.obligations.sync(tx, incidentId, auditActorOf(actor)); // the risk decides the revFADP duty
      return assessment;
    });
  }

  async decide(actor: Actor, incidentId: string, dto: DecisionDto): Promise<Decision> {
    return this.db.transaction(async (tx) => {
      const incident = await this.incidents.loadForController(tx, actor, incidentId);
      incidentId = incident.id; // the stored (canonical) id from here on
      const assessment = await this.repo.latestAssessment(tx, incidentId);
      if (!assessment) {
        throw new AssessmentError(
          AssessmentErrorCode.AssessmentRequired,
          'Assess the risk first (PUT …/assessment): a decision rests on an assessment.',
          { extensions: { incidentStatus: incident.status } },
        );
      }
      if (!['assessed', 'not_notifiable', 'notified'].includes(incident.status)) {
        throw new AssessmentError(
          AssessmentErrorCode.NotDecidable,
          `The incident is ${incident.status}; decisions are taken when it is assessed, not notifiable or notified.`,
          {
            extensions: { incidentStatus: incident.status, decidableIn: ['assessed', 'not_notifiable', 'notified'] },
          },
        );
      }
      if (incident.status === 'notified' && !dto.notifyAuthority) {
        throw new AssessmentError(
          AssessmentErrorCode.NotDecidable,
          'The authority has been notified already; a decision not to notify cannot follow.',
          {
            extensions: { incidentStatus: incident.status },
          },
        );
      }
      const problems = decisionProblems(dto, assessment.recommendation, incident.controller?.country ?? '');
      if (problems.length) throw new ValidationError(problems);
      const now = this.clock.now();
      const previous = await this.repo.latestDecision(tx, incidentId);
      const decision = await this.repo.insertDecision(
        tx,
        tx.create(Decision, {
          id: this.ids.next(),
          incidentId,
          sequence: (previous?.sequence ?? 0) + 1,
          assessmentId: assessment.id,
          notifyAuthority: dto.notifyAuthority,
          authorityReason: trimmed(dto.authorityReason),
          notifySubjects: dto.notifySubjects,
          subjectsExemption: dto.subjectsExemption ?? null,
          subjectsReason: trimmed(dto.subjectsReason),
          publicCommunication: dto.publicCommunication
            ? { ...dto.publicCommunication, publishedAt: new Date(dto.publicCommunication.publishedAt).toISOString() }
            : null,
          followsRecommendation: followsRecommendation(dto, assessment.recommendation),
          decidedById: actor.userId,
          decidedAt: now,
        }),
      );
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'decision.recorded',
        entityType: 'decision',
        entityId: decision.id,
        incidentId,
        changes: {
          sequence: { from: previous?.sequence ?? null, to: decision.sequence },
          assessmentVersion: { from: null, to: assessment.version },
          notifyAuthority: { from: previous?.notifyAuthority ?? null, to: decision.notifyAuthority },
          notifySubjects: { from: previous?.notifySubjects ?? null, to: decision.notifySubjects },
          subjectsExemption: { from: previous?.subjectsExemption ?? null, to: decision.subjectsExemption },
          followsRecommendation: { from: null, to: decision.followsRecommendation },
        },
        reason: [decision.authorityReason, decision.subjectsReason].filter(Boolean).join(' | ') || null,
      });
      // "Not notifiable" waives the authority duties (ObligationsService.sync below); a later
      // "notify" brings them back.
      if (!decision.notifyAuthority) {
        await this.statuses.moveStatus(tx, actor, incident, 'not_notifiable');
      } else if (incident.status === 'not_notifiable') {
        await this.statuses.moveStatus(tx, actor, incident, 'assessed', 'a later decision to notify the authority');
      }
      await this.obligations.sync(tx, incidentId, auditActorOf(actor));
      return decision;
    });
  }

  async history(actor: Actor, incidentId: string): Promise<{ assessments: Assessment[]; decisions: Decision[] }> {
    return this.db.read(async (m) => {
      await this.incidents.loadForController(m, actor, incidentId, false);
      const [assessments, decisions] = await Promise.all([this.repo.assessmentsOf(m, incidentId), this.repo.decisionsOf(m, [incidentId])]);
      return { assessments, decisions };
    });
  }

  // The decision in force (the latest), for drafts.
  latestDecision(incidentId: string): Promise<Decision | null> {
    return this.db.read((m) => this.repo.latestDecision(m, incidentId));
  }

  // The latest assessment, for the controller's drafts (never for the processor's side).
  latestAssessment(incidentId: string): Promise<Assessment | null> {
    return this.db.read((m) => this.repo.latestAssessment(m, incidentId));
  }

  // For the register: the latest assessment and every decision of each incident.
  async ofIncidents(incidentIds: string[]): Promise<{ assessments: Map<string, Assessment>; decisions: Map<string, Decision[]> }> {
    return this.db.read(async (m) => {
      const [assessments, decisions] = await Promise.all([
        this.repo.latestAssessmentsOf(m, incidentIds),
        this.repo.decisionsOf(m, incidentIds),
      ]);
      const byIncident = new Map<string, Decision[]>();
      for (const d of decisions) (byIncident.get(d.incidentId) ?? byIncident.set(d.incidentId, []).get(d.incidentId)!).push(d);
      return { assessments: new Map(assessments.map((a) => [a.incidentId, a])), decisions: byIncident };
    });
  }
}

// The incident's facts the recommendation reads (risk-flags.ts); kept with the assessment.
function riskFactsOf(i: Incident): RiskFacts {
  return {
    approximateSubjects: i.approximateSubjects,
    specialCategories: i.specialCategories,
    subjectCategories: i.subjectCategories,
    vulnerableSubjects: i.vulnerableSubjects,
  };
}

// The validated request as the ENISA method's input; 400 naming the field when a score differs
// from the base without a reason.
function severityInputOf(dto: AssessmentDto): SeverityInput {
  const input: SeverityInput = {
    dataCategories: dto.dataCategories.map((c) => ({
      category: c.category,
      ...(c.score !== undefined ? { score: c.score } : {}),
      ...(c.reason?.trim() ? { reason: c.reason.trim() } : {}),
    })),
    easeOfIdentification: dto.easeOfIdentification,
    confidentiality: dto.confidentiality,
    integrity: dto.integrity,
    availability: dto.availability,
    maliciousIntent: dto.maliciousIntent,
    unintelligible: dto.unintelligible ?? false,
    recipientTrustedAndDeleted: dto.recipientTrustedAndDeleted ?? false,
    highRiskRemovedByMeasures: dto.highRiskRemovedByMeasures ?? false,
  };
  const problems = severityInputProblems(input);
  if (problems.length) throw new ValidationError(problems);
  return input;
}
