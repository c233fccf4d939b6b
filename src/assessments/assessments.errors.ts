import { DomainError, ErrorKind } from '../platform/http/domain-error';

export enum AssessmentErrorCode {
  AssessmentRequired = 'assessment.required',
  NotDecidable = 'decision.not_decidable',
  Closed = 'assessment.incident_closed',
}

const KIND: Record<AssessmentErrorCode, ErrorKind> = {
  [AssessmentErrorCode.AssessmentRequired]: 'conflict',
  [AssessmentErrorCode.NotDecidable]: 'conflict',
  [AssessmentErrorCode.Closed]: 'conflict',
};

export class AssessmentError extends DomainError {
  readonly kind: ErrorKind;

  constructor(
    readonly code: AssessmentErrorCode,
    message: string,
    extensions?: Record<string, unknown>,
  ) {
    super(message, { extensions });
    this.kind = KIND[code];
  }
}
