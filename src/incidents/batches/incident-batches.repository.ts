import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, insertEntity } from '../../platform/database/execute';
import { ContractChoice } from './dto/contract-choice';
import { BatchSelection } from './dto/create-batch.dto';
import { BatchFailure, IncidentBatch } from './incident-batch.entity';

// SQL of incident batches: which contracts a selection names, the lease of the runner, and the
// contracts of a batch that still have no incident.
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

  // A draft's facts, selection and count, or its submission (status, contracts).
  async saveDraft(m: EntityManager, batch: IncidentBatch): Promise<void> {
    await m.query(
      `UPDATE incident_batch SET intake = $2, selection = $3, contract_ids = $4, total = $5, status = $6, updated_at = $7
        WHERE id = $1 AND status = 'draft'`,
      [
        batch.id,
        JSON.stringify(batch.intake),
        JSON.stringify(batch.selection),
        batch.contractIds,
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

  // The oldest batch that is waiting or whose runner's lease ran out, leased to this instance.
  async claim(m: EntityManager, now: Date, until: Date, instance: string): Promise<string | null> {
    const { rows } = await execute<{ id: string }>(
      m,
      `UPDATE incident_batch SET status = 'running', lease_until = $2, leased_by = $3, updated_at = $1
        WHERE id = (SELECT id FROM incident_batch
                     WHERE status IN ('pending', 'running') AND (lease_until IS NULL OR lease_until < $1)
                     ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, until, instance],
    );
    return rows[0]?.id ?? null;
  }

  // The batch row locked for one chunk, if this instance still holds its lease.
  async lockLeased(m: EntityManager, id: string, instance: string): Promise<IncidentBatch | null> {
    const batch = await m.findOne(IncidentBatch, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return batch && batch.status === 'running' && batch.leasedBy === instance ? batch : null;
  }

  // Up to `limit` contracts of the batch, in the batch's order, that have no incident of it yet and
  // did not fail.
  async missing(m: EntityManager, batch: IncidentBatch, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT s.id FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)
        WHERE NOT EXISTS (SELECT 1 FROM incident i WHERE i.batch_id = $2 AND i.contract_id = s.id)
          AND NOT (s.id = ANY($3::uuid[]))
        ORDER BY s.n LIMIT $4`,
      [batch.contractIds, batch.id, batch.failures.map((f) => f.contractId), limit],
    );
    return rows.map((r) => r.id);
  }

  async countCreated(m: EntityManager, batchId: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM incident WHERE batch_id = $1`, [batchId]);
    return Number(row.n);
  }

  async progress(
    m: EntityManager,
    id: string,
    values: { created: number; failures: BatchFailure[]; status: IncidentBatch['status']; leaseUntil: Date | null; now: Date },
  ): Promise<void> {
    await m.update(
      IncidentBatch,
      { id },
      {
        created: values.created,
        failed: values.failures.length,
        failures: values.failures,
        status: values.status,
        leaseUntil: values.leaseUntil,
        ...(values.leaseUntil === null ? { leasedBy: null } : {}),
        attempts: 0,
        updatedAt: values.now,
      },
    );
  }

  // Back to waiting: the next runner creates what is missing and tries the failed contracts again.
  async reopen(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.update(
      IncidentBatch,
      { id },
      { status: 'pending', failures: [], failed: 0, attempts: 0, leaseUntil: null, leasedBy: null, updatedAt: now },
    );
  }

  // A chunk's failed try counted; nobody may claim the batch before `until` (the backoff).
  async backOff(m: EntityManager, id: string, attempts: number, until: Date, now: Date): Promise<void> {
    await m.update(IncidentBatch, { id }, { attempts, leaseUntil: until, leasedBy: null, updatedAt: now });
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
