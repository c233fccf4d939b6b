import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';
import { AssessmentsAndDecisions1764100000000 } from './1764100000000-AssessmentsAndDecisions';
import { Notifications1764200000000 } from './1764200000000-Notifications';
import { Escalations1764300000000 } from './1764300000000-Escalations';
import { WebSessions1764400000000 } from './1764400000000-WebSessions';
import { CalendarFeedGeneration1764500000000 } from './1764500000000-CalendarFeedGeneration';
import { SignInAttemptsAndLargeCounts1764600000000 } from './1764600000000-SignInAttemptsAndLargeCounts';
import { AssessmentIncidentFacts1795750000000 } from './1795750000000-AssessmentIncidentFacts';
import { NotABreach1795760000000 } from './1795760000000-NotABreach';
import { PublicLevelAndSectorProviders1795770000000 } from './1795770000000-PublicLevelAndSectorProviders';
import { EscalationSupersededAt1795780000000 } from './1795780000000-EscalationSupersededAt';
import { ApiTokenLifecycle1795790000000 } from './1795790000000-ApiTokenLifecycle';
import { UserStatusAndLanguage1795800000000 } from './1795800000000-UserStatusAndLanguage';
import { Obligations1795810000000 } from './1795810000000-Obligations';
import { IntakeFormFacts1795820000000 } from './1795820000000-IntakeFormFacts';
import { EscalationsOnObligations1795830000000 } from './1795830000000-EscalationsOnObligations';
import { RetireClocks1795840000000 } from './1795840000000-RetireClocks';
import { Webhooks1795850000000 } from './1795850000000-Webhooks';
import { PasswordTokens1795860000000 } from './1795860000000-PasswordTokens';
import { IncidentRegimes1795870000000 } from './1795870000000-IncidentRegimes';
import { AuditChains1795871000000 } from './1795871000000-AuditChains';
import { IncidentBatches1795872000000 } from './1795872000000-IncidentBatches';
import { Offboarding1795873000000 } from './1795873000000-Offboarding';
import { ErasableAuditValues1795874000000 } from './1795874000000-ErasableAuditValues';

import { BatchDraftsAndAttempts1795874200000 } from './1795874200000-BatchDraftsAndAttempts';

// Every migration, in order. Listed by hand so the same list works from TypeScript (tests) and
// from the compiled build (npm start), with no file globbing.
export const MIGRATIONS = [
  InitialSchema1764000000000,
  AssessmentsAndDecisions1764100000000,
  Notifications1764200000000,
  Escalations1764300000000,
  WebSessions1764400000000,
  CalendarFeedGeneration1764500000000,
  SignInAttemptsAndLargeCounts1764600000000,
  AssessmentIncidentFacts1795750000000,
  NotABreach1795760000000,
  PublicLevelAndSectorProviders1795770000000,
  EscalationSupersededAt1795780000000,
  ApiTokenLifecycle1795790000000,
  UserStatusAndLanguage1795800000000,
  Obligations1795810000000,
  IntakeFormFacts1795820000000,
  EscalationsOnObligations1795830000000,
  RetireClocks1795840000000,
  Webhooks1795850000000,
  PasswordTokens1795860000000,
  IncidentRegimes1795870000000,
  AuditChains1795871000000,
  IncidentBatches1795872000000,
  Offboarding1795873000000,
  ErasableAuditValues1795874000000,

  BatchDraftsAndAttempts1795874200000,
];
