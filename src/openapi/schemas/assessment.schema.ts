import type { SeverityInput, SubjectsExemption } from '../../assessments/domain/enisa-severity';
import type { RiskFacts, RiskFlagName, RiskLevel } from '../../assessments/domain/risk-flags';

// ENISA assessments and decisions as the API sends them (assessments/dto/assessment.response.ts);
// schemas.spec.ts holds them to the mappers' types.
export class AssessmentFlagsSchema {
  moreThan100Subjects: boolean;
  unintelligible: boolean;
}

export class RiskFlagSchema {
  flag: RiskFlagName;
  raises: RiskLevel;
  reason: string;
  source: string;
}

export class RecommendationSchema {
  notifyAuthority: boolean;
  notifySubjects: boolean;
  subjectsExemption: SubjectsExemption | null;
  reasons: string[];
}

export class AssessmentPreviewSchema {
  score: number;
  band: 'low' | 'medium' | 'high' | 'very_high';
  flags: AssessmentFlagsSchema;
  riskFlags: RiskFlagSchema[];
  recommendation: RecommendationSchema;
}

export class AssessmentSchema extends AssessmentPreviewSchema {
  id: string;
  version: number;
  // The inputs as given (the body of PUT …/assessment, defaults filled in).
  inputs: SeverityInput;
  // The incident's facts the risk flags were read from, as they were then.
  incidentFacts: RiskFacts | null;
  assessedAt: string;
  assessedBy: string;
}

export class PublicCommunicationSchema {
  channel: string;
  publishedAt: string;
  text: string;
}

export class DecisionSchema {
  id: string;
  sequence: number;
  assessmentVersion: number | null;
  notifyAuthority: boolean;
  authorityReason: string | null;
  notifySubjects: boolean;
  subjectsExemption: SubjectsExemption | null;
  subjectsReason: string | null;
  publicCommunication: PublicCommunicationSchema | null;
  followsRecommendation: boolean;
  decidedAt: string;
  decidedBy: string;
}

export class AssessmentHistorySchema {
  assessments: AssessmentSchema[];
  decisions: DecisionSchema[];
}
