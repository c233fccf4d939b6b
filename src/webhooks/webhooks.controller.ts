import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { Actor } from '../identity/domain/actor';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { toWebhookDeliveryResponse, toWebhookResponse } from './dto/webhook.response';
import { WebhooksService } from './webhooks.service';

// Webhook endpoints of the caller's organization: org admins manage them, DPOs may read them.
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Roles('org_admin', 'controller_dpo')
  async list(@CurrentActor() actor: Actor) {
    return { items: (await this.webhooks.list(actor)).map(toWebhookResponse) };
  }

  // 201 with the signing secret in `secret`: the only time it is shown.
  @Post()
  @Roles('org_admin')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookDto) {
    const { endpoint, secret } = await this.webhooks.create(actor, body);
    return { ...toWebhookResponse(endpoint), secret };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('org_admin')
  async remove(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }

  @Get(':id/deliveries')
  @Roles('org_admin', 'controller_dpo')
  async deliveries(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return { items: (await this.webhooks.deliveries(actor, id)).map(toWebhookDeliveryResponse) };
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @Roles('org_admin')
  async retry(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Param('deliveryId', uuid) deliveryId: string) {
    return toWebhookDeliveryResponse(await this.webhooks.retry(actor, id, deliveryId));
  }
}
