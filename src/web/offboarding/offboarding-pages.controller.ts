import { Body, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { auditActorOf } from '../../identity/domain/actor';
import { archiveText } from '../../offboarding/domain/organization-archive';
import { OrganizationDeletionService } from '../../offboarding/organization-deletion.service';
import { OrganizationExportService } from '../../offboarding/organization-export.service';
import { DomainError } from '../../platform/http/domain-error';
import { mayOpen } from '../admin/admin-sections';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser, sessionCookie } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ShowsRefusal } from '../shared/shows-refusal.decorator';
import { ViewsService } from '../shared/views.service';
import { Page, page } from '../shared/web-answer';
import { ShowsRefusals } from '../shared/web-exception.filter';
import { WebPages } from '../shared/web-pages.decorator';
import { formBody, WebRequest } from '../shared/web-request';
import {
  archiveFileName,
  confirmInput,
  confirmModel,
  goodbyeModel,
  offboardingModel,
  OFFBOARDING_PATH,
} from './offboarding-page.view-model';

// The org admin's offboarding page (docs/offboarding.md, "The page"): download the organization's
// archive, and delete the organization in two steps (what goes and what stays; then its slug typed).
// The same services as `breachclock org export` and `org delete`.
@WebPages()
@UseGuards(SessionGuard)
export class OffboardingPagesController implements ShowsRefusals {
  constructor(
    private readonly exports: OrganizationExportService,
    private readonly deletions: OrganizationDeletionService,
    private readonly views: ViewsService,
    private readonly config: AppConfig,
  ) {}

  @Get('admin/offboarding')
  overview(@SignedIn() signedIn: SignedInUser) {
    if (!mayOpen(signedIn.actor.role, OFFBOARDING_PATH)) return forbidden();
    return page(200, this.views.page('admin-offboarding', signedIn, offboardingModel(signedIn.actor.locale)));
  }

  // The archive as a download: canonical JSON, recorded in the admin's audit chain.
  @Post('admin/offboarding/export')
  @HttpCode(200)
  @UseGuards(CsrfGuard)
  async export(@SignedIn() signedIn: SignedInUser, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!mayOpen(signedIn.actor.role, OFFBOARDING_PATH)) return forbidden();
    const org = await this.exports.organization(signedIn.actor.organizationId);
    const archive = await this.exports.exportRecorded(org.slug, auditActorOf(signedIn.actor));
    reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${archiveFileName(org.slug, archive.manifest.exportedAt)}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return archiveText(archive);
  }

  @Get('admin/offboarding/delete')
  async confirmPage(@SignedIn() signedIn: SignedInUser) {
    if (!mayOpen(signedIn.actor.role, OFFBOARDING_PATH)) return forbidden();
    return page(200, await this.confirmView(signedIn, '', false));
  }

  // The right slug: everything goes (the admin's session with it), the goodbye page is shown signed
  // out. A wrong one: 400, the step again with the message at the field, nothing deleted.
  @Post('admin/offboarding/delete')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('delete')
  async delete(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { actor } = signedIn;
    if (!mayOpen(actor.role, OFFBOARDING_PATH)) return forbidden();
    const org = await this.exports.organization(actor.organizationId);
    const summary = await this.deletions.delete(org.slug, confirmInput(body), auditActorOf(actor));
    reply.header('set-cookie', sessionCookie('', this.config.publicUrl.startsWith('https://'), 0));
    return page(200, this.views.render('goodbye', actor.locale, goodbyeModel(actor.locale, org.name, summary)));
  }

  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest): Promise<Page> {
    const wrong = error.errors?.some((e) => e.path === 'confirm') ?? false;
    if (!wrong) return page(error.kind === 'not_found' ? 404 : 400, error.message);
    return page(400, await this.confirmView(signedIn, confirmInput(formBody(request)), true));
  }

  private async confirmView(signedIn: SignedInUser, typed: string, wrong: boolean): Promise<string> {
    const org = await this.exports.organization(signedIn.actor.organizationId);
    return this.views.page('admin-offboarding-delete', signedIn, confirmModel(signedIn.actor.locale, org, typed, wrong));
  }
}

const forbidden = () => page(403, 'Forbidden.');
