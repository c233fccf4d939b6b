import { Body, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IncidentsService } from '../../incidents/incidents.service';
import { isLang } from '../../i18n';
import { HTML_CSP_HEADER, markdownToHtml, markdownToPdf } from '../../notifications/document-formats';
import { RecordNotificationDto } from '../../notifications/dto/record-notification.dto';
import { NotificationsService } from '../../notifications/notifications.service';
import { ObligationDraftsService } from '../../notifications/obligation-drafts.service';
import { localTimeProblem, readZonedLocal } from '../../platform/clock/zoned-time';
import { DomainError, ValidationError } from '../../platform/http/domain-error';
import { canonicalUuid } from '../../platform/http/uuid.pipe';
import { validateInput } from '../../platform/validation/validate';
import { formText, FormBody } from '../incident/incident-forms';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ShowsRefusal } from '../shared/shows-refusal.decorator';
import { ViewsService } from '../shared/views.service';
import { Page, page, seeOther } from '../shared/web-answer';
import { PageNotFound } from '../shared/web-errors';
import { ShowsRefusals } from '../shared/web-exception.filter';
import { WebPages } from '../shared/web-pages.decorator';
import { formBody, WebRequest } from '../shared/web-request';
import { draftChoice, DutyFacts, obligationDraftsModel } from './obligation-drafts.view-model';

// The drafts per duty: GET /incidents/:id/drafts (choose the duty and the language), the draft of
// one obligation (printable HTML, Markdown, PDF) and the record of what was sent for it, through the
// same services and checks as GET /api/v1/obligations/:id/draft and POST …/notifications.
@WebPages()
@UseGuards(SessionGuard)
export class ObligationDraftsPageController implements ShowsRefusals {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly drafts: ObligationDraftsService,
    private readonly notifications: NotificationsService,
    private readonly views: ViewsService,
  ) {}

  @Get('incidents/:id/drafts')
  async list(@SignedIn() signedIn: SignedInUser, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.draftsPage(signedIn, id, query, [], {}, 200);
  }

  @Get('obligations/:id/draft')
  @ShowsRefusal()
  async draft(
    @SignedIn() { actor }: SignedInUser,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const obligationId = canonicalUuid(id);
    if (!obligationId) throw new PageNotFound();
    const phase = query.phase === 'initial' || query.phase === 'followup' ? query.phase : undefined;
    const draft = await this.drafts.draft(actor, obligationId, { lang: isLang(query.lang) ? query.lang : actor.locale, phase });
    if (query.format === 'md' || query.format === 'pdf') {
      reply.header('content-disposition', `attachment; filename="${draft.filename}.${query.format}"`);
      if (query.format === 'pdf') {
        reply.header('content-type', 'application/pdf');
        return markdownToPdf(draft.text, draft.title);
      }
      reply.header('content-type', 'text/markdown; charset=utf-8');
      return draft.text;
    }
    reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', HTML_CSP_HEADER);
    return markdownToHtml(draft.text, draft.title, draft.lang);
  }

  // What was sent for this duty: the notification carries the obligationId; back to the drafts page.
  @Post('obligations/:id/filings')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('filing')
  async record(@SignedIn() { actor }: SignedInUser, @Param('id') id: string, @Body() body: FormBody) {
    const found = await this.drafts.obligationOf(actor, canonicalUuid(id) ?? '');
    if (!found) throw new PageNotFound();
    const o = found.obligation;
    const read = readZonedLocal(formText(body, 'sentAt') ?? '', actor.timeZone);
    if (!read.ok) throw new ValidationError([{ path: 'sentAt', message: localTimeProblem(read, actor.timeZone)! }]);
    const optional = (k: string) => (formText(body, k) !== undefined ? { [k]: formText(body, k) } : {});
    const dto = validateInput(RecordNotificationDto, {
      obligationId: o.id,
      sentAt: read.instant.toISOString(),
      ...optional('channel'),
      ...optional('reference'),
      ...optional('reasonsForDelay'),
      ...optional('language'),
      ...optional('body'),
    });
    await this.notifications.record(actor, o.incidentId, dto);
    return seeOther(`/incidents/${o.incidentId}/drafts?obligation=${o.id}`);
  }

  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> {
    const status =
      error.kind === 'not_found' || error.kind === 'forbidden'
        ? 404
        : error.kind === 'conflict'
          ? 409
          : error.kind === 'unprocessable'
            ? 422
            : 400;
    const id = canonicalUuid((request.params as { id?: string }).id);
    const found = id ? await this.drafts.obligationOf(signedIn.actor, id) : null;
    if (!found || status === 404) throw new PageNotFound();
    const errors = (error.errors?.length ? error.errors : [{ path: '', message: error.message }]).map((e) => ({
      href: null,
      label: e.path,
      message: e.message,
    }));
    const typed = form === 'filing' ? textsOf(formBody(request)) : {};
    return this.draftsPage(
      signedIn,
      found.obligation.incidentId,
      { obligation: found.obligation.id, ...(request.query as object) },
      errors,
      typed,
      status,
    );
  }

  private async draftsPage(
    signedIn: SignedInUser,
    id: string,
    query: Record<string, unknown>,
    errors: { href: string | null; label: string; message: string }[],
    typed: Record<string, string>,
    status: number,
  ): Promise<Page> {
    const { actor } = signedIn;
    const incidentId = canonicalUuid(id);
    const view = incidentId ? await this.incidents.view(actor, incidentId).catch(() => null) : null;
    if (!view) throw new PageNotFound();
    const duties: DutyFacts[] = view.obligations
      .filter((d) => d.obligation.phase !== 'waived')
      .map(({ obligation: o }) => ({ id: o.id, regime: o.regime, duty: o.duty, recipient: o.recipient.name, live: o.phase === 'live' }));
    const choice = draftChoice(duties, query, actor.locale);
    let draft: { text: string; isSummary: boolean } | null = null;
    if (choice) {
      // A draft that cannot be made (a follow-up before the initial notification) says why instead.
      const made = await this.drafts.draft(actor, choice.obligationId, { lang: choice.lang, phase: choice.phase }).catch((e: unknown) => {
        if (!(e instanceof DomainError)) throw e;
        errors = [...errors, { href: null, label: '', message: e.message }];
        return null;
      });
      if (made) draft = { text: made.text, isSummary: made.templateId.startsWith('filing-summary') };
    }
    const model = obligationDraftsModel({
      incident: { id: view.incident.id, reference: view.incident.reference },
      duties,
      choice,
      draft,
      lang: actor.locale,
      errors,
      typed,
    });
    return page(status, this.views.page('obligation-drafts', signedIn, model));
  }
}

// What the refused form held, to draw it again as typed.
function textsOf(body: FormBody): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}
