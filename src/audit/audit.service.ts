import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { IdGenerator } from '../platform/ids/id-generator';
import { currentRequestId } from '../platform/logging/request-context';
import { asStored } from '../platform/validation/input-rules';
import { AuditEvent, FieldChange } from './audit-event.entity';
import { AuditObservers } from './audit-observers.service';
import { ChainBreak, ChainedContent, GENESIS_HASH, chainHash, findChainBreak } from './domain/audit-chain';

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

// Serialises appends to the one chain; held only until the surrounding transaction ends.
const AUDIT_CHAIN_LOCK_KEY = '7263118004211338';

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

  // Several events of one change, appended to the chain in the order given: one lock, one read of
  // the last hash, one INSERT and one read-back for all of them (each is still an event of its own).
  async recordAll(tx: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<AuditEvent[]> {
    if (entries.length === 0) return [];
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK_KEY]);
    const last: { hash: string }[] = await tx.query('SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    let prevHash = last[0]?.hash ?? GENESIS_HASH;
    const occurredAt = this.clock.now().toISOString();
    const requestId = currentRequestId() ?? null;
    const events = entries.map((entry) => {
      // The content as PostgreSQL will store it (JSON types, text as its UTF-8 encoding gives it back,
      // uuids in lower case), so the hash covers exactly what is stored. The edge refuses unstorable
      // text and canonicalises ids already; this is the second line, for values that came another way.
      const content = asStored({
        id: this.ids.next(),
        occurredAt,
        actor: actor.label,
        actorUserId: actor.userId?.toLowerCase() ?? null,
        actorOrgId: actor.organizationId?.toLowerCase() ?? null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId.toLowerCase(),
        incidentId: entry.incidentId?.toLowerCase() ?? null,
        changes: JSON.parse(JSON.stringify(entry.changes)),
        reason: entry.reason ?? null,
        requestId,
      }) as ChainedContent;
      const event = tx.create(AuditEvent, {
        ...content,
        occurredAt: new Date(content.occurredAt),
        changes: content.changes as Record<string, FieldChange>,
        prevHash,
        hash: chainHash(prevHash, content),
      });
      prevHash = event.hash;
      return event;
    });
    // One statement; the rows take their sequence numbers in the order of the list.
    await tx.insert(AuditEvent, events as unknown as QueryDeepPartialEntity<AuditEvent>[]);
    // Read back what was stored and check that it verifies, inside the same transaction: should the
    // stored form ever differ from the hashed one, the change is refused (rolled back with its
    // events) rather than leaving a chain that fails verification for good.
    const stored = await tx.find(AuditEvent, { where: { id: In(events.map((e) => e.id)) }, order: { seq: 'ASC' } });
    if (stored.length !== events.length) throw new Error('audit events would not verify as stored; the change was not made');
    stored.map(toChained).forEach(({ seq: _seq, prevHash: storedPrev, hash: storedHash, ...storedContent }, i) => {
      if (stored[i].id !== events[i].id || storedPrev !== events[i].prevHash || chainHash(storedPrev, storedContent) !== storedHash) {
        throw new Error(`audit event ${events[i].id} would not verify as stored; the change was not made`);
      }
    });
    for (const event of stored) await this.observers.notify(tx, event);
    return stored;
  }

  trailOfIncident(incidentId: string): Promise<AuditEvent[]> {
    return this.db.read((m) => m.find(AuditEvent, { where: { incidentId }, order: { seq: 'ASC' } }));
  }

  // Re-computes every hash in sequence order; returns the first break, or null.
  async verifyChain(batchSize = 5000): Promise<{ checked: number; break: ChainBreak | null }> {
    let checked = 0;
    let prev = GENESIS_HASH;
    let afterSeq = '0';
    for (;;) {
      const rows = await this.db.read((m) =>
        m.createQueryBuilder(AuditEvent, 'a').where('a.seq > :afterSeq', { afterSeq }).orderBy('a.seq', 'ASC').limit(batchSize).getMany(),
      );
      if (rows.length === 0) return { checked, break: null };
      const found = findChainBreak(rows.map(toChained), prev);
      if (found) return { checked: checked + rows.findIndex((r) => r.seq === found.seq), break: found };
      checked += rows.length;
      prev = rows[rows.length - 1].hash;
      afterSeq = rows[rows.length - 1].seq;
    }
  }
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
