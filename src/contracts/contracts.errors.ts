import { DomainError, ErrorKind } from '../platform/http/domain-error';

export enum ContractErrorCode {
  NotFound = 'contract.not_found',
  WrongParty = 'contract.wrong_party',
  Duplicate = 'contract.duplicate',
  NotController = 'contract.not_controller',
}

const KIND: Record<ContractErrorCode, ErrorKind> = {
  [ContractErrorCode.NotFound]: 'not_found',
  [ContractErrorCode.WrongParty]: 'validation',
  [ContractErrorCode.Duplicate]: 'conflict',
  [ContractErrorCode.NotController]: 'forbidden',
};

export class ContractError extends DomainError {
  readonly kind: ErrorKind;

  constructor(
    readonly code: ContractErrorCode,
    message: string,
    errors?: { path: string; message: string }[],
  ) {
    super(message, { errors });
    this.kind = KIND[code];
  }
}
