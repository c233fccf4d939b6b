import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, insertEntity } from '../../platform/database/execute';
import { ContractChoice } from './dto/contract-choice';
import { BatchSelection } from './dto/create-batch.dto';
import { BatchFailure, IncidentBatch } from './incident-batch.entity';

// The contracts of batch $1 that are open: without an incident of the batch, and not failed (s.id,
// s.n its place in the batch, from 1).
const OPEN = `incident_batch ob CROSS JOIN LATERAL unnest(ob.contract_ids) WITH ORDINALITY AS s(id, n)
  WHERE ob.id = $1
    AND NOT EXISTS (SELECT 1 FROM incident i WHERE i.batch_id = ob.id AND i.contract_id = s.id)
    AND NOT EXISTS (SELECT 1 FROM incident_batch fb CROSS JOIN LATERAL jsonb_array_elements(fb.failures) f
                    WHERE fb.id = $1 AND f ->> 'contractId' = s.id::text)`;

// SQL of incident batches: which contracts a selection names, which chunks of a batch are open and
// their leases, and the batch's progress.
@Injectable()
export class IncidentBatchesRepository {
  // The processor's contracts a selection names, in a stable order. For a list of ids, those that are
  // not the processor's are missing from the answer (the service names them).
  async resolve(m: EntityManager, processorId: string, selection: BatchSelection): Promise<string[]> {
    let rows: { id: string }[];
    if (selection === 'all') {
      rows = await m.query(`SELECT id FROM contract WHERE processor_id = $1 ORDER BY created_at, id`, [processorId]);
    } else if (Array.isArray(selection)) {
      rows = await m.query(
        `SELECT c.id FROM unnest($2::uuid[]) WITH ORDINALITY AS s(id, n) JOIN contract c ON c.id = s.id
          WHERE c.processor_id = $1 ORDER BY s.n`,
        [processorId, selection.map((id) => id.toLowerCase())],
      );
    } else {
      rows = await m.query(
        `SELECT c.id FROM contract c WHERE c.processor_id = $1 AND EXISTS (
           SELECT 1 FROM jsonb_array_elements(c.sub_processors) AS s(sp) WHERE lower(btrim(s.sp->>'name')) = lower(btrim($2)))
          ORDER BY c.created_at, c.id`,
        [processorId, selection.subProcessor],
      );
    }
    return rows.map((r) => r.id);
  }

  insert(m: EntityManager, batch: IncidentBatch): Promise<IncidentBatch> {
    return insertEntity(m, IncidentBatch, batch);
  }

