import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { errorFamily, ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { validateInput } from '../platform/validation/validate';
import { newSecret } from './domain/signature';
import { urlProblem } from './domain/target-address';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { EndpointSummary, WebhooksRepository } from './webhooks.repository';

export interface WebhooksOverview {
  endpoints: (EndpointSummary & { endpoint: WebhookEndpoint })[];
  failed: WebhookDelivery[];
}

enum WebhookErrorCode {
  NotFound = 'webhook.not_found',
  NotFailed = 'webhook.delivery_not_failed',
}

class WebhookError extends errorFamily<WebhookErrorCode>({
  [WebhookErrorCode.NotFound]: 'not_found',
  [WebhookErrorCode.NotFailed]: 'conflict',
}) {}

// An organization's webhook endpoints (its admins manage them, its DPOs read them) and their
// deliveries: list them, send a failed one again. Every change is audited.
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: Database,
    private readonly repo: WebhooksRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // The secret is returned here and never again.
  async create(actor: Actor, input: unknown): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const dto = validateInput(CreateWebhookDto, input);
    const problem = urlProblem(dto.url, this.config.webhooks.allowPrivate);
    if (problem) throw new ValidationError([{ path: 'url', message: `url ${problem}` }]);
    return this.db.transaction(async (tx) => {
      const endpoint: WebhookEndpoint = {
        id: this.ids.next(),
        organizationId: actor.organizationId,
        url: dto.url,
        events: [...dto.events],
        includeDetails: dto.includeDetails ?? false,
        secret: newSecret(),
        active: true,
        createdBy: actor.email,
        createdAt: this.clock.now(),
        deletedAt: null,
      };
      await this.repo.insertEndpoint(tx, endpoint);
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'webhook.created',
        entityType: 'webhook',
        entityId: endpoint.id,
        changes: {
          url: { from: null, to: endpoint.url },
          events: { from: null, to: endpoint.events },
          includeDetails: { from: null, to: endpoint.includeDetails },
        },
      });
      return { endpoint, secret: endpoint.secret };
    });
  }

  list(actor: Actor): Promise<WebhookEndpoint[]> {
    return this.db.read((m) => this.repo.endpointsOf(m, actor.organizationId));
  }

  // The administration page: each endpoint with its latest delivery and failures, and the latest
  // failed deliveries of them all (to send again).
  async overview(actor: Actor, failedLimit = 20): Promise<WebhooksOverview> {
    return this.db.read(async (m) => {
      const endpoints = await this.repo.endpointsOf(m, actor.organizationId);
      const ids = endpoints.map((e) => e.id);
      const summaries = await this.repo.summaries(m, ids);
      return {
        endpoints: endpoints.map((endpoint) => ({ endpoint, ...summaries.get(endpoint.id)! })),
        failed: await this.repo.failedOf(m, ids, failedLimit),
      };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const endpoint = await this.found(await this.repo.endpointOf(tx, actor.organizationId, id), id);
      await this.repo.deleteEndpoint(tx, id, this.clock.now());
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'webhook.deleted',
        entityType: 'webhook',
        entityId: id,
        changes: { active: { from: true, to: false }, url: { from: endpoint.url, to: endpoint.url } },
      });
    });
  }

  async deliveries(actor: Actor, id: string): Promise<WebhookDelivery[]> {
    return this.db.read(async (m) => {
      await this.found(await this.repo.endpointOf(m, actor.organizationId, id), id);
      return this.repo.deliveriesOf(m, id, 500);
    });
  }

  async retry(actor: Actor, id: string, deliveryId: string): Promise<WebhookDelivery> {
    return this.db.transaction(async (tx) => {
      await this.found(await this.repo.endpointOf(tx, actor.organizationId, id), id);
      const row = await this.repo.delivery(tx, id, deliveryId);
      if (!row) throw new WebhookError(WebhookErrorCode.NotFound, `No delivery ${deliveryId}.`);
      if (row.status !== 'failed')
        throw new WebhookError(WebhookErrorCode.NotFailed, `The delivery is ${row.status}; only failed ones are sent again.`);
      await this.repo.requeue(tx, deliveryId, this.clock.now());
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'webhook.delivery_requeued',
        entityType: 'webhook_delivery',
        entityId: deliveryId,
        incidentId: row.incidentId,
        changes: { status: { from: 'failed', to: 'pending' } },
      });
      return (await this.repo.delivery(tx, id, deliveryId))!;
    });
  }

  private async found<T>(row: T | null, id: string): Promise<T> {
    if (!row) throw new WebhookError(WebhookErrorCode.NotFound, `No webhook ${id}.`);
    return row;
  }
}
