import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import { asStored } from '../platform/validation/input-rules';
import { AuditEvent } from './audit-event.entity';
import { ChainedContent, chainGenesis, chainHash } from './domain/audit-chain';

// A chain's head row, created with the chain's first event. Upserting it locks it until the
// surrounding transaction ends, and returns the hash to link to: appends to one chain are serialised,
// those of different chains (organizations) are not.
const LOCK_HEAD = `
  INSERT INTO audit_chain (chain, head_hash, events) VALUES ($1, $2, 0)
  ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
  RETURNING head_hash`;

// The events in one statement (in the order of the list, so they take their sequence numbers in it)
// and the chain's new head with them; returns what was stored, but for the changes and their
// commitments (see appendToChain).
const insertEvents = (only: string) => `
    INSERT INTO audit_event (id, occurred_at, actor, actor_user_id, actor_org_id, action, entity_type, entity_id, incident_id,
                             changes, reason, request_id, chain, format, commitments, prev_hash, hash)
    SELECT x.id, x.occurred_at, x.actor, x.actor_user_id, x.actor_org_id, x.action, x.entity_type, x.entity_id, x.incident_id,
           x.changes, x.reason, x.request_id, $2, x.format, x.commitments, x.prev_hash, x.hash
    FROM jsonb_to_recordset($1::jsonb) AS x(n int, id uuid, occurred_at timestamptz, actor text, actor_user_id uuid, actor_org_id uuid,
         action text, entity_type text, entity_id uuid, incident_id uuid, changes jsonb, reason text, request_id text,
         format smallint, commitments jsonb, prev_hash text, hash text)
    ${only}
    ORDER BY x.n
    RETURNING *`;
const MOVE_HEAD = `UPDATE audit_chain SET head_hash = $3, events = events + $4, updated_at = $5 WHERE chain = $2`;
const STORED = `
  SELECT seq::text AS seq, id, occurred_at, actor, actor_user_id, actor_org_id, action, entity_type, entity_id, incident_id,
         reason, request_id, format, prev_hash, hash
  FROM ins ORDER BY ins.seq`;
const APPEND = `WITH ins AS (${insertEvents('')}), head AS (${MOVE_HEAD}) ${STORED}`;

// The same if the head is still $6: the head moves and the events go in only then (else no row).
const APPEND_IF_HEAD = `
  WITH head AS (${MOVE_HEAD} AND head_hash = $6 RETURNING chain),
  ins AS (${insertEvents('WHERE EXISTS (SELECT 1 FROM head)')}) ${STORED}`;

// Per chain, the head this app last moved it to: where its next append most likely links, as long as
// no other transaction or instance appended since (AuditService keeps one per app).
export type HeadGuesses = Map<string, string>;

// Appends events (their content already as stored, AuditService) to one chain in two statements:
// lock the head, then insert them linked from it and move the head. With a guess of the head (the
// one this app last moved the chain to), one statement first: link from the guess, move the head only
// if it is still the guess and insert only then (an UPDATE that finds its row locked waits for it and
// looks again, so a moved head is seen); nothing stored → the two statements as before. Each event gets its place
// (seq, prevHash, hash) filled in. What was stored is checked against what was hashed, inside the
// same transaction: should the stored form ever differ, the change is refused (rolled back with its
// events) rather than leaving a chain that fails verification for good. Every column but the changes
// and commitments comes back and is compared as stored (uuids, the instant, text). Those two are not
// read back and hashed a second time (that doubled the cost of a batch's append): they went in as
// the JSON text of the very values hashed, made storable by asStored, and jsonb keeps such JSON as it
// is given (strings well-formed, numbers as JavaScript printed them); `audit verify` re-hashes all.
export async function appendToChain(
  tx: EntityManager,
  chain: string,
  events: AuditEvent[],
  at: Date,
  guesses?: HeadGuesses,
): Promise<void> {
  const guess = guesses?.get(chain);
  if (guess !== undefined) {
    const linked = link(events, guess);
    const { rows: returned } = await execute<StoredRow>(tx, APPEND_IF_HEAD, [...appendParams(chain, linked, at), guess], { prepare: true });
    if (returned.length > 0) return stored(chain, events, linked.rows, returned, guesses);
  }
  const { rows: heads } = await execute<{ head_hash: string }>(tx, LOCK_HEAD, [chain, chainGenesis(chain)], { prepare: true });
  const linked = link(events, heads[0].head_hash);
  const { rows: returned } = await execute<StoredRow>(tx, APPEND, appendParams(chain, linked, at), { prepare: true });
  stored(chain, events, linked.rows, returned, guesses);
}

type Linked = ReturnType<typeof link>;

const appendParams = (chain: string, linked: Linked, at: Date) => [
  JSON.stringify(linked.rows),
  chain,
  linked.head,
  linked.rows.length,
  at.toISOString(),
];

// The events as rows linked one to the next from `prevHash`, and the new head.
function link(events: AuditEvent[], prevHash: string) {
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
      format: e.format,
      commitments: e.commitments,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  return { rows, head: prevHash };
}

// Checks what was stored against what was hashed and fills in each event's place.
function stored(chain: string, events: AuditEvent[], rows: Linked['rows'], returned: StoredRow[], guesses: HeadGuesses | undefined): void {
  if (returned.length !== events.length) throw new Error('audit events would not verify as stored; the change was not made');
  returned.forEach((r, i) => {
    const e = events[i];
    const sent = rows[i];
    const same =
      r.id === e.id &&
      r.prev_hash === sent.prev_hash &&
      r.hash === sent.hash &&
      Number(r.format) === e.format &&
      new Date(r.occurred_at).toISOString() === sent.occurred_at &&
      r.actor === e.actor &&
      r.actor_user_id === e.actorUserId &&
      r.actor_org_id === e.actorOrgId &&
      r.action === e.action &&
      r.entity_type === e.entityType &&
      r.entity_id === e.entityId &&
      r.incident_id === e.incidentId &&
      r.reason === e.reason &&
      r.request_id === e.requestId;
    if (!same) throw new Error(`audit event ${e.id} would not verify as stored; the change was not made`);
    Object.assign(e, { seq: String(r.seq), chain, prevHash: sent.prev_hash, hash: sent.hash });
  });
  // A guess only: should this transaction roll back, the next append finds the head elsewhere.
  guesses?.set(chain, rows[rows.length - 1].hash);
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
  reason: string | null;
  request_id: string | null;
  format: number;
  prev_hash: string;
  hash: string;
}

// A JSON value as jsonb stores and gives it back: a copy through JSON, with lone surrogates made
// U+FFFD (asStored). JSON.stringify writes a lone surrogate as an escape (\udXXX) and nothing else
// does, so a text without one needs no second walk.
export function storableJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  const copy: unknown = JSON.parse(text);
  return /\\ud[89a-f]/i.test(text) ? asStored(copy) : copy;
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
    // Format 1 events hash as before: without these two keys.
    ...(e.format === 2 ? { format: 2 as const, commitments: e.commitments } : {}),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
