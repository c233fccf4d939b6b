import { Body, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ContractImportService } from '../../contracts/contract-import.service';
import { ContractsService } from '../../contracts/contracts.service';
import { EscalationSettingsDto } from '../../contracts/dto/create-contract.dto';
import { auditActorOf } from '../../identity/domain/actor';
import { IdentityService } from '../../identity/identity.service';
import { DomainError } from '../../platform/http/domain-error';
import { uuidParam as uuid } from '../../platform/http/uuid.pipe';
import { validateInput } from '../../platform/validation/validate';
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
import { mayOpen } from './admin-sections';
import {
  adminContractModel,
  adminContractsModel,
  CONTRACTS_PAGE_SIZE,
  escalationInput,
  importNotice,
  newContractInput,
  termsInput,
  Viewer,
} from './admin-contracts.view-model';

// /admin/contracts: the DPAs of the organization. A processor's org admins add and edit them and
// import a CSV file; the controller's DPOs and admins see theirs and set the escalation. The same
// services as the API (ContractsService, ContractImportService).
@WebPages()
@UseGuards(SessionGuard)
export class AdminContractsPagesController implements ShowsRefusals {
  constructor(
    private readonly contracts: ContractsService,
    private readonly imports: ContractImportService,
    private readonly identity: IdentityService,
    private readonly views: ViewsService,
  ) {}

  @Get('admin/contracts')
  async list(@SignedIn() signedIn: SignedInUser, @Query('page') pageNo: string | undefined, @Query('saved') saved: string | undefined) {
    if (!mayOpen(signedIn.actor.role, '/admin/contracts')) return forbidden();
    const notice = saved ? wordsFor(signedIn.actor.locale).contractSaved : null;
    return page(200, await this.listView(signedIn, Number(pageNo) || 1, [], [], notice, {}));
  }

  @Post('admin/contracts')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('create')
  async create(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    if (!mayOpen(signedIn.actor.role, '/admin/contracts')) return forbidden();
    const created = await this.contracts.createFor(signedIn.actor, newContractInput(body));
    return seeOther(`/admin/contracts/${created.id}?saved=1`);
  }

  // The file's text from the form (a file input fills the text area; without scripts, paste it).
  @Post('admin/contracts/import')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('import')
  async import(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    if (!mayOpen(signedIn.actor.role, '/admin/contracts')) return forbidden();
    const csv = typeof body?.csv === 'string' ? body.csv : '';
    const result = await this.imports.importFor(signedIn.actor, csv, auditActorOf(signedIn.actor));
    return page(200, await this.listView(signedIn, 1, [], [], importNotice(signedIn.actor.locale, result), {}));
  }

  @Get('admin/contracts/:id')
  async detail(@SignedIn() signedIn: SignedInUser, @Param('id', uuid) id: string, @Query('saved') saved: string | undefined) {
    if (!mayOpen(signedIn.actor.role, '/admin/contracts')) return forbidden();
    const notice = saved ? wordsFor(signedIn.actor.locale).contractSaved : null;
    return page(200, await this.detailView(signedIn, id, [], notice));
  }

  @Post('admin/contracts/:id')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('terms')
  async terms(@SignedIn() signedIn: SignedInUser, @Param('id', uuid) id: string, @Body() body: Record<string, unknown>) {
    if (!mayOpen(signedIn.actor.role, '/admin/contracts')) return forbidden();
    await this.contracts.updateTerms(signedIn.actor, id, termsInput(body));
    return seeOther(`/admin/contracts/${id}?saved=1`);
  }

  @Post('admin/contracts/:id/escalation')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('escalation')
  async escalation(@SignedIn() signedIn: SignedInUser, @Param('id', uuid) id: string, @Body() body: Record<string, unknown>) {
    if (!mayOpen(signedIn.actor.role, '/admin/contracts')) return forbidden();
    const dto = validateInput(EscalationSettingsDto, escalationInput(body));
    await this.contracts.updateEscalation(signedIn.actor, id, dto, auditActorOf(signedIn.actor));
    return seeOther(`/admin/contracts/${id}?saved=1`);
  }

  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> {
    const status =
      error.kind === 'not_found'
        ? 404
        : error.kind === 'forbidden'
          ? 403
          : error.kind === 'conflict'
            ? 409
            : error.kind === 'unprocessable'
              ? 422
              : 400;
    const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    const id = /^\/admin\/contracts\/([0-9a-f-]{36})/i.exec(request.url ?? '')?.[1];
    if ((form === 'terms' || form === 'escalation') && id && status !== 404)
      return page(status, await this.detailView(signedIn, id, errors, null));
    if (form === 'import' && error.kind === 'unprocessable') {
      const lines = errors.map((e) => ({
        line: (e as { line?: number }).line ?? 0,
        column: (e as { column?: string | null }).column ?? null,
        message: e.message,
      }));
      return page(status, await this.listView(signedIn, 1, [], lines, null, { csv: String(formBody(request).csv ?? '') }));
    }
    const values =
      form === 'create'
        ? Object.fromEntries(
            Object.entries(formBody(request))
              .filter(([k]) => k !== '_csrf')
              .map(([k, v]) => [k, String(v)]),
          )
        : {};
    return page(status, await this.listView(signedIn, 1, errors, [], null, values));
  }

  private async viewer(signedIn: SignedInUser): Promise<Viewer> {
    const { actor } = signedIn;
    const org = actor.role === 'org_admin' ? await this.identity.organizationById(actor.organizationId) : null;
    return { role: actor.role, organizationId: actor.organizationId, processor: !!org && org.kind !== 'controller' };
  }

  private async listView(
    signedIn: SignedInUser,
    pageNo: number,
    errors: { path: string; message: string }[],
    importErrors: { line: number; column: string | null; message: string }[],
    notice: string | null,
    values: Record<string, string>,
  ) {
    let n = Math.max(1, Math.min(Math.floor(pageNo), 100_000));
    let [contracts, total] = await this.contracts.pageFor(signedIn.actor, n, CONTRACTS_PAGE_SIZE);
    // Past the last page: the last page.
    if (!contracts.length && total > 0 && n > 1) {
      n = Math.ceil(total / CONTRACTS_PAGE_SIZE);
      [contracts, total] = await this.contracts.pageFor(signedIn.actor, n, CONTRACTS_PAGE_SIZE);
    }
    const model = adminContractsModel(
      signedIn.actor.locale,
      await this.viewer(signedIn),
      contracts,
      total,
      n,
      errors,
      importErrors,
      notice,
      values,
    );
    return this.views.page('admin-contracts', signedIn, model);
  }

  private async detailView(signedIn: SignedInUser, id: string, errors: { path: string; message: string }[], notice: string | null) {
    const contract = await this.contracts.visibleTo(signedIn.actor, id);
    contract.controller = (await this.identity.organizationById(contract.controllerId)) ?? undefined;
    contract.processor = (await this.identity.organizationById(contract.processorId)) ?? undefined;
    const model = adminContractModel(signedIn.actor.locale, await this.viewer(signedIn), contract, errors, notice);
    return this.views.page('admin-contract', signedIn, model);
  }
}

const forbidden = () => page(403, 'Forbidden.');
