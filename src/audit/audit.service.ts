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
import { appendToChain, HeadGuesses, storableJson, toChained } from './audit-append';
import { ChainBreak, ChainedContent, SYSTEM_CHAIN, chainGenesis, chainKeyOf, findChainBreak } from './domain/audit-chain';
import { sealValues } from './domain/audit-commitments';
import { tombstoneSignedBytes } from './domain/tombstone-signature';
import type { Signature } from '../platform/signing/signatures';

export { toChained } from './audit-append';

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
  // The request that made the change, when it is not the one running now (filings of several
  // requests committed together: incidents/filing-groups.ts). Absent: the current request's id.
  requestId?: string | null;
}

// The changes of a newly created entity: every field from nothing to its value.
export function createdChanges(values: Record<string, unknown>): Record<string, FieldChange> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { from: null, to: v ?? null }]));
}

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

  // Per transaction: the events recorded and not yet appended (recordAll).
  private readonly pending = new WeakMap<EntityManager, AuditEvent[]>();
  // Where this app last moved each chain's head: the first guess of the next append (audit-append.ts).
  private readonly heads: HeadGuesses = new Map();

  async record(tx: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<AuditEvent> {
    const [event] = await this.recordAll(tx, actor, [entry]);
    return event;
  }

  // Several events of the actor's organization's chain, in the order given, each an event of its
  // own. In a transaction begun by Database they are appended as its last statements, just before
  // COMMIT (appendPending): the chain's head is locked from the append to the commit, so filings of
  // one organization wait for each other only that long, not for everything else their
  // transactions do. Until then an event has its content but not its place in the chain (seq,
  // prevHash and hash are empty); they are filled in when it is appended. The observers get the
  // events at once, in the same transaction.
  async recordAll(tx: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<AuditEvent[]> {
    if (entries.length === 0) return [];
    const occurredAt = this.clock.now().toISOString();
    const requestId = currentRequestId() ?? null;
    const events = entries.map((entry) => {
      // The content as PostgreSQL will store it (JSON types, text as its UTF-8 encoding gives it back,
      // uuids in lower case), so the hash covers exactly what is stored. The edge refuses unstorable
      // text and canonicalises ids already; this is the second line, for values that came another way.
      const content = {
        ...(asStored({
          id: this.ids.next(),
          occurredAt,
          actor: actor.label,
          actorUserId: actor.userId?.toLowerCase() ?? null,
          actorOrgId: actor.organizationId?.toLowerCase() ?? null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId.toLowerCase(),
          incidentId: entry.incidentId?.toLowerCase() ?? null,
          reason: entry.reason ?? null,
          requestId: entry.requestId !== undefined ? entry.requestId : requestId,
        }) as Omit<ChainedContent, 'changes'>),
        changes: storableJson(entry.changes) as Record<string, FieldChange>,
      };
      return Object.assign(new AuditEvent(), {
        ...content,
        occurredAt: new Date(content.occurredAt),
        // Format 2: the hash covers salted commitments to the values that may have to be erased
        // (domain/audit-commitments.ts); the salts are drawn here, outside the chain's lock.
        format: 2 as const,
        commitments: sealValues(content),
        seq: '',
        chain: chainKeyOf(actor.organizationId),
        prevHash: '',
        hash: '',
      });
    });
    const pending = this.pending.get(tx);
    if (pending) pending.push(...events);
    else if (this.db.atCommit(tx, () => this.appendPending(tx))) this.pending.set(tx, [...events]);
    else await appendToChain(tx, events[0].chain, events, this.clock.now(), this.heads);
    await this.observers.notifyAll(tx, events);
    return events;
  }

  // Appends the events this transaction has recorded so far, each chain's in the order recorded,
  // the chains in the order of their keys (so two transactions lock the heads they share in the same
  // order). Runs by itself just before COMMIT; call it earlier only to read what was appended.
  async appendPending(tx: EntityManager): Promise<void> {
    const events = this.pending.get(tx) ?? [];
    this.pending.delete(tx);
    const chains = [...new Set(events.map((e) => e.chain))].sort();
    for (const chain of chains)
      await appendToChain(
        tx,
        chain,
        events.filter((e) => e.chain === chain),
        this.clock.now(),
        this.heads,
      );
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
    await this.appendPending(tx); // what this transaction recorded for the chain goes with it
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
    await this.appendPending(tx);
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
