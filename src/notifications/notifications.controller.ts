import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import type { FastifyReply } from 'fastify';
import { toAuthorityResponse } from '../authorities/dto/authority.response';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { sendDraft } from './document-formats';
import { RecordNotificationDto } from './dto/record-notification.dto';
import { NotificationDraftsService } from './notification-drafts.service';
import { NotificationsService } from './notifications.service';
import { authorityDocument, DocumentKind } from './domain/documents';
import { DraftQuery } from './dto/draft-query.dto';
import { toNotificationResponse } from './dto/notification.response';

@Controller('api/v1/incidents/:id')
export class NotificationsController {
  constructor(
    private readonly drafts: NotificationDraftsService,
    private readonly notifications: NotificationsService,
  ) {}

  @Get('drafts/authority')
  @Roles('controller_dpo')
  async authority(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Query() q: DraftQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.draft(actor, id, authorityDocument(q.phase), q, accept, reply);
  }

  @Get('drafts/data-subjects')
  @Roles('controller_dpo')
  async dataSubjects(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Query() q: DraftQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.draft(actor, id, 'data-subjects', q, accept, reply);
  }

  @Get('drafts/public-communication')
  @Roles('controller_dpo')
  async publicCommunication(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Query() q: DraftQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.draft(actor, id, 'public-communication', q, accept, reply);
  }

  // Both sides: the processor sends it, the controller may want it on file.
  @Get('drafts/processor-report')
  @Roles('controller_dpo', 'processor_staff')
  async processorReport(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Query() q: DraftQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.draft(actor, id, 'processor-report', q, accept, reply);
  }

  // Who must be told: the competent (lead) authority, or one per member state, plus ICO / FDPIC.
  @Get('authorities')
  @Roles('controller_dpo')
  async targets(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    const { targets, unresolved } = await this.drafts.targetsFor(actor, id);
    return { targets: targets.map((t) => ({ authority: toAuthorityResponse(t.authority), rule: t.rule })), unresolved };
  }

  @Post('notifications')
  @HttpCode(201)
  @Roles('controller_dpo', 'processor_staff')
  async record(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: RecordNotificationDto) {
    const n = await this.notifications.record(actor, id, body);
    return { ...toNotificationResponse(n), recordedBy: actor.email };
  }

  @Get('notifications')
  async list(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return { items: (await this.notifications.list(actor, id)).map(toNotificationResponse) };
  }

  private async draft(actor: Actor, id: string, document: DocumentKind, q: DraftQuery, accept: string | undefined, reply: FastifyReply) {
    const draft = await this.drafts.draft(actor, id, document, { lang: q.lang, authorityId: q.authorityId });
    return sendDraft(reply, accept, draft, `${document}-${draft.lang}`);
  }
}
