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

// A draft's step on a batch that was submitted already (409, its status named).
export function notADraft(status: string): BatchError {
  return new BatchError(BatchErrorCode.NotADraft, `The batch is ${status}; it was submitted already.`, {
    extensions: { batchStatus: status },
  });
}

// A filed batch's step (Resume, follow-ups) on a draft (409).
export function isADraft(): BatchError {
  return new BatchError(BatchErrorCode.IsADraft, 'The batch is a draft: submit it to file its reports.');
}
