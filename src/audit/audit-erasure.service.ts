import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { AuditEvent } from './audit-event.entity';
import { AuditActor, AuditService, toChained } from './audit.service';
import { canonicalJson, chainGenesis, chainHash } from './domain/audit-chain';
import { ErasePredicate, eraseValues, sealValues } from './domain/audit-commitments';

// The event in the system chain that records a chain re-sealed in format 2: its old and new head.
export const CHAIN_RESEALED_ACTION = 'audit.chain_resealed';

export interface ResealResult {
  chain: string;
  events: number;
  formatOne: number; // events that were in format 1
  oldHead: string;
  newHead: string;
  recordedAtSeq: string;
}

export interface ErasureCount {
  events: number; // events with a value erased
  values: number;
}

// Erasing personal values from the audit trail (docs/architecture.md, "Erasable values"):
// - re-sealing turns a chain's format-1 events into format 2 (the same content, now with salted
//   commitments), which re-hashes the chain from its first such event; the system chain records the
//   old and the new head, so whoever holds the old head can link the two;
// - erasing replaces chosen values of format-2 events by "[erased]", in the caller's transaction.
@Injectable()
export class AuditErasureService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  // The chains that still hold format-1 events, among the events `where` selects (SQL on alias a).
  async formatOneChains(where = 'true', params: unknown[] = []): Promise<string[]> {
    const { rows } = await this.db.read((m) =>
      execute<{ chain: string }>(m, `SELECT DISTINCT a.chain FROM audit_event a WHERE a.format = 1 AND (${where}) ORDER BY 1`, params),
    );
    return rows.map((r) => r.chain);
  }

  async resealAll(actor: AuditActor): Promise<ResealResult[]> {
    const out: ResealResult[] = [];
    for (const chain of await this.formatOneChains()) {
      const done = await this.reseal(chain, actor);
      if (done) out.push(done);
    }
    return out;
  }

  // Re-seals one chain in its own transaction, its head locked (appends to it wait). The chain must
  // verify as it stands; it is rewritten event by event from its genesis, then its head moved.
  // Null when it holds no format-1 event (any more: another instance may have re-sealed it meanwhile).
  async reseal(chain: string, actor: AuditActor, batchSize = 2000): Promise<ResealResult | null> {
    return this.db.transaction(async (tx) => {
      const { rows: heads } = await execute<{ head_hash: string }>(tx, `SELECT head_hash FROM audit_chain WHERE chain = $1 FOR UPDATE`, [
        chain,
      ]);
      if (heads.length === 0) throw new Error(`audit chain ${chain} has no head; nothing to re-seal`);
      const { rows: left } = await execute(tx, `SELECT 1 FROM audit_event WHERE chain = $1 AND format = 1 LIMIT 1`, [chain]);
      if (left.length === 0) return null;
      await execute(tx, `SELECT set_config('breachclock.reseal_chain', $1, true)`, [chain]);
      let oldPrev = chainGenesis(chain);
      let newPrev = oldPrev;
      let afterSeq = '0';
      let events = 0;
      let formatOne = 0;
      for (;;) {
        const rows = await tx
          .createQueryBuilder(AuditEvent, 'a')
          .where('a.chain = :chain AND a.seq > :afterSeq', { chain, afterSeq })
          .orderBy('a.seq', 'ASC')
          .limit(batchSize)
          .getMany();
        if (rows.length === 0) break;
        const updates = [];
        for (const row of rows) {
          const { seq, prevHash, hash, ...content } = toChained(row);
          if (prevHash !== oldPrev || chainHash(prevHash, content) !== hash) {
            throw new Error(`audit chain ${chain} does not verify at seq ${seq}; it was not re-sealed (see audit verify)`);
          }
          const sealed = content.format === 2 ? content : { ...content, format: 2 as const, commitments: sealValues(content) };
          if (content.format !== 2) formatOne++;
          const newHash = chainHash(newPrev, sealed);
          if (newHash !== hash) updates.push({ seq, prev_hash: newPrev, hash: newHash, commitments: sealed.commitments });
          oldPrev = hash;
          newPrev = newHash;
          afterSeq = seq;
          events++;
        }
        if (updates.length) {
          await execute(
            tx,
            `UPDATE audit_event a SET prev_hash = x.prev_hash, hash = x.hash, format = 2, commitments = x.commitments
             FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, prev_hash text, hash text, commitments jsonb) WHERE a.seq = x.seq`,
            [JSON.stringify(updates)],
          );
        }
      }
      if (heads[0].head_hash !== oldPrev) throw new Error(`audit chain ${chain} does not end at its head; it was not re-sealed`);
      await execute(tx, `SELECT set_config('breachclock.reseal_chain', '', true)`, []);
      await execute(tx, `UPDATE audit_chain SET head_hash = $2 WHERE chain = $1`, [chain, newPrev]);
      const first = await tx.findOne(AuditEvent, { where: { chain }, order: { seq: 'ASC' } });
      const [recorded] = await this.audit.recordAll(tx, { ...actor, organizationId: null }, [
        {
          action: CHAIN_RESEALED_ACTION,
          entityType: 'audit_event',
          entityId: first!.id,
          changes: {
            chain: { from: chain, to: chain },
            headHash: { from: oldPrev, to: newPrev },
            format: { from: 1, to: 2 },
            events: { from: events, to: events },
            formatOneEvents: { from: formatOne, to: 0 },
          },
        },
      ]);
      await this.audit.appendPending(tx); // the record's place in the system chain, for the answer
      return { chain, events, formatOne, oldHead: oldPrev, newHead: newPrev, recordedAtSeq: recorded.seq };
    });
  }

  // Erases, in the caller's transaction, the values `choose` names in the format-2 events `where`
  // selects (SQL on alias a). Each event's hash stays as it was.
  async erase(
    tx: EntityManager,
    where: string,
    params: unknown[],
    choose: (event: AuditEvent) => ErasePredicate | null,
  ): Promise<ErasureCount> {
    // Events this transaction recorded are appended at its end (AuditService.recordAll): appended
    // now, so that what it recorded before the erasure is erased with the rest.
    await this.audit.appendPending(tx);
    const rows = await eventsWhere(tx, `a.format = 2 AND (${where})`, params);
    const at = this.clock.now().toISOString();
    const updates = [];
    let values = 0;
    for (const row of rows) {
      const predicate = choose(row);
      if (!predicate) continue;
      const { event, erased } = eraseValues(row, at, predicate, canonicalJson);
      if (erased === 0) continue;
      values += erased;
      updates.push({ seq: row.seq, actor: event.actor, changes: event.changes, reason: event.reason, commitments: event.commitments });
    }
    if (updates.length) {
      await execute(tx, `SELECT set_config('breachclock.erase_values', 'on', true)`, []);
      await execute(
        tx,
        `UPDATE audit_event a SET actor = x.actor, changes = x.changes, reason = x.reason, commitments = x.commitments
         FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, actor text, changes jsonb, reason text, commitments jsonb) WHERE a.seq = x.seq`,
        [JSON.stringify(updates)],
      );
      await execute(tx, `SELECT set_config('breachclock.erase_values', '', true)`, []);
    }
    return { events: updates.length, values };
  }

  // What erase() would erase, without changing anything (format-1 events counted as if re-sealed).
  async countErasable(m: EntityManager, where: string, params: unknown[], choose: (event: AuditEvent) => ErasePredicate | null) {
    const rows = await eventsWhere(m, where, params);
    const out: ErasureCount & { formatOne: number } = { events: 0, values: 0, formatOne: 0 };
    for (const row of rows) {
      const predicate = choose(row);
      if (!predicate) continue;
      const sealed = row.format === 2 ? row : { ...row, commitments: sealValues(row) };
      const { erased } = eraseValues(sealed, '', predicate, canonicalJson);
      if (erased === 0) continue;
      out.events++;
      out.values += erased;
      if (row.format !== 2) out.formatOne++;
    }
    return out;
  }
}

// The events `where` selects (SQL on alias a, positional parameters), in sequence order.
async function eventsWhere(m: EntityManager, where: string, params: unknown[]): Promise<AuditEvent[]> {
  const { rows } = await execute<{ seq: string }>(m, `SELECT a.seq::text AS seq FROM audit_event a WHERE ${where} ORDER BY a.seq`, params);
  const out: AuditEvent[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const seqs = rows.slice(i, i + 1000).map((r) => r.seq);
    out.push(...(await m.find(AuditEvent, { where: { seq: In(seqs) }, order: { seq: 'ASC' } })));
  }
  return out;
}
