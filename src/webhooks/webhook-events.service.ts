import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditEvent } from '../audit/audit-event.entity';
import { AuditObserver, AuditObservers } from '../audit/audit-observers.service';
import { AppConfig } from '../config/app-config';
import { DEFAULT_MILESTONES, milestoneDueAt, milestoneLabel } from '../escalations/domain/milestones';
import { ObligationChange, ObligationObserver, ObligationObservers } from '../obligations/obligation-observers.service';
import { Obligation } from '../obligations/obligation.entity';
import { Clock } from '../platform/clock/clock';
import { IdGenerator } from '../platform/ids/id-generator';
import { incidentEventOf, obligationAudience, WebhookEventType } from './domain/webhook-events';
import { payloadOf } from './domain/webhook-payload';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { IncidentParties, NewDelivery, WebhooksRepository } from './webhooks.repository';

// Writes the webhook deliveries of a change in the transaction that makes it (never after commit):
// incidents created and updated and decisions made as the audit trail records them, obligations
// fulfilled and their due_soon milestones as the obligations change. Each organization's endpoints
// get only what the API shows that organization (domain/webhook-events.ts).
@Injectable()
export class WebhookEvents implements AuditObserver, ObligationObserver, OnModuleInit {
  readonly afterAudit = true;

  constructor(
    private readonly audits: AuditObservers,
    private readonly obligations: ObligationObservers,
    private readonly repo: WebhooksRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  onModuleInit(): void {
    this.audits.register(this);
    this.obligations.register(this);
  }

  async audited(tx: EntityManager, event: AuditEvent): Promise<void> {
    if (!event.incidentId || !(event.action.startsWith('incident.') || event.action === 'decision.recorded')) return;
    const incident = await this.repo.incident(tx, event.incidentId);
    if (!incident) return;
    const targets = incidentEventOf(event.action, { ...incident, draft: incident.status === 'draft' });
    const decisionId = event.action === 'decision.recorded' ? event.entityId : undefined;
    for (const { organizationId, type } of targets)
      await this.enqueue(tx, [organizationId], type, incident, { decisionId }, event.occurredAt);
  }

  // The events of one append (a filing, one incident or many): one look which of the incidents'
  // parties have an endpoint at all; most have none, and then nothing is read per event. The answer
  // serves the rest of the transaction (obligationsFiled) too.
  async auditedAll(tx: EntityManager, events: AuditEvent[]): Promise<void> {
    const relevant = events.filter((e) => e.incidentId && (e.action.startsWith('incident.') || e.action === 'decision.recorded'));
    if (relevant.length === 0) return;
    const parties = await this.repo.partiesWithEndpoint(tx, [...new Set(relevant.map((e) => e.incidentId!))]);
    const known = this.endpointsKnown(tx);
    for (const [organizationId, has] of parties) known.set(organizationId, has);
    if (![...parties.values()].some(Boolean)) return;
    for (const event of relevant) await this.audited(tx, event);
  }

  // New obligations (a filing): the same check once for all of them, then each as it changed.
  async obligationsFiled(tx: EntityManager, changes: ObligationChange[]): Promise<void> {
    const organizations = [...new Set(changes.flatMap((c) => obligationAudience(c.obligation)))];
    if (!(await this.anyEndpointOf(tx, organizations))) return;
    for (const change of changes) await this.obligationChanged(tx, change);
  }

  // Per transaction: which organizations have an active endpoint, as far as it has asked.
  private readonly endpoints = new WeakMap<EntityManager, Map<string, boolean>>();

  private endpointsKnown(tx: EntityManager): Map<string, boolean> {
    const known = this.endpoints.get(tx) ?? new Map<string, boolean>();
    this.endpoints.set(tx, known);
    return known;
  }

  private async anyEndpointOf(tx: EntityManager, organizationIds: string[]): Promise<boolean> {
    const known = this.endpointsKnown(tx);
    const unknown = organizationIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const found = await this.repo.withEndpoint(tx, unknown);
      for (const id of unknown) known.set(id, found.has(id));
    }
    return organizationIds.some((id) => known.get(id));
  }

  async obligationChanged(tx: EntityManager, change: ObligationChange): Promise<void> {
    const o = change.obligation;
    if (change.kind === 'fulfilled') {
      await this.repo.cancelDueSoon(tx, o.id);
      const incident = await this.repo.incident(tx, o.incidentId);
      if (incident)
        await this.enqueue(tx, obligationAudience(o), 'obligation.fulfilled', incident, { obligationId: o.id }, this.clock.now());
      return;
    }
    if (o.phase !== 'live' || o.startsAt === null || o.dueAt === null) {
      await this.repo.cancelDueSoon(tx, o.id);
      return;
    }
    await this.repo.cancelDueSoon(tx, o.id, await this.planDueSoon(tx, o, o.dueAt));
  }

  // One row per endpoint and escalation milestone of the obligation (the contract's, else the
  // default ones), due at the milestone: those still ahead, and the latest one already passed.
  private async planDueSoon(tx: EntityManager, o: Obligation, dueAt: Date): Promise<string[]> {
    const incident = await this.repo.incident(tx, o.incidentId);
    if (!incident) return [];
    const endpoints = await this.repo.subscribers(tx, obligationAudience(o), 'obligation.due_soon');
    if (endpoints.length === 0) return [];
    const now = this.clock.now();
    const all = [...(incident.milestones ?? DEFAULT_MILESTONES)].sort((a, b) => b - a);
    const passed = all.filter((m) => milestoneDueAt(dueAt, m) <= now);
    const planned = [...all.filter((m) => milestoneDueAt(dueAt, m) > now), ...passed.slice(-1)];
    const rows: NewDelivery[] = [];
    for (const endpoint of endpoints)
      for (const minutesBefore of planned) {
        const at = milestoneDueAt(dueAt, minutesBefore);
        const milestone = milestoneLabel(minutesBefore);
        rows.push(
          await this.row(
            tx,
            endpoint,
            'obligation.due_soon',
            incident,
            { obligationId: o.id, milestone, dueAt },
            at,
            new Date(Math.max(at.getTime(), now.getTime())),
          ),
        );
      }
    return this.repo.upsertDueSoon(tx, rows);
  }

  private async enqueue(
    tx: EntityManager,
    organizationIds: string[],
    type: WebhookEventType,
    incident: IncidentParties,
    extra: { obligationId?: string; decisionId?: string },
    at: Date,
  ): Promise<void> {
    const endpoints = await this.repo.subscribers(tx, organizationIds, type);
    const rows: NewDelivery[] = [];
    for (const endpoint of endpoints) rows.push(await this.row(tx, endpoint, type, incident, extra, at, this.clock.now()));
    await this.repo.insertDeliveries(tx, rows);
  }

  private async row(
    tx: EntityManager,
    endpoint: WebhookEndpoint,
    type: WebhookEventType,
    incident: IncidentParties,
    extra: { obligationId?: string; decisionId?: string; milestone?: string; dueAt?: Date },
    at: Date,
    nextAttemptAt: Date,
  ): Promise<NewDelivery> {
    const id = this.ids.next();
    const details = endpoint.includeDetails ? await this.repo.details(tx, incident.id) : undefined;
    return {
      id,
      endpointId: endpoint.id,
      eventType: type,
      incidentId: incident.id,
      obligationId: extra.obligationId ?? null,
      milestone: extra.milestone ?? null,
      payload: payloadOf(type, at, this.config.publicUrl, { incidentId: incident.id, reference: incident.reference, ...extra }, details),
      nextAttemptAt,
      messageId: `msg_${id}`,
      createdAt: this.clock.now(),
    };
  }
}
