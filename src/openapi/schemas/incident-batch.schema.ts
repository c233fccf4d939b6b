import { ApiProperty } from '@nestjs/swagger';
import { SELECTION_SCHEMA } from '../../incidents/batches/dto/create-batch.dto';

// Incident batches (incidents/batches/dto/incident-batch.response.ts); schemas.spec.ts holds these
// to the mapper.
export class BatchSubProcessorSelectionSchema {
  subProcessor: string;
}

export class BatchFailureSchema {
  contractId: string;
  message: string;
}

export class IncidentBatchSchema {
  id: string;
  // draft (nothing filed until submitted) → pending → running → completed, or failed (some
  // contracts refused the report, or a chunk kept failing: see failures).
  status: 'draft' | 'pending' | 'running' | 'completed' | 'failed';
  total: number;
  created: number;
  failed: number;
  failures: BatchFailureSchema[];
  // The selection as given: "all", contract ids, or { subProcessor }.
  @ApiProperty(SELECTION_SCHEMA)
  contracts: 'all' | string[] | BatchSubProcessorSelectionSchema;
  // The intake fields of the batch's reports (a draft's, as edited so far).
  @ApiProperty({ type: 'object', additionalProperties: true })
  incident: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export class BatchSkippedIncidentSchema {
  id: string;
  status: string;
  reason: string;
}

export class BatchFollowUpSchema {
  id: string;
  updated: string[];
  unchanged: string[];
  skipped: BatchSkippedIncidentSchema[];
  // The batch as it is now (for a draft: its edited facts and selection; nothing is filed).
  batch: IncidentBatchSchema;
}

export class DraftBatchSchema {
  id: string;
  title: string;
  // Contracts its selection names today.
  total: number;
  updatedAt: string;
}

export class DraftBatchListSchema {
  items: DraftBatchSchema[];
}
