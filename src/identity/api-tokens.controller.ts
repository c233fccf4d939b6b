import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Clock } from '../platform/clock/clock';
import { uuidParam as uuid } from '../platform/http/uuid-param';
import { Actor, auditActorOf } from './actor';
import { ApiToken } from './api-token.entity';
import { ApiTokensService } from './api-tokens.service';
import { CurrentActor } from './auth.guard';
import { tokenStatus } from './domain/tokens';
import { CreateApiTokenDto } from './dto/api-token.dto';

export function toApiTokenResponse(t: ApiToken, now: Date) {
  return {
    id: t.id,
    name: t.name,
    user: t.user ? { id: t.user.id, email: t.user.email } : { id: t.userId },
    status: tokenStatus(t, now),
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

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
