import { Body, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { DomainError } from '../../platform/http/domain-error';
import { uuidParam as uuid } from '../../platform/http/uuid.pipe';
import { WebhooksService } from '../../webhooks/webhooks.service';
import { wordsFor } from '../../i18n';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { Page, page, seeOther } from '../shared/web-answer';
import { ShowsRefusals } from '../shared/web-exception.filter';
import { ShowsRefusal } from '../shared/shows-refusal.decorator';
import { WebPages } from '../shared/web-pages.decorator';
import { formBody, WebRequest } from '../shared/web-request';
import { forbidden, refusalStatus } from './admin-refusals';
import { mayOpen } from './admin-sections';
import { adminWebhooksModel, NO_WEBHOOK, webhookInput, WebhookValues } from './admin-webhooks.view-model';

const PATH = '/admin/webhooks';

// /admin/webhooks, for org admins: the endpoints of the organization with their latest delivery and
// failures, a new endpoint (its secret shown once), delete, and failed deliveries sent again; all
// through the service of /api/v1/webhooks (audited the same way).
@WebPages()
@UseGuards(SessionGuard)
export class AdminWebhooksPageController implements ShowsRefusals {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly views: ViewsService,
  ) {}

  @Get('admin/webhooks')
  async show(@SignedIn() signedIn: SignedInUser, @Query('saved') saved: string | undefined) {
    if (!mayOpen(signedIn.actor.role, PATH)) return forbidden();
    const t = wordsFor(signedIn.actor.locale);
    const notice = saved === 'deleted' ? t.webhookDeleted : saved === 'retried' ? t.webhookRetried : null;
    return page(200, await this.view(signedIn, NO_WEBHOOK, [], null, notice));
  }

  // 201 with the page showing the signing secret: the only time it is shown (no redirect, so it is
  // never in an address or the history).
  @Post('admin/webhooks')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('webhook')
  async create(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    if (!mayOpen(signedIn.actor.role, PATH)) return forbidden();
    const { endpoint, secret } = await this.webhooks.create(signedIn.actor, webhookInput(body).input);
    return page(201, await this.view(signedIn, NO_WEBHOOK, [], { secret, url: endpoint.url }, null));
  }

  @Post('admin/webhooks/:id/delete')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('delete')
  async remove(@SignedIn() signedIn: SignedInUser, @Param('id', uuid) id: string) {
    if (!mayOpen(signedIn.actor.role, PATH)) return forbidden();
    await this.webhooks.remove(signedIn.actor, id);
    return seeOther(`${PATH}?saved=deleted`);
  }

  @Post('admin/webhooks/:id/deliveries/:deliveryId/retry')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('retry')
  async retry(@SignedIn() signedIn: SignedInUser, @Param('id', uuid) id: string, @Param('deliveryId', uuid) deliveryId: string) {
    if (!mayOpen(signedIn.actor.role, PATH)) return forbidden();
    await this.webhooks.retry(signedIn.actor, id, deliveryId);
    return seeOther(`${PATH}?saved=retried`);
  }

  // A refused endpoint keeps what was typed (400 at its field); a refused delete or retry (404, or 409
  // for a delivery that is no longer failed) says so at the top.
  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> {
    const status = refusalStatus(error);
    if (form === 'webhook') {
      const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
      return page(status, await this.view(signedIn, webhookInput(formBody(request)).values, errors, null, null));
    }
    return page(status, await this.view(signedIn, NO_WEBHOOK, [{ path: '', message: error.message }], null, null));
  }

  private async view(
    signedIn: SignedInUser,
    values: WebhookValues,
    errors: { path: string; message: string }[],
    made: { secret: string; url: string } | null,
    notice: string | null,
  ) {
    const { actor } = signedIn;
    const model = adminWebhooksModel(actor.locale, actor, await this.webhooks.overview(actor), values, errors, made, notice);
    return this.views.page('admin-webhooks', signedIn, model);
  }
}
