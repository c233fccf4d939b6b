import { Body, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTokensService } from '../../identity/api-tokens.service';
import { auditActorOf } from '../../identity/domain/actor';
import { UsersService } from '../../identity/users.service';
import { Clock } from '../../platform/clock/clock';
import { DomainError } from '../../platform/http/domain-error';
import { uuidParam as uuid } from '../../platform/http/uuid.pipe';
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
import { adminNav, mayOpen } from './admin-sections';
import { forbidden, refusalStatus as statusOf } from './admin-refusals';
import { adminTokensModel, tokenInput, TokenValues } from './admin-tokens.view-model';
import { adminUsersModel, inviteBody, inviteInput, InviteValues, NO_INVITE, userChange } from './admin-users.view-model';

const NO_TOKEN: TokenValues = { name: '', expiresIn: '' };

// The administration pages: the overview (/admin), the organization's users (org admins) and the API
// tokens (everyone their own, org admins the organization's). They call the API's services.
@WebPages()
@UseGuards(SessionGuard)
export class AdminPagesController implements ShowsRefusals {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
    private readonly views: ViewsService,
    private readonly clock: Clock,
  ) {}

  @Get('admin')
  overview(@SignedIn() signedIn: SignedInUser) {
    const t = wordsFor(signedIn.actor.locale);
    const nav = adminNav(signedIn.actor.role, t as unknown as Record<string, string>, '/admin');
    return page(200, this.views.page('admin', signedIn, { title: t.admin, nav }));
  }

  @Get('admin/users')
  async usersPage(@SignedIn() signedIn: SignedInUser, @Query('saved') saved: string | undefined) {
    if (!mayOpen(signedIn.actor.role, '/admin/users')) return forbidden();
    const t = wordsFor(signedIn.actor.locale);
    const notice = saved === 'invited' ? t.invited : saved === '1' ? t.userSaved : null;
    return page(200, await this.usersView(signedIn, NO_INVITE, [], notice));
  }

  @Post('admin/users')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('invite')
  async invite(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    if (!mayOpen(signedIn.actor.role, '/admin/users')) return forbidden();
    await this.users.invite(signedIn.actor, inviteBody(inviteInput(body)));
    return seeOther('/admin/users?saved=invited');
  }

  @Post('admin/users/:id')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('user')
  async changeUser(@SignedIn() signedIn: SignedInUser, @Param('id', uuid) id: string, @Body() body: Record<string, unknown>) {
    if (!mayOpen(signedIn.actor.role, '/admin/users')) return forbidden();
    await this.users.update(signedIn.actor, id, userChange(body));
    return seeOther('/admin/users?saved=1');
  }

  @Get('admin/tokens')
  async tokensPage(@SignedIn() signedIn: SignedInUser, @Query('saved') saved: string | undefined) {
    const notice = saved === 'revoked' ? wordsFor(signedIn.actor.locale).tokenRevokedNotice : null;
    return page(200, await this.tokensView(signedIn, NO_TOKEN, [], null, notice));
  }

  // 201 with the page showing the new token's secret: the only time it is shown (no redirect, so it is
  // never in an address or the history).
  @Post('admin/tokens')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('token')
  async createToken(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    const { input } = tokenInput(body);
    const { token, row } = await this.tokens.createFor(signedIn.actor, input);
    return page(201, await this.tokensView(signedIn, NO_TOKEN, [], { secret: token, name: row.name }, null));
  }

  @Post('admin/tokens/:id/revoke')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('revoke')
  async revoke(@SignedIn() signedIn: SignedInUser, @Param('id', uuid) id: string) {
    await this.tokens.revoke(id, signedIn.actor, auditActorOf(signedIn.actor));
    return seeOther('/admin/tokens?saved=revoked');
  }

  // A refused invitation keeps what was typed (400/409 at its field); a refused row change (the last
  // admin, 409) says so at the top; an unknown user or token is 404.
  async refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> {
    const status = statusOf(error);
    const errors = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    if (form === 'token' || form === 'revoke') {
      const values = form === 'token' ? tokenInput(formBody(request)).values : NO_TOKEN;
      return page(
        status,
        await this.tokensView(signedIn, values, form === 'token' ? errors : [{ path: '', message: error.message }], null, null),
      );
    }
    if (form === 'invite') return page(status, await this.usersView(signedIn, inviteInput(formBody(request)), errors, null));
    return page(status, await this.usersView(signedIn, NO_INVITE, [{ path: '', message: error.message }], null));
  }

  private async usersView(
    signedIn: SignedInUser,
    invite: InviteValues,
    errors: { path: string; message: string }[],
    notice: string | null,
  ) {
    const { actor } = signedIn;
    const model = adminUsersModel(actor.locale, actor, await this.users.list(actor), invite, errors, notice);
    return this.views.page('admin-users', signedIn, model);
  }

  private async tokensView(
    signedIn: SignedInUser,
    values: TokenValues,
    errors: { path: string; message: string }[],
    made: { secret: string; name: string } | null,
    notice: string | null,
  ) {
    const { actor } = signedIn;
    const list = await this.tokens.list(actor);
    const model = adminTokensModel(actor.locale, actor, list, this.clock.now(), values, errors, made, notice);
    return this.views.page('admin-tokens', signedIn, model);
  }
}
