import { AssessmentSchema, DecisionSchema } from './assessment.schema';
import { IncidentSchema } from './incident.schema';
import { NotificationSummarySchema } from './notification.schema';

// The Art. 33(5) register in JSON (register.controller.ts): each incident with its latest
// assessment, its decisions and what was sent (without the bodies).
export class RegisterEntrySchema extends IncidentSchema {
  contractReference: string | null;
  assessment: AssessmentSchema | null;
  decisions: DecisionSchema[];
  notifications: NotificationSummarySchema[];
}

export class RegisterSchema {
  generatedAt: string;
  items: RegisterEntrySchema[];
}

export class RegisterStatsSchema {
  total: number;
  byCause: Record<string, number>;
  byType: Record<string, number>;
  authorityNotified: number;
  medianHoursAwareToAuthority: number | null;
  shareNotifiedOnTime: number | null;
  generatedAt: string;
}
