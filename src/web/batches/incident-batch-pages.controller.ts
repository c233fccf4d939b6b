import { Body, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { wordsFor } from '../../i18n';
import { toIncidentBatchResponse } from '../../incidents/batches/dto/incident-batch.response';
import { IncidentBatchDrafts } from '../../incidents/batches/incident-batch-drafts.service';
import { isADraft } from '../../incidents/batches/incident-batches.errors';
import { IncidentBatches } from '../../incidents/batches/incident-batches.service';
import { factsInput, FormBody } from '../incident/incident-forms';
import { decodeCursor, encodeCursor } from '../../incidents/dto/incident-cursor';
import { IncidentsService } from '../../incidents/incidents.service';
import { DomainError } from '../../platform/http/domain-error';
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
import { BatchFormPage } from './batch-form-page';
import { batchIdOf, notFound } from './batch-page-ids';
import { BatchPageExtras, batchPageModel, FIRST_REPORTS, followUpDoneOf, NEW_BATCH, progressModel } from './incident-batch.view-model';

const REPORTS_PER_PAGE = 100;

// One processor breach for many contracts, from the browser (docs/web.md, "Batches"): the form, the
// batch's page with its progress (polled by incident-batch.js) and its reports, through the same
// service and validation as POST /api/v1/incidents/batches.
@WebPages()
@UseGuards(SessionGuard)
export class IncidentBatchPagesController implements ShowsRefusals {
  constructor(
    private readonly batches: IncidentBatches,
    private readonly drafts: IncidentBatchDrafts,
    private readonly incidents: IncidentsService,
    private readonly views: ViewsService,
    private readonly form: BatchFormPage,
  ) {}

  @Get('incidents/batches/new')
  @ShowsRefusal()
  async newForm(@SignedIn() signedIn: SignedInUser, @Query('q') q: unknown, @Query('from') from: unknown) {
    return this.form.render(signedIn, { q, from, values: {} }, [], 200, NEW_BATCH);
  }

  // Another page of the contract list (or the filter): the form posted back as typed, its ticks on
  // every page kept (hidden fields for those not shown).
  @Post('incidents/batches/new')
  @UseGuards(CsrfGuard)
  @ShowsRefusal()
  async newFormPage(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    const values = body ?? {};
    return this.form.render(signedIn, { q: values.q, from: values.from, values }, [], 200, NEW_BATCH);
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
  async show(@SignedIn() signedIn: SignedInUser, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    const done = followUpDoneOf(query ?? {}, signedIn.actor.locale);
    return this.batchPage(signedIn, batchIdOf(id), { typed: null, errors: [], done }, 200);
  }

  // Follow-up facts for every report of the batch (the single report's form, the same service as
  // PATCH /api/v1/incidents/batches/:id); the page then says how many changed and were skipped.
  @Post('incidents/batches/:id/facts')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('facts')
  async followUp(@SignedIn() { actor }: SignedInUser, @Param('id') id: string, @Body() body: FormBody) {
    const batchId = batchIdOf(id);
    const batch = await this.batches.view(actor, batchId).catch(notFound);
    if (batch.status === 'draft') throw isADraft();
    const result = await this.drafts.patch(actor, batchId, factsInput(body, actor.timeZone).dto);
    const counts = { changed: result.updated.length, unchanged: result.unchanged.length, skipped: result.skipped.length };
    return seeOther(
      `/incidents/batches/${batchId}?${new URLSearchParams(Object.entries(counts).map(([k, v]) => [k, String(v)] as [string, string]))}`,
    );
  }

  // The progress for the page's script (the session's GET /api/v1/incidents/batches/:id).
  @Get('incidents/batches/:id/progress')
  @AnswersJson()
  async progress(@SignedIn() { actor }: SignedInUser, @Param('id') id: string) {
    const batch = toIncidentBatchResponse(await this.batches.view(actor, batchIdOf(id)).catch(notFound));
    return json(200, { ...batch, progress: progressModel(batch, actor.locale) });
  }

  // Every report of the batch, newest first, a page at a time.
  @Get('incidents/batches/:id/incidents')
  async reports(@SignedIn() signedIn: SignedInUser, @Param('id') id: string, @Query('cursor') cursor: unknown) {
    const { actor } = signedIn;
    const batch = await this.batches.view(actor, batchIdOf(id)).catch(notFound);
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
    const batch = await this.batches.resume(actor, batchIdOf(id));
    return seeOther(`/incidents/batches/${batch.id}`);
  }

  // The form again with every error next to its field (400), or the refusal's page (403, 404, 409).
  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> {
    if (error.kind === 'not_found') throw new PageNotFound();
    const words = wordsFor(signedIn.actor.locale);
    if (error.kind === 'forbidden') return page(403, this.views.page('message', signedIn, { title: '403', message: words.batchRefused }));
    if (error.kind === 'conflict') return page(409, this.views.page('message', signedIn, { title: '409', message: error.message }));
    const values = formBody(request);
    const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    if (form === 'facts') {
      return this.batchPage(
        signedIn,
        batchIdOf(String((request.params as { id?: string }).id)),
        { typed: values, errors, done: null },
        400,
      );
    }
    const query = (request.query ?? {}) as Record<string, unknown>;
    return this.form.render(signedIn, { q: values.q ?? query.q, from: values.from ?? query.from, values }, errors, 400, NEW_BATCH);
  }

  private async batchPage(signedIn: SignedInUser, id: string, followUp: BatchPageExtras['followUp'], status: number): Promise<Page> {
    const { actor } = signedIn;
    const batch = toIncidentBatchResponse(await this.batches.view(actor, id).catch(notFound));
    const { items } =
      batch.status === 'draft' ? { items: [] } : await this.incidents.list(actor, { limit: FIRST_REPORTS, batchId: batch.id });
    const reports = items.map(({ incident: i }) => ({
      id: i.id,
      reference: i.reference,
      title: i.title,
      controllerName: i.controller?.name ?? '',
    }));
    const subProcessors = actor.role === 'processor_staff' ? await this.batches.subProcessorNames(actor) : [];
    return page(status, this.views.page('incident-batch', signedIn, batchPageModel(actor, batch, { reports, followUp, subProcessors })));
  }
}

function safeCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  try {
    return decodeCursor(cursor);
  } catch {
    return undefined;
  }
}
