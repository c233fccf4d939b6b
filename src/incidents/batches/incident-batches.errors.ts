import { errorFamily } from '../../platform/http/domain-error';

export enum BatchErrorCode {
  NotFound = 'incident_batch.not_found',
  NotYourSide = 'incident_batch.not_your_side',
  // Submitting, discarding or re-selecting a batch that is no longer a draft; a follow-up on a draft.
  NotADraft = 'incident_batch.not_a_draft',
  IsADraft = 'incident_batch.is_a_draft',
}

export class BatchError extends errorFamily<BatchErrorCode>({
  [BatchErrorCode.NotFound]: 'not_found',
  [BatchErrorCode.NotYourSide]: 'forbidden',
  [BatchErrorCode.NotADraft]: 'conflict',
  [BatchErrorCode.IsADraft]: 'conflict',
}) {}
