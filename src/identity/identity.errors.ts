import { errorFamily } from '../platform/http/domain-error';

export enum IdentityErrorCode {
  Unauthenticated = 'identity.unauthenticated',
  Forbidden = 'identity.forbidden',
  OrganizationNotFound = 'identity.organization_not_found',
  UserNotFound = 'identity.user_not_found',
  TokenNotFound = 'identity.token_not_found',
  SlugTaken = 'identity.slug_taken',
  EmailTaken = 'identity.email_taken',
  LastAdmin = 'identity.last_admin',
  LinkInvalid = 'identity.link_invalid',
}

export class IdentityError extends errorFamily<IdentityErrorCode>({
  [IdentityErrorCode.Unauthenticated]: 'unauthenticated',
  [IdentityErrorCode.Forbidden]: 'forbidden',
  [IdentityErrorCode.OrganizationNotFound]: 'not_found',
  [IdentityErrorCode.UserNotFound]: 'not_found',
  [IdentityErrorCode.TokenNotFound]: 'not_found',
  [IdentityErrorCode.SlugTaken]: 'conflict',
  [IdentityErrorCode.EmailTaken]: 'conflict',
  [IdentityErrorCode.LastAdmin]: 'conflict',
  [IdentityErrorCode.LinkInvalid]: 'not_found',
}) {}
