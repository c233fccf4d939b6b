import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Clock } from '../platform/clock/clock';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { Actor, auditActorOf } from './domain/actor';
import { ApiTokensService } from './api-tokens.service';
import { CurrentActor } from './auth.guard';
import { CreateApiTokenDto } from './dto/api-token.dto';
import { toApiTokenResponse } from './dto/api-token.response';

// API tokens: everyone manages their own; org admins those of their organization's users.
@Controller('api/v1/tokens')
export class ApiTokensController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor) {
    const now = this.clock.now();
    return { items: (await this.tokens.list(actor)).map((t) => toApiTokenResponse(t, now)) };
  }

  // 201 with the secret in `token`: the only time it is shown.
  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: CreateApiTokenDto) {
    const { token, row } = await this.tokens.createFor(actor, body);
    return { ...toApiTokenResponse(row, this.clock.now()), token };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<void> {
    await this.tokens.revoke(id, actor, auditActorOf(actor));
  }
}
