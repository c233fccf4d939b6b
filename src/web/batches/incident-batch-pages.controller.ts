import { Body, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { wordsFor } from '../../i18n';
import { toIncidentBatchResponse } from '../../incidents/batches/dto/incident-batch.response';
import { IncidentBatches } from '../../incidents/batches/incident-batches.service';
import { decodeCursor, encodeCursor } from '../../incidents/dto/incident-cursor';
import { IncidentsService } from '../../incidents/incidents.service';
import { DomainError } from '../../platform/http/domain-error';
import { canonicalUuid } from '../../platform/http/uuid.pipe';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ShowsRefusal } from '../shared/shows-refusal.decorator';
import { ViewsService } from '../shared/views.service';
import { json, Page, page, seeOther } from '../shared/web-answer';
import { PageNotFound } from '../shared/web-errors';
import { ShowsRefusals } from '../shared/web-exception.filter';
import { AnswersJson, WebPages } from '../shared/web-pages.decorator';
import { formBody, WebRequest } from '../shared/web-request';
import { batchDto } from './batch-form';
import { batchFormModel, batchPageModel, CHOICES_PER_PAGE, FIRST_REPORTS, progressModel } from './incident-batch.view-model';

const REPORTS_PER_PAGE = 100;

// One processor breach for many contracts, from the browser (docs/web.md, "Batches"): the form, the
// batch's page with its progress (polled by incident-batch.js) and its reports, through the same
// service and validation as POST /api/v1/incidents/batches.
@WebPages()
@UseGuards(SessionGuard)
export class IncidentBatchPagesController implements ShowsRefusals {
  constructor(
    private readonly batches: IncidentBatches,
    private readonly incidents: IncidentsService,
    private readonly views: ViewsService,
  ) {}

  @Get('incidents/batches/new')
  @ShowsRefusal()
  async form(@SignedIn() signedIn: SignedInUser, @Query('q') q: unknown, @Query('from') from: unknown) {
    return this.formPage(signedIn, { q: typeof q === 'string' ? q : '', from }, [], 200);
  }

  @Post('incidents/batches')
  @UseGuards(CsrfGuard)
  @ShowsRefusal()
  async file(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    await this.batches.assertProcessorSide(signedIn.actor);
    const batch = await this.batches.create(signedIn.actor, batchDto(body ?? {}, signedIn.actor.timeZone));
    return seeOther(`/incidents/batches/${batch.id}`);
  }

  @Get('incidents/batches/:id')
  async show(@SignedIn() signedIn: SignedInUser, @Param('id') id: string) {
    const { actor } = signedIn;
    const batch = toIncidentBatchResponse(await this.batches.view(actor, this.idOf(id)).catch(notFound));
    const { items } = await this.incidents.list(actor, { limit: FIRST_REPORTS, batchId: batch.id });
    const reports = items.map(({ incident: i }) => ({
      id: i.id,
      reference: i.reference,
      title: i.title,
      controllerName: i.controller?.name ?? '',
    }));
    return page(200, this.views.page('incident-batch', signedIn, batchPageModel(actor, batch, reports)));
  }

  // The progress for the page's script (the session's GET /api/v1/incidents/batches/:id).
  @Get('incidents/batches/:id/progress')
  @AnswersJson()
  async progress(@SignedIn() { actor }: SignedInUser, @Param('id') id: string) {
    const batch = toIncidentBatchResponse(await this.batches.view(actor, this.idOf(id)).catch(notFound));
    return json(200, { ...batch, progress: progressModel(batch, actor.locale) });
  }

  // Every report of the batch, newest first, a page at a time.
  @Get('incidents/batches/:id/incidents')
  async reports(@SignedIn() signedIn: SignedInUser, @Param('id') id: string, @Query('cursor') cursor: unknown) {
    const { actor } = signedIn;
    const batch = await this.batches.view(actor, this.idOf(id)).catch(notFound);
    const after = typeof cursor === 'string' && cursor !== '' ? safeCursor(cursor) : undefined;
    const { items, next } = await this.incidents.list(actor, { limit: REPORTS_PER_PAGE, batchId: batch.id, after });
    return page(
      200,
      this.views.page('incident-batch-reports', signedIn, {
        title: wordsFor(actor.locale).batchReportsTitle,
        batchId: batch.id,
        reports: items.map(({ incident: i }) => ({
          id: i.id,
          reference: i.reference,
          title: i.title,
          controllerName: i.controller?.name ?? '',
        })),
        next: next ? `/incidents/batches/${batch.id}/incidents?cursor=${encodeCursor(next.createdAt, next.id)}` : null,
      }),
    );
  }

  @Post('incidents/batches/:id/resume')
  @UseGuards(CsrfGuard)
  @ShowsRefusal()
  async resume(@SignedIn() { actor }: SignedInUser, @Param('id') id: string) {
    const batch = await this.batches.resume(actor, this.idOf(id));
    return seeOther(`/incidents/batches/${batch.id}`);
  }

  // The form again with every error next to its field (400), or the refusal's page (403, 404).
  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest): Promise<Page> {
    if (error.kind === 'not_found') throw new PageNotFound();
    if (error.kind === 'forbidden')
      return page(403, this.views.page('message', signedIn, { title: '403', message: wordsFor(signedIn.actor.locale).batchRefused }));
    const values = formBody(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    return this.formPage(signedIn, { q: typeof query.q === 'string' ? query.q : '', from: query.from, values }, errors, 400);
  }

  private async formPage(
    signedIn: SignedInUser,
    at: { q: string; from: unknown; values?: Record<string, unknown> },
    errors: { path: string; message: string }[],
    status: number,
  ): Promise<Page> {
    const { actor } = signedIn;
    const offset = typeof at.from === 'string' && /^\d{1,7}$/.test(at.from) ? Number(at.from) : 0;
    const filter = at.q.slice(0, 200);
    const [all, shown, subProcessors] = await Promise.all([
      this.batches.choices(actor, '', 0, 0),
      this.batches.choices(actor, filter, offset, CHOICES_PER_PAGE),
      this.batches.subProcessorNames(actor),
    ]);
    const choices = { all: all.total, items: shown.items, total: shown.total, offset, filter, subProcessors };
    return page(status, this.views.page('new-incident-batch', signedIn, batchFormModel(actor, choices, at.values ?? {}, errors)));
  }

  private idOf(id: string): string {
    const canonical = canonicalUuid(id);
    if (!canonical) throw new PageNotFound();
    return canonical;
  }
}

function notFound(error: unknown): never {
  if (error instanceof DomainError && error.kind === 'not_found') throw new PageNotFound();
  throw error;
}

function safeCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  try {
    return decodeCursor(cursor);
  } catch {
    return undefined;
  }
}
