import { errorFamily } from '../platform/http/domain-error';

export enum ObligationErrorCode {
  NotFound = 'obligation.not_found',
  NotYourSide = 'obligation.not_your_side',
  NotLive = 'obligation.not_live',
  ReasonsForDelayRequired = 'obligation.reasons_for_delay_required',
  IncidentNotFound = 'obligation.incident_not_found',
  NotClassifiable = 'obligation.not_classifiable',
}

export class ObligationError extends errorFamily<ObligationErrorCode>({
  [ObligationErrorCode.NotFound]: 'not_found',
  [ObligationErrorCode.NotYourSide]: 'forbidden',
  [ObligationErrorCode.NotLive]: 'conflict',
  [ObligationErrorCode.ReasonsForDelayRequired]: 'unprocessable',
  [ObligationErrorCode.IncidentNotFound]: 'not_found',
  [ObligationErrorCode.NotClassifiable]: 'conflict',
}) {}
