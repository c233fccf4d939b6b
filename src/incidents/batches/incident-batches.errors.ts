import { errorFamily } from '../../platform/http/domain-error';

export enum BatchErrorCode {
  NotFound = 'incident_batch.not_found',
  NotYourSide = 'incident_batch.not_your_side',
}

export class BatchError extends errorFamily<BatchErrorCode>({
  [BatchErrorCode.NotFound]: 'not_found',
  [BatchErrorCode.NotYourSide]: 'forbidden',
}) {}
