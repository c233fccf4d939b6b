import { BatchFailure, BatchStatus, IncidentBatch } from '../incident-batch.entity';
import type { BatchSelection } from './create-batch.dto';

export interface IncidentBatchResponse {
  id: string;
  status: BatchStatus;
  total: number;
  created: number;
  failed: number;
  failures: BatchFailure[];
  contracts: BatchSelection;
  incident: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

// The progress of a batch as its processor sees it (the incidents: GET /api/v1/incidents?batch=<id>).
export function toIncidentBatchResponse(batch: IncidentBatch): IncidentBatchResponse {
  return {
    id: batch.id,
    status: batch.status,
    total: batch.total,
    created: batch.created,
    failed: batch.failed,
    failures: batch.failures,
    contracts: batch.selection as BatchSelection,
    incident: batch.intake,
    createdAt: batch.createdAt.toISOString(),
    updatedAt: batch.updatedAt.toISOString(),
  };
}
