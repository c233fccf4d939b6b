import { Body, Get, Param, Post, UseGuards } from '@nestjs/common';
import { AssessmentsService } from '../../assessments/assessments.service';
import { ContractsService } from '../../contracts/contracts.service';
import { isControllerDpo } from '../../incidents/domain/incident-permissions';
import { IncidentsService } from '../../incidents/incidents.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { ObligationsService } from '../../obligations/obligations.service';
import { Clock } from '../../platform/clock/clock';
import { DomainError } from '../../platform/http/domain-error';
import { canonicalUuid } from '../../platform/http/uuid.pipe';
import { reasonPhrases } from '../recommendation-words';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { json, Page, page, seeOther } from '../shared/web-answer';
import { PageNotFound } from '../shared/web-errors';
import { ShowsRefusals } from '../shared/web-exception.filter';
import { ShowsRefusal } from '../shared/shows-refusal.decorator';
import { AnswersJson, WebPages } from '../shared/web-pages.decorator';
import { formBody, WebRequest } from '../shared/web-request';
import { previewModel } from './assessment-preview.view-model';
import { assessmentInput, decisionInput, factsInput, FormBody, IncidentForm, notificationInput } from './incident-forms';
import { incidentModel } from './incident.view-model';

// An incident's page and its four forms (follow-up facts, a sent notification, the DPO's assessment
// and decision), through the same services as the API. On success back to the page (303); refused,
// the page again with the errors next to their fields and, for bad input (400), what was typed kept.
@WebPages()
@UseGuards(SessionGuard)
export class IncidentController implements ShowsRefusals {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly assessments: AssessmentsService,
    private readonly notifications: NotificationsService,
    private readonly contracts: ContractsService,
    private readonly obligations: ObligationsService,
    private readonly views: ViewsService,
    private readonly clock: Clock,
  ) {}

  @Get('incidents/:id')
  async show(@SignedIn() signedIn: SignedInUser, @Param('id') id: string) {
    return this.incidentPage(signedIn, id, []);
  }

  @Post('incidents/:id/assessment')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('assessment')
  async assess(@SignedIn() { actor }: SignedInUser, @Param('id') id: string, @Body() body: FormBody) {
    const incidentId = incidentIdOf(id);
    await this.assessments.assess(actor, incidentId, assessmentInput(body));
    return seeOther(`/incidents/${incidentId}`);
  }

  // The live score: the page's script posts the assessment form here on every change; nothing is stored.
  @Post('incidents/:id/assessment/preview')
  @UseGuards(CsrfGuard)
  @AnswersJson()
  async previewAssessment(@SignedIn() { actor }: SignedInUser, @Param('id') id: string, @Body() body: FormBody) {
    const result = await this.assessments.preview(actor, incidentIdOf(id), assessmentInput(body), reasonPhrases(actor.locale));
    return json(200, previewModel(result, actor.locale));
  }

  @Post('incidents/:id/decision')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('decision')
  async decide(@SignedIn() { actor }: SignedInUser, @Param('id') id: string, @Body() body: FormBody) {
    const incidentId = incidentIdOf(id);
    await this.assessments.decide(actor, incidentId, decisionInput(body));
    return seeOther(`/incidents/${incidentId}`);
  }

  // Follow-up facts from either side, with the version read (a stale form is refused, as in the API).
  @Post('incidents/:id/facts')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('facts')
  async facts(@SignedIn() { actor }: SignedInUser, @Param('id') id: string, @Body() body: FormBody) {
    const incidentId = incidentIdOf(id);
    const { version, dto } = factsInput(body, actor.timeZone);
    await this.incidents.update(actor, incidentId, version, dto);
    return seeOther(`/incidents/${incidentId}`);
  }

  @Post('incidents/:id/notifications')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('notification')
  async recordNotification(@SignedIn() { actor }: SignedInUser, @Param('id') id: string, @Body() body: FormBody) {
    const incidentId = incidentIdOf(id);
    await this.notifications.record(actor, incidentId, notificationInput(body, actor.timeZone));
    return seeOther(`/incidents/${incidentId}`);
  }

  // A duty that does not apply after all, with the DPO's reason (as POST /api/v1/obligations/:id/waive).
  @Post('incidents/:id/obligations/:obligationId/waive')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('waive')
  async waive(
    @SignedIn() { actor }: SignedInUser,
    @Param('id') id: string,
    @Param('obligationId') obligationId: string,
    @Body() body: FormBody,
  ) {
    const incidentId = incidentIdOf(id);
    const oid = canonicalUuid(obligationId);
    const { obligations } = await this.incidents.view(actor, incidentId);
    if (!oid || !obligations.some((o) => o.obligation.id === oid)) throw new PageNotFound();
    await this.obligations.waive(actor, oid, typeof body.reason === 'string' ? body.reason : '');
    return seeOther(`/incidents/${incidentId}#obligation-${oid}`);
  }

  refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> {
    const status = error.kind === 'not_found' ? 404 : error.kind === 'forbidden' ? 403 : error.kind === 'conflict' ? 409 : 400;
    const posted = status === 400 && form ? { form: form as IncidentForm, body: formBody(request) } : null;
    const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    return this.incidentPage(signedIn, incidentIdOf((request.params as { id?: string }).id), errors, status, posted);
  }

  private async incidentPage(
    signedIn: SignedInUser,
    id: string,
    errors: { path: string; message: string }[],
    status = 200,
    posted: { form: IncidentForm; body: FormBody } | null = null,
  ): Promise<Page> {
    const { actor } = signedIn;
    const incidentId = canonicalUuid(id);
    const view = incidentId ? await this.incidents.view(actor, incidentId).catch(nullIfRefused) : null;
    if (!view) throw new PageNotFound();
    const now = this.clock.now();
    const i = view.incident;
    const trail = await this.incidents.auditTrail(actor, i.id);
    const isDpo = isControllerDpo(actor, i);
    const history = isDpo ? await this.assessments.history(actor, i.id) : { assessments: [], decisions: [] };
    const sent = isDpo ? await this.notifications.list(actor, i.id) : [];
    const contract = i.contractId ? ((await this.contracts.listFor(actor)).find((c) => c.id === i.contractId) ?? null) : null;
    const model = incidentModel({ actor, now, view, trail, history, sent, contract, errors, posted });
    return page(status, this.views.page('incident', signedIn, model));
  }
}

// The id of the address, canonical; one that is no UUID names no incident.
function incidentIdOf(id: string | undefined): string {
  const incidentId = canonicalUuid(id);
  if (!incidentId) throw new PageNotFound();
  return incidentId;
}

// An incident the caller may not see is one that is not there.
function nullIfRefused(error: unknown): null {
  if (error instanceof DomainError) return null;
  throw error;
}
