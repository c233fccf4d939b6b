import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OutboxRow } from '../platform/outbox/outbox-row';
import { WebhookEventType } from './domain/webhook-events';
import type { WebhookPayload } from './domain/webhook-payload';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// One event for one endpoint: an outbox row (platform/outbox), written in the transaction of the
// change that causes it, delivered by whichever instance claims it first. message_id is the
// event's `webhook-id` ("msg_<uuid>"), the same on every attempt so receivers can deduplicate.
@Entity({ name: 'webhook_delivery' })
@Unique('ux_webhook_delivery__message_id', ['messageId'])
@Index('ux_webhook_delivery__due_soon', ['endpointId', 'obligationId', 'milestone'], { unique: true, where: 'milestone IS NOT NULL' })
@Index('ix_webhook_delivery__due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('ix_webhook_delivery__endpoint', ['endpointId', 'createdAt'])
@Index('ix_webhook_delivery__failed', ['endpointId'], { where: `status = 'failed'` })
@Check('ck_webhook_delivery__status', `status IN ('pending', 'sent', 'failed', 'cancelled')`)
@Check(
  'ck_webhook_delivery__type',
  `event_type IN ('incident.created', 'incident.updated', 'obligation.due_soon', 'obligation.fulfilled', 'decision.made')`,
)
@Check('ck_webhook_delivery__milestone', `(event_type = 'obligation.due_soon') = (milestone IS NOT NULL)`)
export class WebhookDelivery extends OutboxRow<DeliveryStatus> {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_delivery' })
  id: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @ManyToOne('WebhookEndpoint', { nullable: false })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_delivery__endpoint' })
  endpoint?: unknown;

  @Column({ name: 'event_type', type: 'text' })
  eventType: WebhookEventType;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_webhook_delivery__incident' })
  incident?: unknown;

  @Column({ name: 'obligation_id', type: 'uuid', nullable: true })
  obligationId: string | null;

  @ManyToOne('Obligation', { nullable: true })
  @JoinColumn({ name: 'obligation_id', foreignKeyConstraintName: 'fk_webhook_delivery__obligation' })
  obligation?: unknown;

  // due_soon only: the escalation milestone ("T-24h").
  @Column({ type: 'text', nullable: true })
  milestone: string | null;

  @Column({ type: 'jsonb' })
  payload: WebhookPayload;

  // The HTTP status of the last attempt (null: no answer).
  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus: number | null;
}
