import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEvents } from './webhook-events.service';
import { WebhookScheduler } from './webhook.scheduler';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [AuditModule, IdentityModule, ObligationsModule],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhookEvents, WebhookDispatcher, WebhookScheduler, WebhooksService],
  exports: [WebhookDispatcher, WebhooksService],
})
export class WebhooksModule {}
