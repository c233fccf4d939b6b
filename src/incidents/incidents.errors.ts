import { DomainError, ErrorKind, FieldError } from '../platform/http/domain-error';

export enum IncidentErrorCode {
  NotFound = 'incident.not_found',
  VersionConflict = 'incident.version_conflict',
  VersionRequired = 'incident.version_required',
  IllegalTransition = 'incident.illegal_transition',
  Closed = 'incident.closed',
  NotYourSide = 'incident.not_your_side',
}

const KIND: Record<IncidentErrorCode, ErrorKind> = {
  [IncidentErrorCode.NotFound]: 'not_found',
  [IncidentErrorCode.VersionConflict]: 'conflict',
  [IncidentErrorCode.VersionRequired]: 'precondition_required',
  [IncidentErrorCode.IllegalTransition]: 'conflict',
  [IncidentErrorCode.Closed]: 'conflict',
  [IncidentErrorCode.NotYourSide]: 'forbidden',
};

export class IncidentError extends DomainError {
  readonly kind: ErrorKind;

  constructor(
    readonly code: IncidentErrorCode,
    message: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(message, options);
    this.kind = KIND[code];
  }
}
