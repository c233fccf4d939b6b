import { Assessment } from '../assessment.entity';
import { Decision } from '../decision.entity';

export function toAssessmentResponse(a: Assessment) {
  return {
    id: a.id,
    version: a.version,
    score: a.scoreQuarters / 4,
    band: a.band,
    flags: a.flags,
    riskFlags: a.riskFlags,
    recommendation: a.recommendation,
    inputs: a.inputs,
    incidentFacts: a.incidentFacts,
    assessedAt: a.assessedAt.toISOString(),
    assessedBy: a.assessedBy?.email ?? a.assessedById,
  };
}

export function toDecisionResponse(d: Decision, assessmentVersion?: number) {
  return {
    id: d.id,
    sequence: d.sequence,
    assessmentVersion: d.assessment?.version ?? assessmentVersion ?? null,
    notifyAuthority: d.notifyAuthority,
    authorityReason: d.authorityReason,
    notifySubjects: d.notifySubjects,
    subjectsExemption: d.subjectsExemption,
    subjectsReason: d.subjectsReason,
    publicCommunication: d.publicCommunication,
    followsRecommendation: d.followsRecommendation,
    decidedAt: d.decidedAt.toISOString(),
    decidedBy: d.decidedBy?.email ?? d.decidedById,
  };
}
