import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { Actor } from '../identity/domain/actor';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { sendDraft } from './document-formats';
import { ObligationDraftQuery } from './dto/obligation-draft-query.dto';
import { ObligationDraftsService } from './obligation-drafts.service';

// The draft that fits one obligation: Markdown, or HTML / PDF by Accept, as the incident's drafts.
@Controller('api/v1/obligations/:id')
export class ObligationDraftsController {
  constructor(private readonly drafts: ObligationDraftsService) {}

  @Get('draft')
  @Roles('controller_dpo', 'processor_staff')
  async draft(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Query() q: ObligationDraftQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const draft = await this.drafts.draft(actor, id, { lang: q.lang, phase: q.phase });
    return sendDraft(reply, accept, draft, draft.filename);
  }
}
