import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ANY_OF_IDS, execute, insertEntity } from '../platform/database/execute';
import { Outbox } from '../platform/outbox/outbox';
import { WebhookEventType } from './domain/webhook-events';
import { WebhookPayload } from './domain/webhook-payload';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

// The delivery outbox (platform/outbox). A due row whose endpoint was deleted meanwhile is
// cancelled by the claim itself, on the locked row.
const outbox = new Outbox('webhook_delivery');
export const WEBHOOK_CLAIM = outbox.claimStatement({
  when: 'EXISTS (SELECT 1 FROM webhook_endpoint w WHERE w.id = webhook_delivery.endpoint_id AND NOT w.active)',
  status: 'cancelled',
});

export interface NewDelivery {
  id: string;
  endpointId: string;
  eventType: WebhookEventType;
  incidentId: string;
  obligationId: string | null;
  milestone: string | null;
  payload: WebhookPayload;
  nextAttemptAt: Date;
  messageId: string;
  createdAt: Date;
}

export interface EndpointSummary {
  last: { status: DeliveryStatus; httpStatus: number | null; at: Date } | null;
  failed: number;
}

export interface IncidentParties {
  id: string;
  reference: string;
  controllerId: string;
  processorId: string | null;
  status: string;
  milestones: number[] | null;
}

@Injectable()
export class WebhooksRepository {
  readonly outbox = outbox;

  async insertEndpoint(tx: EntityManager, e: WebhookEndpoint): Promise<void> {
    await insertEntity(tx, WebhookEndpoint, e);
  }

