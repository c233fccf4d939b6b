import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { IdGenerator } from '../platform/ids/id-generator';
import { currentRequestId } from '../platform/logging/request-context';
import { asStored } from '../platform/validation/input-rules';
import { AuditChain } from './audit-chain.entity';
import { AuditEvent, FieldChange } from './audit-event.entity';
import { AuditObservers } from './audit-observers.service';
import { ChainBreak, ChainedContent, SYSTEM_CHAIN, chainGenesis, chainHash, chainKeyOf, findChainBreak } from './domain/audit-chain';
import { Commitments, sealValues } from './domain/audit-commitments';
import { tombstoneSignedBytes } from './domain/tombstone-signature';
import type { Signature } from '../platform/signing/signatures';

// Who did it: a signed-in user, or an operator at the command line.
export interface AuditActor {
  label: string; // "user:dpo@example.com", "cli"
  userId: string | null;
  organizationId: string | null;
}

export interface AuditEntry {
  action: string; // "incident.created", "incident.updated", …
  entityType: string;
  entityId: string;
  incidentId?: string | null;
  changes: Record<string, FieldChange>;
  reason?: string | null;
}

// The changes of a newly created entity: every field from nothing to its value.
export function createdChanges(values: Record<string, unknown>): Record<string, FieldChange> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { from: null, to: v ?? null }]));
}

// A chain's head row, created with the chain's first event. Upserting it locks it until the
// surrounding transaction ends, and returns the hash to link to: appends to one chain are serialised,
// those of different chains (organizations) are not.
const LOCK_HEAD = `
  INSERT INTO audit_chain (chain, head_hash, events) VALUES ($1, $2, 0)
  ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
  RETURNING head_hash`;

// The events in one statement (in the order of the list, so they take their sequence numbers in it)
// and the chain's new head with them; returns what was stored, but for the changes and their commitments (see recordAll).
const APPEND = `
  WITH ins AS (
    INSERT INTO audit_event (id, occurred_at, actor, actor_user_id, actor_org_id, action, entity_type, entity_id, incident_id,
                             changes, reason, request_id, chain, format, commitments, prev_hash, hash)
    SELECT x.id, x.occurred_at, x.actor, x.actor_user_id, x.actor_org_id, x.action, x.entity_type, x.entity_id, x.incident_id,
           x.changes, x.reason, x.request_id, $2, 2, x.commitments, x.prev_hash, x.hash
    FROM jsonb_to_recordset($1::jsonb) AS x(n int, id uuid, occurred_at timestamptz, actor text, actor_user_id uuid, actor_org_id uuid,
         action text, entity_type text, entity_id uuid, incident_id uuid, changes jsonb, reason text, request_id text,
         commitments jsonb, prev_hash text, hash text)
    ORDER BY x.n
    RETURNING *
  ), head AS (
    UPDATE audit_chain SET head_hash = $3, events = events + $4, updated_at = $5 WHERE chain = $2
  )
  SELECT seq::text AS seq, id, occurred_at, actor, actor_user_id, actor_org_id, action, entity_type, entity_id, incident_id,
         reason, request_id, chain, format, prev_hash, hash
  FROM ins ORDER BY ins.seq`;

export interface ChainReport {
  chain: string;
  checked: number;
  break: ChainBreak | null;
  // Events still in chain format 1: their values cannot be erased until the chain is re-sealed.
  formatOne?: number;
  // The head the chain was verified up to (when it holds).
  head?: string;
  // A chain removed with its organization: what the tombstone in the system chain says it held.
  deleted?: ChainTombstone;
}

export interface ChainTombstone {
  chain: string;
  headHash: string;
  events: number;
  tombstoneSeq: string;
  // The installation's signature (domain/tombstone-signature.ts); null on tombstones made before signing.
  signature: TombstoneSignature | null;
}

export type TombstoneSignature = Signature & { signedAt: string };

// The event in the system chain that records an organization's chain as deleted.
export const CHAIN_DELETED_ACTION = 'audit.chain_deleted';

