import { DomainError, ErrorKind, FieldError } from '../platform/http/domain-error';

export enum NotificationErrorCode {
  ReasonsForDelayRequired = 'notification.reasons_for_delay_required',
  InitialExists = 'notification.initial_exists',
  InitialRequired = 'notification.initial_required',
  NotYourKind = 'notification.not_your_kind',
  Closed = 'notification.incident_closed',
}

const KIND: Record<NotificationErrorCode, ErrorKind> = {
  [NotificationErrorCode.ReasonsForDelayRequired]: 'unprocessable',
  [NotificationErrorCode.InitialExists]: 'conflict',
  [NotificationErrorCode.InitialRequired]: 'conflict',
  [NotificationErrorCode.NotYourKind]: 'forbidden',
  [NotificationErrorCode.Closed]: 'conflict',
};

export class NotificationError extends DomainError {
  readonly kind: ErrorKind;

  constructor(
    readonly code: NotificationErrorCode,
    message: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(message, options);
    this.kind = KIND[code];
  }
}
