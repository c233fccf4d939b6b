import { Body, Get, Param, Post, UseGuards } from '@nestjs/common';
import { wordsFor } from '../../i18n';
import { BatchSelection } from '../../incidents/batches/dto/create-batch.dto';
import { IncidentBatchDrafts } from '../../incidents/batches/incident-batch-drafts.service';
import { notADraft } from '../../incidents/batches/incident-batches.errors';
import { IncidentBatches } from '../../incidents/batches/incident-batches.service';
import { DomainError } from '../../platform/http/domain-error';
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
import { draftFormValues, replacingFacts } from './batch-draft-form';
import { batchDto } from './batch-form';
import { BatchFormPage } from './batch-form-page';
import { batchIdOf, notFound } from './batch-page-ids';
import { BatchFormTarget } from './incident-batch.view-model';

// A draft batch from the browser (docs/web.md, "Batches"): its edit page (the batch form with the
// draft's facts and selection), saving it, submitting it and discarding it, through the same
// service as PATCH, POST …/submit and DELETE /api/v1/incidents/batches/:id.
@WebPages()
@UseGuards(SessionGuard)
export class IncidentBatchDraftPagesController implements ShowsRefusals {
  constructor(
    private readonly batches: IncidentBatches,
    private readonly drafts: IncidentBatchDrafts,
    private readonly form: BatchFormPage,
    private readonly views: ViewsService,
  ) {}

  @Get('incidents/batches/:id/edit')
  @ShowsRefusal()
  async edit(@SignedIn() signedIn: SignedInUser, @Param('id') id: string) {
    return this.editPage(signedIn, id, null, [], 200);
  }

  // Another page of the contract list (or the filter), the form as typed carried along.
  @Post('incidents/batches/:id/edit')
  @UseGuards(CsrfGuard)
  @ShowsRefusal()
  async page(@SignedIn() signedIn: SignedInUser, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return this.editPage(signedIn, id, body ?? {}, [], 200);
  }

  // Save the edited draft; with "action=submit" submit it too.
  @Post('incidents/batches/:id')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('edit')
  async save(@SignedIn() signedIn: SignedInUser, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    const { actor } = signedIn;
    const batchId = batchIdOf(id);
    await this.batches.assertProcessorSide(actor);
    const dto = batchDto(body ?? {}, actor.timeZone);
    const stored = await this.batches.view(actor, batchId);
    await this.drafts.patch(actor, batchId, { ...replacingFacts(stored.intake, { ...dto.incident }), contracts: dto.contracts });
    if (body?.action === 'submit') await this.drafts.submit(actor, batchId);
    return seeOther(`/incidents/batches/${batchId}`);
  }

  @Post('incidents/batches/:id/submit')
  @UseGuards(CsrfGuard)
  @ShowsRefusal()
  async submit(@SignedIn() { actor }: SignedInUser, @Param('id') id: string) {
    const batch = await this.drafts.submit(actor, batchIdOf(id));
    return seeOther(`/incidents/batches/${batch.id}`);
  }

  @Post('incidents/batches/:id/discard')
  @UseGuards(CsrfGuard)
  @ShowsRefusal()
  async discard(@SignedIn() { actor }: SignedInUser, @Param('id') id: string) {
    await this.drafts.discard(actor, batchIdOf(id));
    return seeOther('/');
  }

  // The edit form again with each error next to its field (400); a batch no longer a draft (409),
  // a refusal (403) or an unknown batch (404) on a page of its own.
  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> {
    if (error.kind === 'not_found') throw new PageNotFound();
    const words = wordsFor(signedIn.actor.locale);
    if (error.kind === 'forbidden') return page(403, this.views.page('message', signedIn, { title: '403', message: words.batchRefused }));
    if (error.kind === 'conflict' || form !== 'edit') {
      return page(409, this.views.page('message', signedIn, { title: '409', message: error.message }));
    }
    const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    return this.editPage(signedIn, String((request.params as { id?: string }).id), formBody(request), errors, 400);
  }

  private async editPage(
    signedIn: SignedInUser,
    rawId: string,
    typed: Record<string, unknown> | null,
    errors: { path: string; message: string }[],
    status: number,
  ): Promise<Page> {
    const { actor } = signedIn;
    const id = batchIdOf(rawId);
    const batch = await this.batches.view(actor, id).catch(notFound);
    await this.batches.assertProcessorSide(actor);
    if (batch.status !== 'draft') throw notADraft(batch.status);
    const values = typed ?? draftFormValues(batch.selection as BatchSelection, batch.intake, actor.timeZone);
    const target: BatchFormTarget = { action: `/incidents/batches/${id}`, pages: `/incidents/batches/${id}/edit`, draftId: id };
    return this.form.render(
      signedIn,
      { q: values.q, from: values.from, values },
      errors,
      status,
      target,
      wordsFor(actor.locale).batchEditTitle,
    );
  }
}
