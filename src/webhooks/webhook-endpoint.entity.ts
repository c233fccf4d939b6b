import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookEventType } from './domain/webhook-events';

// An address of an organization that receives signed events (docs/webhooks.md). The secret signs
// every delivery; it is shown once, at creation, and kept so that deliveries can be signed.
@Entity({ name: 'webhook_endpoint' })
@Index('ix_webhook_endpoint__organization', ['organizationId'], { where: 'active' })
@Check('ck_webhook_endpoint__active', `active = (deleted_at IS NULL)`)
export class WebhookEndpoint {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_endpoint' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne('Organization', { nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_webhook_endpoint__organization' })
  organization?: unknown;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: WebhookEventType[];

  // Opt-in: payloads also carry the facts the API shows this organization.
  @Column({ name: 'include_details', type: 'boolean' })
  includeDetails: boolean;

  // "whsec_<base64>" (docs/decisions.md: why it is stored as is).
  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  // Deleted endpoints stay (their deliveries refer to them) but receive nothing more.
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
