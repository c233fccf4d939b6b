import { errorFamily } from '../platform/http/domain-error';

export enum AssessmentErrorCode {
  AssessmentRequired = 'assessment.required',
  NotDecidable = 'decision.not_decidable',
  Closed = 'assessment.incident_closed',
}

export class AssessmentError extends errorFamily<AssessmentErrorCode>({
  [AssessmentErrorCode.AssessmentRequired]: 'conflict',
  [AssessmentErrorCode.NotDecidable]: 'conflict',
  [AssessmentErrorCode.Closed]: 'conflict',
}) {}
