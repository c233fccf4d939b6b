import { errorFamily } from '../platform/http/domain-error';

export enum IncidentErrorCode {
  NotFound = 'incident.not_found',
  VersionConflict = 'incident.version_conflict',
  VersionRequired = 'incident.version_required',
  IllegalTransition = 'incident.illegal_transition',
  Closed = 'incident.closed',
  NotYourSide = 'incident.not_your_side',
  OpenObligations = 'incident.open_obligations',
}

export class IncidentError extends errorFamily<IncidentErrorCode>({
  [IncidentErrorCode.NotFound]: 'not_found',
  [IncidentErrorCode.VersionConflict]: 'conflict',
  [IncidentErrorCode.VersionRequired]: 'precondition_required',
  [IncidentErrorCode.IllegalTransition]: 'conflict',
  [IncidentErrorCode.Closed]: 'conflict',
  [IncidentErrorCode.NotYourSide]: 'forbidden',
  [IncidentErrorCode.OpenObligations]: 'conflict',
}) {}
