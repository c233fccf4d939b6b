import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { execute, rowsAsJson } from '../platform/database/execute';
import { canonicalUuid } from '../platform/http/uuid.pipe';
import { Incident } from './incident.entity';

export interface Page {
  limit: number;
  after?: { createdAt: Date; id: string };
  batchId?: string; // only the incidents a batch filed
}

// Tenancy lives here, once: every read of incidents goes through visibleTo(), which lets an
// organization see what it filed (drafts included) and, as controller, every submitted report.
@Injectable()
export class IncidentsRepository {
  private visibleTo(m: EntityManager, organizationId: string): SelectQueryBuilder<Incident> {
    return m
      .createQueryBuilder(Incident, 'i')
      .leftJoinAndSelect('i.controller', 'controller')
      .leftJoinAndSelect('i.processor', 'processor')
      .leftJoinAndSelect('i.contract', 'contract')
      .where("(i.reporter_org_id = :org OR (i.controller_id = :org AND i.status <> 'draft'))", { org: organizationId });
  }

  // An id that is no UUID names nothing (not found), whichever page or route it came from.
  findVisible(m: EntityManager, organizationId: string, id: string, lock = false): Promise<Incident | null> {
    const canonical = canonicalUuid(id);
    if (!canonical) return Promise.resolve(null);
    const qb = this.visibleTo(m, organizationId).andWhere('i.id = :id', { id: canonical });
    // Locks only the incident row (not the joined organizations) against concurrent follow-ups.
    if (lock) qb.setLock('pessimistic_write', undefined, ['i']);
    return qb.getOne();
  }

  // Several by id (ids already canonical, e.g. just filed), in no particular order.
  findVisibleMany(m: EntityManager, organizationId: string, ids: string[]): Promise<Incident[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.visibleTo(m, organizationId).andWhere('i.id IN (:...ids)', { ids }).getMany();
  }

  listVisible(m: EntityManager, organizationId: string, page: Page): Promise<Incident[]> {
    const qb = this.visibleTo(m, organizationId).orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'DESC').limit(page.limit);
    if (page.after) {
      qb.andWhere('(i.created_at, i.id) < (:createdAt, :afterId)', { createdAt: page.after.createdAt, afterId: page.after.id });
    }
    if (page.batchId) qb.andWhere('i.batch_id = :batchId', { batchId: page.batchId.toLowerCase() });
    return qb.getMany();
  }

  // For system jobs only (escalation mails), which act for no tenant: one incident by id with its
  // parties. Never reachable from a request path.
  findForSystem(m: EntityManager, ids: string[]): Promise<Incident[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return m
      .createQueryBuilder(Incident, 'i')
      .leftJoinAndSelect('i.controller', 'controller')
      .leftJoinAndSelect('i.processor', 'processor')
      .leftJoinAndSelect('i.contract', 'contract')
      .leftJoinAndSelect('i.reportedBy', 'reportedBy')
      .where('i.id IN (:...ids)', { ids })
      .getMany();
  }

  // The controller's register (Art. 33(5)): every incident reported to it, whatever its state;
  // with a period, only the incidents discovered in [start, end).
  listOfController(m: EntityManager, controllerId: string, discovered?: { start: Date; end: Date }): Promise<Incident[]> {
    const q = m
      .createQueryBuilder(Incident, 'i')
      .leftJoinAndSelect('i.controller', 'controller')
      .leftJoinAndSelect('i.processor', 'processor')
      .leftJoinAndSelect('i.contract', 'contract')
      .where("i.controller_id = :controllerId AND i.status <> 'draft'", { controllerId });
    if (discovered) q.andWhere('i.discovered_at >= :start AND i.discovered_at < :end', discovered);
    return q.orderBy('i.created_at', 'ASC').addOrderBy('i.id', 'ASC').getMany();
  }

  findByIds(m: EntityManager, ids: string[]): Promise<Incident[]> {
    return m.find(Incident, { where: { id: In(ids) } });
  }

  // New incidents in one INSERT with one parameter (as insertRows), each numbered in the same
  // statement: its reference (BC-<year>-<at least six digits>) takes the next value of the sequence.
  // The references are set on the incidents.
  async insertNumbered(tx: EntityManager, year: number, incidents: Incident[]): Promise<void> {
    if (incidents.length === 0) return;
    const { names, json } = rowsAsJson(tx, Incident, incidents, ['reference']);
    const { rows } = await execute<{ id: string; reference: string }>(
      tx,
      `INSERT INTO incident (${names}, reference)
       SELECT ${names}, 'BC-' || $2::text || '-' || lpad(x.n::text, greatest(6, length(x.n::text)), '0')
       FROM (SELECT r.*, nextval('incident_reference_seq') AS n FROM jsonb_populate_recordset(NULL::incident, $1::jsonb) r) x
       RETURNING id, reference`,
      [json, String(year)],
      { prepare: true },
    );
    const references = new Map(rows.map((r) => [r.id, r.reference]));
    for (const incident of incidents) incident.reference = references.get(incident.id)!;
  }

  update(tx: EntityManager, incident: Incident): Promise<Incident> {
    return tx.save(Incident, incident);
  }
}
