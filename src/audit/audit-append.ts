import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import { AuditEvent, FieldChange } from './audit-event.entity';
import { ChainedContent, chainGenesis, chainHash } from './domain/audit-chain';

// A chain's head row, created with the chain's first event. Upserting it locks it until the
// surrounding transaction ends, and returns the hash to link to: appends to one chain are serialised,
// those of different chains (organizations) are not.
const LOCK_HEAD = `
  INSERT INTO audit_chain (chain, head_hash, events) VALUES ($1, $2, 0)
  ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
  RETURNING head_hash`;

// The events in one statement (in the order of the list, so they take their sequence numbers in it)
// and the chain's new head with them; returns what was stored.
const APPEND = `
  WITH ins AS (
    INSERT INTO audit_event (id, occurred_at, actor, actor_user_id, actor_org_id, action, entity_type, entity_id, incident_id,
                             changes, reason, request_id, chain, prev_hash, hash)
    SELECT x.id, x.occurred_at, x.actor, x.actor_user_id, x.actor_org_id, x.action, x.entity_type, x.entity_id, x.incident_id,
           x.changes, x.reason, x.request_id, $2, x.prev_hash, x.hash
    FROM jsonb_to_recordset($1::jsonb) AS x(n int, id uuid, occurred_at timestamptz, actor text, actor_user_id uuid, actor_org_id uuid,
         action text, entity_type text, entity_id uuid, incident_id uuid, changes jsonb, reason text, request_id text, prev_hash text, hash text)
    ORDER BY x.n
    RETURNING *
  ), head AS (
    UPDATE audit_chain SET head_hash = $3, events = events + $4, updated_at = $5 WHERE chain = $2
  )
  SELECT seq::text AS seq, id, occurred_at, actor, actor_user_id, actor_org_id, action, entity_type, entity_id, incident_id,
         changes, reason, request_id, chain, prev_hash, hash
  FROM ins ORDER BY ins.seq`;

// Appends events (their content already as stored, AuditService) to one chain in two statements:
// lock the head, then insert them linked from it and move the head. Each event gets its place
// (seq, prevHash, hash) filled in. What was stored is checked against what was hashed, inside the
// same transaction: should the stored form ever differ, the change is refused (rolled back with its
// events) rather than leaving a chain that fails verification for good.
export async function appendToChain(tx: EntityManager, chain: string, events: AuditEvent[], at: Date): Promise<void> {
  const { rows: heads } = await execute<{ head_hash: string }>(tx, LOCK_HEAD, [chain, chainGenesis(chain)]);
  let prevHash = heads[0].head_hash;
  const rows = events.map((e, n) => {
    const hash = chainHash(prevHash, contentOf(e));
    const row = {
      n,
      id: e.id,
      occurred_at: e.occurredAt.toISOString(),
      actor: e.actor,
      actor_user_id: e.actorUserId,
      actor_org_id: e.actorOrgId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      incident_id: e.incidentId,
      changes: e.changes,
      reason: e.reason,
      request_id: e.requestId,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  const { rows: returned } = await execute<StoredRow>(tx, APPEND, [JSON.stringify(rows), chain, prevHash, events.length, at.toISOString()]);
  if (returned.length !== events.length) throw new Error('audit events would not verify as stored; the change was not made');
  returned.map(fromRow).forEach((stored, i) => {
    const { seq: _seq, prevHash: storedPrev, hash: storedHash, ...storedContent } = toChained(stored);
    if (stored.id !== rows[i].id || storedPrev !== rows[i].prev_hash || chainHash(storedPrev, storedContent) !== storedHash) {
      throw new Error(`audit event ${rows[i].id} would not verify as stored; the change was not made`);
    }
    Object.assign(events[i], { seq: stored.seq, chain, prevHash: storedPrev, hash: storedHash });
  });
}

const contentOf = (e: AuditEvent): ChainedContent => {
  const { seq: _seq, prevHash: _prev, hash: _hash, ...content } = toChained(e);
  return content;
};

interface StoredRow {
  seq: string | number;
  id: string;
  occurred_at: Date | string;
  actor: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  incident_id: string | null;
  changes: Record<string, FieldChange> | string;
  reason: string | null;
  request_id: string | null;
  chain: string;
  prev_hash: string;
  hash: string;
}

function fromRow(r: StoredRow): AuditEvent {
  return {
    seq: String(r.seq),
    id: r.id,
    occurredAt: new Date(r.occurred_at),
    actor: r.actor,
    actorUserId: r.actor_user_id,
    actorOrgId: r.actor_org_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    incidentId: r.incident_id,
    changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as Record<string, FieldChange>) : r.changes,
    reason: r.reason,
    requestId: r.request_id,
    chain: r.chain,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

// An event as the chain hashes it (its content), with its place in the chain.
export function toChained(e: AuditEvent): ChainedContent & { seq: string; prevHash: string; hash: string } {
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actor: e.actor,
    actorUserId: e.actorUserId,
    actorOrgId: e.actorOrgId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    incidentId: e.incidentId,
    changes: e.changes,
    reason: e.reason,
    requestId: e.requestId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
