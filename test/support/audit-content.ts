import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChainedContent, GENESIS_HASH, chainHash } from '../../src/audit/domain/audit-chain';

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

// Events as chain format 1 stored them, appended to the legacy chain (events from before chains were
// per organization): what a database upgraded from then holds. Returns the chain's new head.
export async function appendLegacyEvents(
  ds: DataSource,
  events: Pick<ChainedContent, 'actor' | 'actorOrgId' | 'action' | 'entityType' | 'entityId' | 'incidentId' | 'changes' | 'reason'>[],
  at = '2024-01-01T00:00:00.000Z',
): Promise<string> {
  const [head] = await ds.query(`SELECT head_hash FROM audit_chain WHERE chain = 'legacy'`);
  let prev: string = head?.head_hash ?? GENESIS_HASH;
  for (const e of events) {
    const content: ChainedContent = { id: randomUUID(), occurredAt: at, actorUserId: null, requestId: null, ...e };
    const hash = chainHash(prev, content);
    await ds.query(
      `INSERT INTO audit_event (id, occurred_at, actor, actor_user_id, actor_org_id, action, entity_type, entity_id, incident_id, changes, reason,
                                request_id, chain, format, prev_hash, hash)
       VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $10, NULL, 'legacy', 1, $11, $12)`,
      [
        content.id,
        at,
        e.actor,
        e.actorOrgId,
        e.action,
        e.entityType,
        e.entityId,
        e.incidentId,
        JSON.stringify(e.changes),
        e.reason,
        prev,
        hash,
      ],
    );
    prev = hash;
  }
  await ds.query(
    `INSERT INTO audit_chain (chain, head_hash, events) VALUES ('legacy', $1, $2)
     ON CONFLICT (chain) DO UPDATE SET head_hash = EXCLUDED.head_hash, events = audit_chain.events + EXCLUDED.events`,
    [prev, events.length],
  );
  return prev;
}
