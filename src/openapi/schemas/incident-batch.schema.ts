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
  // pending → running → completed, or failed (some contracts refused the report: see failures).
  status: 'pending' | 'running' | 'completed' | 'failed';
  total: number;
  created: number;
  failed: number;
  failures: BatchFailureSchema[];
  // The selection as given: "all", contract ids, or { subProcessor }.
  @ApiProperty(SELECTION_SCHEMA)
  contracts: 'all' | string[] | BatchSubProcessorSelectionSchema;
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
}