  endpointsOf(m: EntityManager, organizationId: string): Promise<WebhookEndpoint[]> {
    return m.find(WebhookEndpoint, { where: { organizationId, active: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  endpointOf(m: EntityManager, organizationId: string, id: string): Promise<WebhookEndpoint | null> {
    return m.findOneBy(WebhookEndpoint, { id, organizationId, active: true });
  }

  endpointsByIds(m: EntityManager, ids: string[]): Promise<WebhookEndpoint[]> {
    return ids.length === 0 ? Promise.resolve([]) : m.findBy(WebhookEndpoint, { id: In(ids) });
  }

  // The active endpoints of these organizations that subscribed to the event.
  // Which of these organizations have an active endpoint (for any event).
  async withEndpoint(tx: EntityManager, organizationIds: string[]): Promise<Set<string>> {
    const rows: { org: string }[] = await tx.query(
      `SELECT DISTINCT organization_id::text AS org FROM webhook_endpoint WHERE active AND organization_id = ANY($1::uuid[])`,
      [organizationIds],
    );
    return new Set(rows.map((r) => r.org));
  }

  // The controllers and processors of these incidents, each with whether it has an active endpoint.
  async partiesWithEndpoint(tx: EntityManager, incidentIds: string[]): Promise<Map<string, boolean>> {
    const { rows } = await execute<{ org: string; has: boolean }>(
      tx,
      `SELECT p.org::text AS org, EXISTS (SELECT 1 FROM webhook_endpoint w WHERE w.active AND w.organization_id = p.org) AS has
       FROM (SELECT controller_id AS org FROM incident WHERE id = ${ANY_OF_IDS}
             UNION SELECT processor_id FROM incident WHERE id = ${ANY_OF_IDS}) p
       WHERE p.org IS NOT NULL`,
      [incidentIds],
      { prepare: true },
    );
    return new Map(rows.map((r) => [r.org, r.has]));
  }

  subscribers(tx: EntityManager, organizationIds: string[], type: WebhookEventType): Promise<WebhookEndpoint[]> {
    return tx
      .createQueryBuilder(WebhookEndpoint, 'w')
      .where('w.active AND w.organization_id = ANY(:orgs) AND :type = ANY(w.events)', { orgs: organizationIds, type })
      .orderBy('w.id')
      .getMany();
  }

  async deleteEndpoint(tx: EntityManager, id: string, at: Date): Promise<void> {
    await execute(tx, `UPDATE webhook_endpoint SET active = false, deleted_at = $2 WHERE id = $1 AND active`, [id, at.toISOString()]);
    await execute(
      tx,
      `UPDATE webhook_delivery SET status = 'cancelled', claimed_until = NULL WHERE endpoint_id = $1 AND status = 'pending'`,
      [id],
    );
  }

  async incident(tx: EntityManager, id: string): Promise<IncidentParties | null> {
    const [row] = await tx.query(
      `SELECT i.id, i.reference, i.controller_id AS "controllerId", i.processor_id AS "processorId", i.status, c.escalation_milestones AS milestones
       FROM incident i LEFT JOIN contract c ON c.id = i.contract_id WHERE i.id = $1`,
      [id],
    );
    return row ?? null;
  }

  // The facts of an incident that its parties both see in the API (the endpoint's opt-in details).
  async details(tx: EntityManager, id: string): Promise<Record<string, unknown>> {
    const [row] = await tx.query(
      `SELECT title, status, nature_types AS "natureTypes", nature_description AS "natureDescription", data_categories AS "dataCategories",
              subject_categories AS "subjectCategories", approximate_subjects AS "approximateSubjects", approximate_records AS "approximateRecords",
              discovered_at AS "discoveredAt", controller_aware_at AS "controllerAwareAt"
       FROM incident WHERE id = $1`,
      [id],
    );
    return JSON.parse(JSON.stringify(row ?? {}));
  }

  async insertDeliveries(tx: EntityManager, rows: NewDelivery[]): Promise<void> {
    for (const r of rows)
      await execute(
        tx,
        `INSERT INTO webhook_delivery (id, endpoint_id, event_type, incident_id, obligation_id, milestone, payload, status, attempts, next_attempt_at, message_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'pending', 0, $8, $9, $10)`,
        [
          r.id,
          r.endpointId,
          r.eventType,
          r.incidentId,
          r.obligationId,
          r.milestone,
          JSON.stringify(r.payload),
          r.nextAttemptAt.toISOString(),
          r.messageId,
          r.createdAt.toISOString(),
        ],
      );
  }

  // A due_soon row per endpoint, obligation and milestone: a pending or cancelled one takes the new
  // plan, a sent or failed one stays as it is. Returns the ids of the rows in the plan.
  async upsertDueSoon(tx: EntityManager, rows: NewDelivery[]): Promise<string[]> {
    const ids: string[] = [];
    for (const r of rows) {
      const { rows: kept } = await execute<{ id: string }>(
        tx,
        `INSERT INTO webhook_delivery (id, endpoint_id, event_type, incident_id, obligation_id, milestone, payload, status, attempts, next_attempt_at, message_id, created_at)
         VALUES ($1, $2, 'obligation.due_soon', $3, $4, $5, $6::jsonb, 'pending', 0, $7, $8, $9)
         ON CONFLICT (endpoint_id, obligation_id, milestone) WHERE milestone IS NOT NULL DO UPDATE
           SET payload = EXCLUDED.payload, next_attempt_at = EXCLUDED.next_attempt_at, status = 'pending'
           WHERE webhook_delivery.status IN ('pending', 'cancelled') AND webhook_delivery.attempts = 0
         RETURNING id`,
        [
          r.id,
          r.endpointId,
          r.incidentId,
          r.obligationId,
          r.milestone,
          JSON.stringify(r.payload),
          r.nextAttemptAt.toISOString(),
          r.messageId,
          r.createdAt.toISOString(),
        ],
      );
      ids.push(...kept.map((k) => k.id));
    }
    return ids;
  }

  // The due_soon rows of an obligation not in the plan (all of them when it is fulfilled, waived or
  // without a deadline) are cancelled; rows already sent keep their state.
  async cancelDueSoon(tx: EntityManager, obligationId: string, keep: string[] = []): Promise<void> {
    await execute(
      tx,
      `UPDATE webhook_delivery SET status = 'cancelled', claimed_until = NULL
       WHERE obligation_id = $1 AND event_type = 'obligation.due_soon' AND status = 'pending' AND NOT (id = ANY($2::uuid[]))`,
      [obligationId, keep],
    );
  }

  async claim(tx: EntityManager, now: Date, leaseUntil: Date, instance: string, limit: number) {
    const { claimed, superseded } = await outbox.claim(tx, WEBHOOK_CLAIM, { now, leaseUntil, instance, limit });
    const rows = claimed.length === 0 ? [] : await tx.findBy(WebhookDelivery, { id: In(claimed) });
    return { claimed: rows, cancelled: superseded.length, considered: claimed.length + superseded.length };
  }

  async recordStatus(m: EntityManager, id: string, httpStatus: number | null): Promise<void> {
    await execute(m, `UPDATE webhook_delivery SET last_status = $2 WHERE id = $1`, [id, httpStatus]);
  }

  deliveriesOf(m: EntityManager, endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    return m.find(WebhookDelivery, { where: { endpointId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  // Per endpoint: the state of its latest delivery (cancelled ones aside) and how many have failed.
  async summaries(m: EntityManager, endpointIds: string[]): Promise<Map<string, EndpointSummary>> {
    const out = new Map<string, EndpointSummary>(endpointIds.map((id) => [id, { last: null, failed: 0 }]));
    if (endpointIds.length === 0) return out;
    const { rows: last } = await execute<{
      endpoint_id: string;
      status: DeliveryStatus;
      last_status: number | null;
      created_at: string | Date;
    }>(
      m,
      `SELECT DISTINCT ON (endpoint_id) endpoint_id, status, last_status, created_at FROM webhook_delivery
       WHERE endpoint_id = ANY($1::uuid[]) AND status <> 'cancelled' ORDER BY endpoint_id, created_at DESC, id DESC`,
      [endpointIds],
    );
    for (const r of last) out.get(r.endpoint_id)!.last = { status: r.status, httpStatus: r.last_status, at: new Date(r.created_at) };
    const { rows: failed } = await execute<{ endpoint_id: string; n: number }>(
      m,
      `SELECT endpoint_id, count(*)::int AS n FROM webhook_delivery WHERE endpoint_id = ANY($1::uuid[]) AND status = 'failed' GROUP BY endpoint_id`,
      [endpointIds],
    );
    for (const r of failed) out.get(r.endpoint_id)!.failed = r.n;
    return out;
  }

  // The latest failed deliveries of these endpoints, newest first.
  failedOf(m: EntityManager, endpointIds: string[], limit: number): Promise<WebhookDelivery[]> {
    if (endpointIds.length === 0) return Promise.resolve([]);
    return m.find(WebhookDelivery, {
      where: { endpointId: In(endpointIds), status: 'failed' },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  delivery(m: EntityManager, endpointId: string, id: string): Promise<WebhookDelivery | null> {
    return m.findOneBy(WebhookDelivery, { id, endpointId });
  }

  async requeue(m: EntityManager, id: string, now: Date): Promise<void> {
    await execute(
      m,
      `UPDATE webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = $2, last_error = NULL, claimed_until = NULL WHERE id = $1 AND status = 'failed'`,
      [id, now.toISOString()],
    );
  }

  countFailed(m: EntityManager): Promise<number> {
    return outbox.countByStatus(m, 'failed');
  }
}
