import { Body, Get, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IdentityService } from '../../identity/identity.service';
import { DomainError } from '../../platform/http/domain-error';
import { wordsFor } from '../../i18n';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SessionsService, SignInLimited, SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { Page, page, seeOther } from '../shared/web-answer';
import { ShowsRefusals } from '../shared/web-exception.filter';
import { ShowsRefusal } from '../shared/shows-refusal.decorator';
import { WebPages } from '../shared/web-pages.decorator';
import { formBody, WebRequest } from '../shared/web-request';
import { savedOf, settingsModel } from './settings.view-model';

// The user's own language and time zone, and their password.
@WebPages()
@UseGuards(SessionGuard)
export class SettingsController implements ShowsRefusals {
  constructor(
    private readonly identity: IdentityService,
    private readonly sessions: SessionsService,
    private readonly views: ViewsService,
  ) {}

  @Get('settings')
  form(@SignedIn() signedIn: SignedInUser, @Query('saved') saved: string | undefined) {
    const { locale, timeZone } = signedIn.actor;
    return page(200, this.settingsPage(signedIn, { locale, timeZone }, [], savedOf(saved)));
  }

  @Post('settings')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('preferences')
  async save(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>) {
    await this.identity.updatePreferences(signedIn.actor, { locale: body?.locale, timeZone: body?.timeZone });
    return seeOther('/settings?saved=1');
  }

  // A new password, proving the current one; the user's other sessions end with the old password.
  @Post('settings/password')
  @UseGuards(CsrfGuard)
  @ShowsRefusal('password')
  async changePassword(@SignedIn() signedIn: SignedInUser, @Body() body: Record<string, unknown>, @Req() request: FastifyRequest) {
    const input = { currentPassword: body?.currentPassword, newPassword: body?.newPassword, confirmPassword: body?.confirmPassword };
    await this.sessions.changePassword(signedIn, input, request.ip);
    return seeOther('/settings?saved=password');
  }

  // Preferences refused: the form as sent. A password refused: the stored preferences, the errors by
  // the password fields, 429 when the current password was tried too often.
  refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Page {
    const { actor } = signedIn;
    const body = formBody(request);
    if (form === 'preferences') {
      const values = { locale: String(body?.locale ?? ''), timeZone: String(body?.timeZone ?? '') };
      return page(400, this.settingsPage(signedIn, values, error.errors ?? [{ path: '', message: error.message }], false));
    }
    const stored = { locale: actor.locale, timeZone: actor.timeZone };
    if (error instanceof SignInLimited)
      return page(
        429,
        this.settingsPage(signedIn, stored, [{ path: 'currentPassword', message: wordsFor(actor.locale).loginLimited }], false),
      );
    return page(400, this.settingsPage(signedIn, stored, error.errors ?? [{ path: '', message: error.message }], false));
  }

  private settingsPage(
    signedIn: SignedInUser,
    values: { locale: string; timeZone: string },
    errors: { path: string; message: string }[],
    saved: boolean | 'password',
  ): string {
    return this.views.page(
      'settings',
      signedIn,
      settingsModel(signedIn.actor.locale, values, errors, saved, Intl.supportedValuesOf('timeZone')),
    );
  }
}
