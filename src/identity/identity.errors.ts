import { DomainError, ErrorKind } from '../platform/http/domain-error';

export enum IdentityErrorCode {
  Unauthenticated = 'identity.unauthenticated',
  Forbidden = 'identity.forbidden',
  OrganizationNotFound = 'identity.organization_not_found',
  UserNotFound = 'identity.user_not_found',
  SlugTaken = 'identity.slug_taken',
  EmailTaken = 'identity.email_taken',
}

const KIND: Record<IdentityErrorCode, ErrorKind> = {
  [IdentityErrorCode.Unauthenticated]: 'unauthenticated',
  [IdentityErrorCode.Forbidden]: 'forbidden',
  [IdentityErrorCode.OrganizationNotFound]: 'not_found',
  [IdentityErrorCode.UserNotFound]: 'not_found',
  [IdentityErrorCode.SlugTaken]: 'conflict',
  [IdentityErrorCode.EmailTaken]: 'conflict',
};

export class IdentityError extends DomainError {
  readonly kind: ErrorKind;

  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(message);
    this.kind = KIND[code];
  }
}
