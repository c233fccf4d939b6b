import { errorFamily } from '../platform/http/domain-error';

export enum ContractErrorCode {
  NotFound = 'contract.not_found',
  WrongParty = 'contract.wrong_party',
  Duplicate = 'contract.duplicate',
  NotController = 'contract.not_controller',
  NotProcessor = 'contract.not_processor',
  ImportRefused = 'contract.import_refused',
}

export class ContractError extends errorFamily<ContractErrorCode>({
  [ContractErrorCode.NotFound]: 'not_found',
  [ContractErrorCode.WrongParty]: 'validation',
  [ContractErrorCode.Duplicate]: 'conflict',
  [ContractErrorCode.NotController]: 'forbidden',
  [ContractErrorCode.NotProcessor]: 'forbidden',
  [ContractErrorCode.ImportRefused]: 'unprocessable',
}) {}