  find(m: EntityManager, processorId: string, id: string, lock = false): Promise<IncidentBatch | null> {
    return m.findOne(IncidentBatch, { where: { id, processorId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  // A draft's facts, selection and count, or its submission (status, contracts). A batch read from
  // the database has no contract list (not selected): the stored one stays unless one is given.
  async saveDraft(m: EntityManager, batch: IncidentBatch): Promise<void> {
    await m.query(
      `UPDATE incident_batch SET intake = $2, selection = $3, contract_ids = coalesce($4::uuid[], contract_ids), total = $5, status = $6,
              updated_at = $7
        WHERE id = $1 AND status = 'draft'`,
      [
        batch.id,
        JSON.stringify(batch.intake),
        JSON.stringify(batch.selection),
        batch.contractIds ?? null,
        batch.total,
        batch.status,
        batch.updatedAt,
      ],
    );
  }

  async deleteDraft(m: EntityManager, id: string): Promise<void> {
    await m.delete(IncidentBatch, { id, status: 'draft' });
  }

  // The processor's draft batches, last edited first.
  drafts(m: EntityManager, processorId: string, limit: number): Promise<IncidentBatch[]> {
    return m.find(IncidentBatch, { where: { processorId, status: 'draft' }, order: { updatedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  // The batches waiting or being filed, oldest first: every runner may work on each (chunk by chunk),
  // but not on one that waits out the pause after a failed chunk (lease_until, below).
  async runnable(m: EntityManager, now: Date): Promise<string[]> {
    const { rows } = await execute<{ id: string }>(
      m,
      `SELECT id FROM incident_batch WHERE status IN ('pending', 'running') AND (lease_until IS NULL OR lease_until <= $1)
        ORDER BY created_at, id`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  // A waiting batch is being filed from now on.
  async start(m: EntityManager, id: string, now: Date): Promise<void> {
    await execute(m, `UPDATE incident_batch SET status = 'running', updated_at = $2 WHERE id = $1 AND status = 'pending'`, [id, now]);
  }

  // The batch a chunk is filed for, while it is being filed (without its list of contracts).
  running(m: EntityManager, id: string): Promise<IncidentBatch | null> {
    return m.findOne(IncidentBatch, { where: { id, status: 'running' } });
  }

  // The chunks (of `size` contracts, by their place in the batch) that still have contracts without
  // an incident of the batch that did not fail, in order. A chunk in flight elsewhere is among them
  // until it commits.
  async openChunks(m: EntityManager, id: string, size: number): Promise<number[]> {
    const { rows } = await execute<{ k: number }>(m, `SELECT DISTINCT (s.n - 1) / $2::int AS k FROM ${OPEN} ORDER BY k`, [id, size]);
    return rows.map((r) => Number(r.k));
  }

  // The chunk's lease: a lock held until the transaction that files it ends (commit, rollback, or the
  // connection lost with its process), so a crash frees it at once and no clock is involved. false
  // when another transaction holds it. Two int4 keys: apart from the one-key locks of migrations.
  async tryChunk(m: EntityManager, id: string, k: number): Promise<boolean> {
    const { rows } = await execute<{ ok: boolean }>(
      m,
      `SELECT pg_try_advisory_xact_lock(hashtext('incident_batch:' || $1), $2::int) AS ok`,
      [id, k],
    );
    return rows[0].ok;
  }

  // The contracts of chunk k that are still open, in the batch's order (read after the chunk's lease:
  // what an earlier holder committed is seen).
  async openIn(m: EntityManager, id: string, k: number, size: number): Promise<string[]> {
    const { rows } = await execute<{ id: string }>(
      m,
      `SELECT s.id FROM ${OPEN} AND s.n > $2::int * $3::int AND s.n <= ($2::int + 1) * $3::int ORDER BY s.n`,
      [id, k, size],
    );
    return rows.map((r) => r.id);
  }

  // What a chunk filed and what failed, added to the batch's counts (several chunks commit at once).
  async recordChunk(m: EntityManager, id: string, chunk: { created: number; failures: BatchFailure[]; now: Date }): Promise<void> {
    await execute(
      m,
      `UPDATE incident_batch SET created = created + $2, failed = failed + $3, failures = failures || $4::jsonb, attempts = 0, updated_at = $5
        WHERE id = $1`,
      [id, chunk.created, chunk.failures.length, JSON.stringify(chunk.failures), chunk.now],
    );
  }

  // Completed (or failed, when some contracts failed) once no contract is open: in one statement, so
  // that a chunk still in flight (its contracts open until it commits) keeps the batch running.
  async finish(m: EntityManager, id: string, now: Date): Promise<{ status: string; created: number; failed: number } | null> {
    const { rows } = await execute<{ status: string; created: number; failed: number }>(
      m,
      `UPDATE incident_batch b
          SET status = CASE WHEN jsonb_array_length(b.failures) > 0 THEN 'failed' ELSE 'completed' END,
              created = (SELECT count(*) FROM incident i WHERE i.batch_id = b.id), failed = jsonb_array_length(b.failures),
              lease_until = NULL, leased_by = NULL, updated_at = $2
        WHERE b.id = $1 AND b.status = 'running' AND NOT EXISTS (SELECT 1 FROM ${OPEN})
        RETURNING b.status, b.created, b.failed`,
      [id, now],
    );
    return rows[0] ?? null;
  }

  // Back to waiting: the next runner creates what is missing and tries the failed contracts again.
  async reopen(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.update(
      IncidentBatch,
      { id },
      { status: 'pending', failures: [], failed: 0, attempts: 0, leaseUntil: null, leasedBy: null, updatedAt: now },
    );
  }

  // The batch row locked, to count a failed chunk's attempt or stop the batch (incident-batch.failures.ts).
  lockRunning(m: EntityManager, id: string): Promise<IncidentBatch | null> {
    return m.findOne(IncidentBatch, { where: { id, status: 'running' }, lock: { mode: 'pessimistic_write' } });
  }

  // A chunk's failed try counted; no runner takes up the batch before `until` (the pause).
  async backOff(m: EntityManager, id: string, attempts: number, until: Date, now: Date): Promise<void> {
    await m.update(IncidentBatch, { id }, { attempts, leaseUntil: until, updatedAt: now });
  }

  // The batch stops as failed, with these contracts counted as failed (Resume tries them again).
  async stop(m: EntityManager, id: string, failures: BatchFailure[], now: Date): Promise<void> {
    await execute(
      m,
      `UPDATE incident_batch SET status = 'failed', failed = failed + $2, failures = failures || $3::jsonb, attempts = 0,
              lease_until = NULL, leased_by = NULL, updated_at = $4
        WHERE id = $1 AND status = 'running'`,
      [id, failures.length, JSON.stringify(failures), now],
    );
  }

  // The incidents of a batch that the processor filed, oldest first.
  incidents(m: EntityManager, batchId: string, reporterOrgId: string): Promise<{ id: string; version: number; status: string }[]> {
    return m.query(`SELECT id, version, status FROM incident WHERE batch_id = $1 AND reporter_org_id = $2 ORDER BY created_at, id`, [
      batchId,
      reporterOrgId,
    ]);
  }

  // One page of the processor's contracts for choosing a selection, by reference: those whose
  // reference or controller's name holds the filter (any case), and how many match in all.
  async choices(
    m: EntityManager,
    processorId: string,
    filter: string,
    offset: number,
    limit: number,
  ): Promise<{ items: ContractChoice[]; total: number }> {
    const like = `%${filter.replace(/[\\%_]/g, '\\$&')}%`;
    const where = `c.processor_id = $1 AND ($2 = '' OR c.reference ILIKE $3 OR o.name ILIKE $3)`;
    const items: ContractChoice[] = await m.query(
      `SELECT c.id, c.reference, o.name AS "controllerName", c.sub_processors AS "subProcessors"
         FROM contract c JOIN organization o ON o.id = c.controller_id
        WHERE ${where} ORDER BY c.reference, c.id LIMIT $4 OFFSET $5`,
      [processorId, filter, like, limit, offset],
    );
    const [row] = await m.query(`SELECT count(*)::int AS n FROM contract c JOIN organization o ON o.id = c.controller_id WHERE ${where}`, [
      processorId,
      filter,
      like,
    ]);
    return { items, total: Number(row.n) };
  }

  // The sub-processors the processor's contracts name, each once (any case), by name.
  async subProcessorNames(m: EntityManager, processorId: string, limit: number): Promise<string[]> {
    const rows: { name: string }[] = await m.query(
      `SELECT min(btrim(s.sp->>'name')) AS name
         FROM contract c, jsonb_array_elements(c.sub_processors) AS s(sp)
        WHERE c.processor_id = $1 AND coalesce(btrim(s.sp->>'name'), '') <> ''
        GROUP BY lower(btrim(s.sp->>'name')) ORDER BY lower(btrim(s.sp->>'name')) LIMIT $2`,
      [processorId, limit],
    );
    return rows.map((r) => r.name);
  }
}
