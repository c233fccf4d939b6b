import { Body, Get, Headers, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LinkPurpose, PasswordLinksService } from '../../identity/password-links.service';
import { pickLanguage } from '../../i18n';
import { DomainError } from '../../platform/http/domain-error';
import { ViewsService } from '../shared/views.service';
import { page, seeOther } from '../shared/web-answer';
import { WebPages } from '../shared/web-pages.decorator';
import { forgotModel, setPasswordModel } from './password-pages.view-model';

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

// The pages of the signed-out: asking for a reset link, and choosing a password through a link (a
// reset, /password/reset, 30 minutes; an invitation, /password/set, 7 days). Forms post only from the
// app's own pages (same-origin check, as the sign-in form); there is no session, so no form token.
@WebPages()
export class PasswordPagesController {
  constructor(
    private readonly links: PasswordLinksService,
    private readonly views: ViewsService,
  ) {}

  @Get('password/forgot')
  forgotForm(@Headers('accept-language') acceptLanguage?: string) {
    const lang = pickLanguage(undefined, acceptLanguage);
    return page(200, this.views.render('password-forgot', lang, forgotModel(lang, '', 'form')));
  }

  // The same page whether the address exists or not; 429 only when this client asked too often.
  @Post('password/forgot')
  async forgot(@Req() request: FastifyRequest, @Body() body: Record<string, unknown>, @Headers('accept-language') acceptLanguage?: string) {
    const lang = pickLanguage(undefined, acceptLanguage);
    const email = text(body?.email, 320).trim();
    const outcome = email ? await this.links.requestReset(email, request.ip) : 'sent';
    return page(outcome === 'limited' ? 429 : 200, this.views.render('password-forgot', lang, forgotModel(lang, email, outcome)));
  }

  @Get('password/reset')
  resetForm(@Query('token') token: unknown, @Headers('accept-language') acceptLanguage?: string) {
    return this.form('reset', token, acceptLanguage);
  }

  @Post('password/reset')
  reset(@Body() body: Record<string, unknown>, @Headers('accept-language') acceptLanguage?: string) {
    return this.redeem('reset', body, acceptLanguage);
  }

  @Get('password/set')
  setForm(@Query('token') token: unknown, @Headers('accept-language') acceptLanguage?: string) {
    return this.form('invite', token, acceptLanguage);
  }

  @Post('password/set')
  set(@Body() body: Record<string, unknown>, @Headers('accept-language') acceptLanguage?: string) {
    return this.redeem('invite', body, acceptLanguage);
  }

  // The link's user's language (else the browser's); a link that does not work is a 404 page saying so.
  private async form(purpose: LinkPurpose, token: unknown, acceptLanguage: string | undefined) {
    const user = await this.links.userOf(token, purpose);
    const lang = pickLanguage(user?.locale, acceptLanguage);
    const link = user ? { token: token as string, email: user.email } : null;
    return page(user ? 200 : 404, this.views.render('password-set', lang, setPasswordModel(lang, purpose, link)));
  }

  private async redeem(purpose: LinkPurpose, body: Record<string, unknown>, acceptLanguage: string | undefined) {
    const token = text(body?.token, 200);
    const input = { newPassword: text(body?.newPassword, 2048), confirmPassword: text(body?.confirmPassword, 2048) };
    try {
      await this.links.redeem(token, purpose, input);
      return seeOther('/login');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const user = await this.links.userOf(token, purpose);
      const lang = pickLanguage(user?.locale, acceptLanguage);
      const link = user ? { token, email: user.email } : null;
      return page(user ? 400 : 404, this.views.render('password-set', lang, setPasswordModel(lang, purpose, link, error.errors ?? [])));
    }
  }
}
