import { Body, Get, Post, UseGuards } from '@nestjs/common';
import { ContractsService } from '../../contracts/contracts.service';
import { IncidentsService } from '../../incidents/incidents.service';
import { DomainError } from '../../platform/http/domain-error';
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
import { intakeDto } from './intake-form';
import { intakeModel, intakeRefusedMessage, uniqueErrors } from './intake.view-model';

// Reporting a breach from the browser, through the same service and validation as POST /api/v1/incidents.
@WebPages()
@UseGuards(SessionGuard)
export class IntakeController implements ShowsRefusals {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly contracts: ContractsService,
    private readonly views: ViewsService,
  ) {}

  @Get('incidents/new')
  async form(@SignedIn() signedIn: SignedInUser) {
    if (signedIn.actor.role === 'org_admin')
      return page(403, this.views.page('message', signedIn, { title: '403', message: intakeRefusedMessage(signedIn.actor.locale) }));
    return page(200, await this.intakePage(signedIn, {}, []));
  }

  @Post('incidents')
  @UseGuards(CsrfGuard)
  @ShowsRefusal()
  async file(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    const view = await this.incidents.create(signedIn.actor, intakeDto(body ?? {}, signedIn.actor.timeZone));
    return seeOther(`/incidents/${view.incident.id}`);
  }

  // Every problem at once, next to its field, with what was typed.
  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest): Promise<Page> {
    return page(
      400,
      await this.intakePage(signedIn, formBody(request), uniqueErrors(error.errors ?? [{ path: '', message: error.message }])),
    );
  }

  private async intakePage(signedIn: SignedInUser, values: Record<string, unknown>, errors: { path: string; message: string }[]) {
    const contracts = await this.contracts.listFor(signedIn.actor);
    return this.views.page('new-incident', signedIn, intakeModel(signedIn.actor, contracts, values, errors));
  }
}
