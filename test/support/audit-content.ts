import type { ChainedContent } from '../../src/audit/domain/audit-chain';

// The content of the n-th event of a test chain: an incident's update by its DPO.
export function auditContent(n: number, changes: unknown, reason: string | null = null): ChainedContent {
  return {
    id: `00000000-0000-7000-8000-00000000000${n}`,
    occurredAt: `2025-01-0${n}T00:00:00.000Z`,
    actor: 'user:dpo@example.com',
    actorUserId: null,
    actorOrgId: null,
    action: 'incident.updated',
    entityType: 'incident',
    entityId: '00000000-0000-7000-8000-000000000099',
    incidentId: '00000000-0000-7000-8000-000000000099',
    changes,
    reason,
    requestId: 'req-1',
  };
}
