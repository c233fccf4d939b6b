import type { ContractImportResult } from '../contract-import.service';

// POST /api/v1/contracts/import: what the file did.
export function toContractImportResponse(r: ContractImportResult) {
  return {
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    controllersCreated: r.controllersCreated,
    sha256: r.sha256,
  };
}
