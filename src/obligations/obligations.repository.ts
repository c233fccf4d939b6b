import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { ANY_OF_IDS, execute, insertRows } from '../platform/database/execute';
import { DoraClassification } from './dora-classification.entity';
import { Nis2Classification } from './nis2-classification.entity';
import { Obligation } from './obligation.entity';
import { FactsRow } from './obligation.mapper';

export interface IncidentParties {
  id: string;
  controllerId: string;
  processorId: string | null;
  reporterOrgId: string;
  status: string;
}

const instant = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

// Which duties an organization sees (ObligationsRepository.visible), over obligation o and its incident i.
const VISIBLE = `((o.controller_id = :org AND (i.status <> 'draft' OR i.reporter_org_id = :org))
  OR (o.processor_id = :org AND o.regime = 'contract' AND i.reporter_org_id = :org))`;

@Injectable()
export class ObligationsRepository {
  // Tenancy, in one place: the controller sees every duty of the incidents it sees (what it filed,
  // and every submitted report filed against it); the processor that filed a report sees only its
  // report to the controller (regime contract). Everything else does not exist for the caller.
  private visible(m: EntityManager, organizationId: string): SelectQueryBuilder<Obligation> {
    return m.createQueryBuilder(Obligation, 'o').innerJoin('incident', 'i', 'i.id = o.incident_id').where(VISIBLE, { org: organizationId });
  }

  // Every duty of these incidents (the caller has scoped the incidents: both sides read the clocks of
  // all of them), each with whether this organization sees it by the rule of visible(), in one read.
  async ofIncidentsSeenBy(
    m: EntityManager,
    organizationId: string,
    incidentIds: string[],
  ): Promise<{ row: Obligation; visible: boolean }[]> {
    if (incidentIds.length === 0) return [];
    const { entities, raw } = await m
      .createQueryBuilder(Obligation, 'o')
      .innerJoin('incident', 'i', 'i.id = o.incident_id')
      .addSelect(`(${VISIBLE})`, 'o_visible_to_caller')
      .where('o.incident_id IN (:...incidentIds)', { incidentIds })
      .setParameter('org', organizationId)
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.key', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getRawAndEntities();
    const visible = new Map(
      raw.map((r: { o_id: string; o_visible_to_caller: boolean | string }) => [
        r.o_id,
        r.o_visible_to_caller === true || r.o_visible_to_caller === 't',
      ]),
    );
    return entities.map((row) => ({ row, visible: visible.get(row.id) === true }));
  }

  visibleOfIncident(m: EntityManager, organizationId: string, incidentId: string): Promise<Obligation[]> {
    return this.visible(m, organizationId)
      .andWhere('o.incident_id = :incidentId', { incidentId })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.key', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
  }

  visibleOfIncidents(m: EntityManager, organizationId: string, incidentIds: string[]): Promise<Obligation[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return this.visible(m, organizationId)
      .andWhere('o.incident_id IN (:...incidentIds)', { incidentIds })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.key', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
  }