// The audit trail (Eingabekontrolle) is a sink: callers pass their transaction so the change and
// its event commit together or not at all. It imports nothing it records.
@Injectable()
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly observers: AuditObservers,
  ) {}

  async record(tx: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<AuditEvent> {
    const [stored] = await this.recordAll(tx, actor, [entry]);
    return stored;
  }

  // Several events, appended to the actor's organization's chain in the order given: two statements
  // for all of them (lock the head, append and move the head), each still an event of its own.
  async recordAll(tx: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<AuditEvent[]> {
    if (entries.length === 0) return [];
    const chain = chainKeyOf(actor.organizationId);
    // The events' content as PostgreSQL will store it (JSON types, text as its UTF-8 encoding gives
    // it back) and the salts of their commitments, made before the chain is locked: they are most of
    // the work and need no place in the chain.
    const requestId = currentRequestId() ?? null;
    const contents = entries.map((entry) => {
      // The content as PostgreSQL will store it (uuids in lower case, text as above), so the hash
      // covers exactly what is stored. The edge refuses unstorable text and canonicalises ids
      // already; this is the second line, for values that came another way.
      const content = {
        ...(asStored({
          id: this.ids.next(),
          actor: actor.label,
          actorUserId: actor.userId?.toLowerCase() ?? null,
          actorOrgId: actor.organizationId?.toLowerCase() ?? null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId.toLowerCase(),
          incidentId: entry.incidentId?.toLowerCase() ?? null,
          reason: entry.reason ?? null,
          requestId,
        }) as Omit<ChainedContent, 'changes' | 'occurredAt'>),
        changes: storableJson(entry.changes),
      };
      // Format 2: the hash covers salted commitments to the values that may have to be erased.
      return { ...content, format: 2 as const, commitments: sealValues(content) };
    });
    const { rows: heads } = await execute<{ head_hash: string }>(tx, LOCK_HEAD, [chain, chainGenesis(chain)]);
    let prevHash = heads[0].head_hash;
    // The instant is taken once the chain is ours, so times never go backwards along a chain.
    const occurredAt = this.clock.now().toISOString();
    const events = contents.map((content) => {
      const sealed: ChainedContent = { ...content, occurredAt };
      const event = { ...sealed, prevHash, hash: chainHash(prevHash, sealed) };
      prevHash = event.hash;
      return event;
    });
    const rows = events.map((e, n) => ({
      n,
      id: e.id,
      occurred_at: e.occurredAt,
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
      commitments: e.commitments,
      prev_hash: e.prevHash,
      hash: e.hash,
    }));
    const { rows: returned } = await execute<StoredRow>(tx, APPEND, [JSON.stringify(rows), chain, prevHash, events.length, occurredAt]);
    // Check that what was stored is what was hashed, inside the same transaction: should the stored
    // form ever differ from the hashed one, the change is refused (rolled back with its events) rather
    // than leaving a chain that fails verification for good. Every column but the changes comes back
    // and is compared as stored (uuids, the instant, text). The changes and commitments are not read back and hashed
    // a second time (that doubled the cost of a batch's append): they went in as the JSON text of the
    // very value hashed, made storable by asStored, and jsonb keeps such JSON as it is given (strings
    // well-formed, numbers as JavaScript printed them); `audit verify` re-hashes everything.
    if (returned.length !== events.length) throw new Error('audit events would not verify as stored; the change was not made');
    const stored = returned.map((r, i) => {
      const e = events[i];
      const row = fromRow(r, e.changes as Record<string, FieldChange>, e.commitments ?? null);
      const same =
        row.id === e.id &&
        row.prevHash === e.prevHash &&
        row.hash === e.hash &&
        row.format === 2 &&
        row.occurredAt.toISOString() === e.occurredAt &&
        row.actor === e.actor &&
        row.actorUserId === e.actorUserId &&
        row.actorOrgId === e.actorOrgId &&
        row.action === e.action &&
        row.entityType === e.entityType &&
        row.entityId === e.entityId &&
        row.incidentId === e.incidentId &&
        row.reason === e.reason &&
        row.requestId === e.requestId;
      if (!same) throw new Error(`audit event ${e.id} would not verify as stored; the change was not made`);
      return row;
    });
    await this.observers.notifyAll(tx, stored);
    return stored;
  }

  // Removes one organization's chain (its events and head) and appends a tombstone to the system
  // chain naming its key, last hash and count, in the caller's transaction. The database lets the
  // events go only because this transaction names the chain (migration Offboarding1795873000000).
  // With a signer, the tombstone carries its signature over the chain's key, head, count and the time.
  async eraseChain(
    tx: EntityManager,
    actor: AuditActor,
    organizationId: string,
    reason: string,
    sign?: (bytes: string) => Promise<Signature>,
  ): Promise<ChainTombstone> {
    const chain = chainKeyOf(organizationId);
    const { rows: heads } = await execute<{ head_hash: string; events: string }>(
      tx,
      `SELECT head_hash, events::text AS events FROM audit_chain WHERE chain = $1 FOR UPDATE`,
      [chain],
    );
    await execute(tx, `SELECT set_config('breachclock.erase_chain', $1, true)`, [chain]);
    const { rows: removed } = await execute<{ n: number }>(
      tx,
      `WITH d AS (DELETE FROM audit_event WHERE chain = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [chain],
    );
    await execute(tx, `SELECT set_config('breachclock.erase_chain', '', true)`, []);
    await execute(tx, `DELETE FROM audit_chain WHERE chain = $1`, [chain]);
    const headHash = heads[0]?.head_hash ?? chainGenesis(chain);
    const events = removed[0].n;
    const signedAt = this.clock.now().toISOString();
    const signature = sign ? { ...(await sign(tombstoneSignedBytes({ chain, headHash, events, signedAt }))), signedAt } : null;
    const [tombstone] = await this.recordAll(tx, { ...actor, organizationId: null }, [
      {
        action: CHAIN_DELETED_ACTION,
        entityType: 'organization',
        entityId: organizationId,
        changes: {
          chain: { from: chain, to: null },
          headHash: { from: headHash, to: null },
          events: { from: events, to: 0 },
          ...(signature ? { signature: { from: null, to: signature } } : {}),
        },
        reason,
      },
    ]);
    return { chain, headHash, events, tombstoneSeq: tombstone.seq, signature };
  }

  trailOfIncident(incidentId: string): Promise<AuditEvent[]> {
    return this.db.read((m) => m.find(AuditEvent, { where: { incidentId }, order: { seq: 'ASC' } }));
  }

  // Re-computes every hash of every chain in sequence order, and checks each chain ends at its
  // head; returns the first break, or null, and the same per chain.
  async verifyChain(batchSize = 5000): Promise<{ checked: number; break: ChainBreak | null; chains: ChainReport[] }> {
    const heads = await this.db.read((m) => m.find(AuditChain));
    const inEvents: { chain: string }[] = await this.db.read((m) => m.query('SELECT DISTINCT chain FROM audit_event'));
    const names = [...new Set([...heads.map((h) => h.chain), ...inEvents.map((r) => r.chain)])].sort();
    const chains: ChainReport[] = [];
    for (const chain of names) chains.push(await this.verifyOne(chain, heads.find((h) => h.chain === chain)?.headHash ?? null, batchSize));
    // Chains removed with their organization: reported from their tombstones (which the system
    // chain's hashes protect), not as missing.
    for (const t of await this.tombstones()) {
      if (!names.includes(t.chain)) chains.push({ chain: t.chain, checked: 0, break: null, deleted: t });
    }
    return {
      checked: chains.reduce((n, c) => n + c.checked, 0),
      break: chains.find((c) => c.break)?.break ?? null,
      chains,
    };
  }

  async tombstones(): Promise<ChainTombstone[]> {
    const rows = await this.db.read((m) =>
      m.find(AuditEvent, { where: { chain: SYSTEM_CHAIN, action: CHAIN_DELETED_ACTION }, order: { seq: 'ASC' } }),
    );
    return rows.map((r) => ({
      chain: String(r.changes.chain.from),
      headHash: String(r.changes.headHash.from),
      events: Number(r.changes.events.from),
      tombstoneSeq: r.seq,
      signature: (r.changes.signature?.to ?? null) as TombstoneSignature | null,
    }));
  }

  private async verifyOne(chain: string, head: string | null, batchSize: number): Promise<ChainReport> {
    let checked = 0;
    let prev = chainGenesis(chain);
    let afterSeq = '0';
    let last: AuditEvent | null = null;
    let formatOne = 0;
    for (;;) {
      const rows = await this.db.read((m) =>
        m
          .createQueryBuilder(AuditEvent, 'a')
          .where('a.chain = :chain AND a.seq > :afterSeq', { chain, afterSeq })
          .orderBy('a.seq', 'ASC')
          .limit(batchSize)
          .getMany(),
      );
      if (rows.length === 0) break;
      const found = findChainBreak(rows.map(toChained), prev);
      if (found) return { chain, checked: checked + rows.findIndex((r) => r.seq === found.seq), break: found };
      checked += rows.length;
      formatOne += rows.filter((r) => r.format !== 2).length;
      last = rows[rows.length - 1];
      prev = last.hash;
      afterSeq = last.seq;
    }
    // The head names the last event appended: an event cut off the end (or a chain without a head)
    // shows here.
    if (head !== prev) return { chain, checked, break: { seq: last?.seq ?? '0', id: last?.id ?? '', reason: 'head_mismatch' } };
    return { chain, checked, break: null, formatOne, head };
  }
}

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
  chain: string;
  format: number;
  prev_hash: string;
  hash: string;
}

// A stored event as the APPEND returned it, with the changes as they were hashed (not read back).
function fromRow(r: StoredRow, changes: Record<string, FieldChange>, commitments: Commitments | null): AuditEvent {
  return Object.assign(new AuditEvent(), {
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
    changes,
    reason: r.reason,
    requestId: r.request_id,
    chain: r.chain,
    format: Number(r.format) === 2 ? 2 : 1,
    commitments,
    prevHash: r.prev_hash,
    hash: r.hash,
  });
}

// A JSON value as jsonb stores and gives it back: a copy through JSON, with lone surrogates made
// U+FFFD (asStored). JSON.stringify writes a lone surrogate as an escape (\udXXX) and nothing else
// does, so a text without one needs no second walk.
function storableJson(value: unknown): unknown {
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
