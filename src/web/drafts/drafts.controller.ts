import { Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HTML_CSP_HEADER, markdownToHtml, markdownToPdf } from '../../notifications/document-formats';
import { NotificationDraftsService } from '../../notifications/notification-drafts.service';
import { DomainError } from '../../platform/http/domain-error';
import { canonicalUuid } from '../../platform/http/uuid.pipe';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { Page, page } from '../shared/web-answer';
import { ShowsRefusals } from '../shared/web-exception.filter';
import { ShowsRefusal } from '../shared/shows-refusal.decorator';
import { WebPages } from '../shared/web-pages.decorator';
import { draftRefusal, draftRequest } from './drafts.view-model';

// Drafts for the DPO: HTML preview (printable), Markdown or PDF download. The same service and checks
// as GET /api/v1/incidents/:id/drafts/… (who may draft what, the initial notification a follow-up needs).
@WebPages()
@UseGuards(SessionGuard)
export class DraftsController implements ShowsRefusals {
  constructor(
    private readonly drafts: NotificationDraftsService,
    private readonly views: ViewsService,
  ) {}

  @Get('incidents/:id/drafts/:document')
  @ShowsRefusal()
  async draft(
    @SignedIn() signedIn: SignedInUser,
    @Param('id') id: string,
    @Param('document') document: string,
    @Query('lang') lang: string | undefined,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const wanted = draftRequest(document, lang, format, signedIn.actor.locale);
    const incidentId = canonicalUuid(id);
    if (!wanted || !incidentId) return page(404, 'Not found.');
    const draft = await this.drafts.draft(signedIn.actor, incidentId, wanted.kind, { lang: wanted.lang });
    if (wanted.format === 'md') {
      reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${wanted.filename}.md"`);
      return draft.text;
    }
    if (wanted.format === 'pdf') {
      reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${wanted.filename}.pdf"`);
      return markdownToPdf(draft.text, draft.title);
    }
    reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', HTML_CSP_HEADER);
    return markdownToHtml(draft.text, draft.title, wanted.lang);
  }

  refused(error: DomainError, signedIn: SignedInUser): Page {
    const { status, title, message } = draftRefusal(error.kind, error.message, signedIn.actor.locale);
    return page(status, this.views.page('message', signedIn, { title, message }));
  }
}