  findVisible(m: EntityManager, organizationId: string, id: string, lock = false): Promise<Obligation | null> {
    const qb = this.visible(m, organizationId).andWhere('o.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['o']);
    return qb.getOne();
  }

  // Every obligation of an incident, for the rules (the caller has scoped the incident).
  ofIncident(m: EntityManager, incidentId: string): Promise<Obligation[]> {
    return m.find(Obligation, { where: { incidentId }, order: { createdAt: 'ASC', key: 'ASC', id: 'ASC' } });
  }

  create(values: Partial<Obligation>): Obligation {
    return Object.assign(new Obligation(), values);
  }

  // New rows in one INSERT with one parameter (insertRows).
  insertAll(m: EntityManager, rows: Obligation[]): Promise<void> {
    return insertRows(m, Obligation, rows);
  }

  save(m: EntityManager, o: Obligation): Promise<Obligation> {
    return m.save(Obligation, o);
  }

  // The incident row, locked until the caller's transaction ends: obligations of one incident are
  // derived one change at a time.
  async lockIncident(tx: EntityManager, incidentId: string): Promise<IncidentParties | null> {
    const { rows } = await execute<{
      id: string;
      controller_id: string;
      processor_id: string | null;
      reporter_org_id: string;
      status: string;
    }>(tx, `SELECT id, controller_id, processor_id, reporter_org_id, status FROM incident WHERE id = $1 FOR UPDATE`, [incidentId]);
    const r = rows[0];
    return r
      ? { id: r.id, controllerId: r.controller_id, processorId: r.processor_id, reporterOrgId: r.reporter_org_id, status: r.status }
      : null;
  }

  // The controllers' regimes (NIS2, DORA, telecom) as they are when the incidents are filed: their
  // obligations are derived under them from then on, whatever the organization changes later.
  async fixRegimes(tx: EntityManager, incidentIds: string[]): Promise<void> {
    if (incidentIds.length === 0) return;
    await execute(tx, FIX_REGIMES, [incidentIds]);
  }

  // What the rules need to know about an incident: its facts, the controller's profile (with the
  // regimes fixed at filing; the organization's own for an incident without them), the latest
  // decision and assessment, the classifications and the filings made for obligations so far.
  async factsOf(m: EntityManager, incidentId: string, read: { filings: boolean } = { filings: true }): Promise<FactsRow | null> {
    const facts = (await this.factsOfMany(m, [incidentId])).get(incidentId);
    if (!facts) return null;
    const filings = !read.filings
      ? { rows: [] }
      : await execute<{ key: string; filed_at: string | Date }>(
          m,
          `SELECT o.key, n.sent_at AS filed_at FROM notification n JOIN obligation o ON o.id = n.obligation_id WHERE n.incident_id = $1
       UNION
       SELECT key, fulfilled_at FROM obligation WHERE incident_id = $1 AND phase = 'fulfilled'`,
          [incidentId],
        );
    facts.filings = filings.rows.map((f) => ({ key: f.key, filedAt: new Date(f.filed_at) }));
    return facts;
  }

  // The same for many incidents in one statement, without filings (incidents filed in this
  // transaction have none). With fixRegimes, the statement first fixes the regimes of incidents that
  // have none yet (fixRegimes above) and reads them as fixed: one round trip for a filing's two steps.
  async factsOfMany(m: EntityManager, incidentIds: string[], options: { fixRegimes?: boolean } = {}): Promise<Map<string, FactsRow>> {
    if (incidentIds.length === 0) return new Map();
    // A data-modifying CTE's rows are not in the statement's snapshot of the table, only in its RETURNING.
    const regimes = options.fixRegimes
      ? `(SELECT incident_id, nis2, dora, telecom FROM fixed
          UNION ALL SELECT incident_id, nis2, dora, telecom FROM incident_regimes WHERE incident_id = ${ANY_OF_IDS})`
      : 'incident_regimes';
    const { rows } = await execute<Record<string, unknown>>(
      m,
      `${options.fixRegimes ? FIX_REGIMES_CTE : ''}
       SELECT i.id, i.status, i.controller_id, i.processor_id, i.discovered_at, i.controller_aware_at, i.reported_to_controller_at,
              i.affected_countries, c.processor_notice_hours,
              o.name, o.country, o.region, o.sector, o.public_level, o.postal, o.authority_override_id,
              CASE WHEN r.incident_id IS NULL THEN o.nis2 ELSE r.nis2 END AS nis2,
              coalesce(r.dora, o.dora) AS dora, coalesce(r.telecom, o.telecom) AS telecom,
              d.notify_authority, d.notify_subjects, d.subjects_exemption, d.decided_at, a.band,
              n2.significant, n2.aware_at AS nis2_aware_at, dc.major, dc.aware_at AS dora_aware_at, dc.classified_at AS dora_classified_at
       FROM incident i
       JOIN organization o ON o.id = i.controller_id
       LEFT JOIN ${regimes} r ON r.incident_id = i.id
       LEFT JOIN contract c ON c.id = i.contract_id
       LEFT JOIN LATERAL (SELECT notify_authority, notify_subjects, subjects_exemption, decided_at FROM decision
                          WHERE incident_id = i.id ORDER BY sequence DESC LIMIT 1) d ON true
       LEFT JOIN LATERAL (SELECT band FROM assessment WHERE incident_id = i.id ORDER BY version DESC LIMIT 1) a ON true
       LEFT JOIN nis2_classification n2 ON n2.incident_id = i.id
       LEFT JOIN dora_classification dc ON dc.incident_id = i.id
       WHERE i.id = ${ANY_OF_IDS}`,
      [incidentIds],
      { prepare: true },
    );
    return new Map(rows.map((r) => [r.id as string, factsRowOf(r)]));
  }

  nis2Of(m: EntityManager, incidentId: string): Promise<Nis2Classification | null> {
    return m.findOne(Nis2Classification, { where: { incidentId } });
  }

  doraOf(m: EntityManager, incidentId: string): Promise<DoraClassification | null> {
    return m.findOne(DoraClassification, { where: { incidentId } });
  }

  saveNis2(m: EntityManager, c: Nis2Classification): Promise<Nis2Classification> {
    return m.save(Nis2Classification, c);
  }

  saveDora(m: EntityManager, c: DoraClassification): Promise<DoraClassification> {
    return m.save(DoraClassification, c);
  }
}

function factsRowOf(r: Record<string, unknown>): FactsRow {
  return {
    status: r.status as string,
    controllerId: r.controller_id as string,
    processorId: r.processor_id as string | null,
    discoveredAt: instant(r.discovered_at as string)!,
    controllerAwareAt: instant(r.controller_aware_at as string | null),
    reportedToControllerAt: instant(r.reported_to_controller_at as string | null),
    affectedCountries: r.affected_countries as string[],
    noticeHours: (r.processor_notice_hours as number | null) ?? null,
    organization: {
      name: r.name as string,
      country: r.country as string,
      region: r.region as string | null,
      sector: r.sector as 'private' | 'public',
      publicLevel: r.public_level as 'federal' | 'state' | null,
      nis2: r.nis2 as 'essential' | 'important' | null,
      dora: r.dora as boolean,
      telecom: r.telecom as boolean,
      postal: r.postal as boolean,
      authorityOverrideId: r.authority_override_id as string | null,
    },
    decision:
      r.decided_at === null
        ? null
        : {
            notifyAuthority: r.notify_authority as boolean,
            notifySubjects: r.notify_subjects as boolean,
            subjectsExemption: r.subjects_exemption as string | null,
            decidedAt: instant(r.decided_at as string)!,
          },
    band: (r.band as string | null) ?? null,
    nis2: r.significant === null ? null : { significant: r.significant as boolean, awareAt: instant(r.nis2_aware_at as string)! },
    dora:
      r.major === null
        ? null
        : {
            major: r.major as boolean,
            awareAt: instant(r.dora_aware_at as string)!,
            classifiedAt: instant(r.dora_classified_at as string)!,
          },
    filings: [],
  };
}

const FIX_REGIMES = `
  INSERT INTO incident_regimes (incident_id, nis2, dora, telecom)
  SELECT i.id, o.nis2, o.dora, o.telecom FROM incident i JOIN organization o ON o.id = i.controller_id
  WHERE i.id = ${ANY_OF_IDS} ON CONFLICT (incident_id) DO NOTHING`;
const FIX_REGIMES_CTE = `WITH fixed AS (${FIX_REGIMES} RETURNING incident_id, nis2, dora, telecom)`;
