import { Body, Get, Post, Query, UseGuards } from '@nestjs/common';
import { OrganizationsService } from '../../identity/organizations.service';
import { DomainError } from '../../platform/http/domain-error';
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
import { adminOrganizationModel, organizationInput, organizationValues, OrganizationValues } from './admin-organization.view-model';
import { refusalStatus } from './admin-refusals';

// /admin/organization: everyone sees their organization; its org admins change it through the
// service of PATCH /api/v1/organization (audited the same way).
@WebPages()
@UseGuards(SessionGuard)
export class AdminOrganizationPageController implements ShowsRefusals {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly views: ViewsService,
  ) {}

  @Get('admin/organization')
  async show(@SignedIn() signedIn: SignedInUser, @Query('saved') saved: string | undefined) {
    const notice = saved === '1' ? wordsFor(signedIn.actor.locale).saved : null;
    return page(200, await this.view(signedIn, null, [], notice));
  }

  @Post('admin/organization')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('organization')
  async save(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    await this.organizations.update(signedIn.actor, organizationInput(body).input);
    return seeOther('/admin/organization?saved=1');
  }

  // Bad input: the form again with what was typed and each message at its field; not an org admin: 403.
  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest): Promise<Page> {
    const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    return page(refusalStatus(error), await this.view(signedIn, organizationInput(formBody(request)).values, errors, null));
  }

  private async view(
    signedIn: SignedInUser,
    values: OrganizationValues | null,
    errors: { path: string; message: string }[],
    notice: string | null,
  ) {
    const { actor } = signedIn;
    const organization = await this.organizations.ofActor(actor);
    const model = adminOrganizationModel(
      actor.locale,
      actor.role,
      organization,
      values ?? organizationValues(organization),
      errors,
      notice,
    );
    return this.views.page('admin-organization', signedIn, model);
  }
}
