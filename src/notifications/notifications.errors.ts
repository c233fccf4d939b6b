import { errorFamily } from '../platform/http/domain-error';

export enum NotificationErrorCode {
  ReasonsForDelayRequired = 'notification.reasons_for_delay_required',
  InitialExists = 'notification.initial_exists',
  InitialRequired = 'notification.initial_required',
  NotYourKind = 'notification.not_your_kind',
  Closed = 'notification.incident_closed',
}

export class NotificationError extends errorFamily<NotificationErrorCode>({
  [NotificationErrorCode.ReasonsForDelayRequired]: 'unprocessable',
  [NotificationErrorCode.InitialExists]: 'conflict',
  [NotificationErrorCode.InitialRequired]: 'conflict',
  [NotificationErrorCode.NotYourKind]: 'forbidden',
  [NotificationErrorCode.Closed]: 'conflict',
}) {}
