import { Body, Get, Headers, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { pickLanguage } from '../../i18n';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SessionsService, SignedInUser, sessionCookie } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { page, seeOther } from '../shared/web-answer';
import { WebPages } from '../shared/web-pages.decorator';
import { loginModel, signInInput } from './login.view-model';

// Signing in and out of the pages: a session cookie (HttpOnly, SameSite=Lax, Secure on https).
@WebPages()
export class LoginController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly views: ViewsService,
    private readonly config: AppConfig,
  ) {}

  private get secureCookies(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  @Get('login')
  async form(@Req() request: FastifyRequest, @Headers('accept-language') acceptLanguage?: string) {
    if (await this.sessions.ofRequest(request)) return seeOther('/');
    const lang = pickLanguage(undefined, acceptLanguage);
    return page(200, this.views.render('login', lang, loginModel(lang, '', 'form', this.ways).model));
  }

  // Single sign-on when configured; the password form unless PASSWORD_LOGIN is off.
  private get ways() {
    return { sso: this.config.signIn.oidc !== null, password: this.config.signIn.passwordLogin };
  }

  @Post('login')
  async login(
    @Req() request: FastifyRequest,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const lang = pickLanguage(undefined, acceptLanguage);
    const { email, password } = signInInput(body);
    // Passwords turned off: refused before anything is counted or checked.
    const result = !this.config.signIn.passwordLogin
      ? { kind: 'password_off' as const }
      : email && password
        ? await this.sessions.login(email, password, request.ip)
        : { kind: 'failed' as const };
    if (result.kind !== 'ok') {
      const { status, model } = loginModel(lang, result.kind === 'password_off' ? '' : email, result.kind, this.ways);
      return page(status, this.views.render('login', lang, model));
    }
    reply.header('set-cookie', sessionCookie(result.cookie, this.secureCookies));
    return seeOther('/');
  }

  @Post('logout')
  @UseGuards(SessionGuard, CsrfGuard)
  async logout(@SignedIn() signedIn: SignedInUser, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.sessions.logout(signedIn.sessionId);
    reply.header('set-cookie', sessionCookie('', this.secureCookies, 0));
    return seeOther('/login');
  }
}
