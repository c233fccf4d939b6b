import { Get, Headers, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { SingleSignOnService } from '../../identity/single-sign-on.service';
import { pickLanguage } from '../../i18n';
import { SessionsService, sessionCookie } from '../shared/sessions.service';
import { SsoFlowsService } from '../shared/sso-flows.service';
import { ViewsService } from '../shared/views.service';
import { page, seeOther } from '../shared/web-answer';
import { PageNotFound } from '../shared/web-errors';
import { WebPages } from '../shared/web-pages.decorator';
import { SignInOutcome, loginModel } from './login.view-model';
import { OidcClientService, SsoFailed } from './oidc-client.service';

const MAX_QUERY = 4096;

// Single sign-on with OpenID Connect (docs/admin.md): /login/oidc sends the browser to the provider
// with a new flow (state, nonce, PKCE) in a signed cookie; the provider sends it back to
// /login/oidc/callback, where the answer is checked, the person mapped to a user of an organization
// (SingleSignOnService) and given the same session as a password sign-in. Both are GET: the provider
// redirects, and a link (not a form) starts it, as the pages' CSP allows forms to post only here.
@WebPages()
export class SsoController {
  constructor(
    private readonly client: OidcClientService,
    private readonly sso: SingleSignOnService,
    private readonly sessions: SessionsService,
    private readonly views: ViewsService,
    private readonly flows: SsoFlowsService,
    private readonly config: AppConfig,
  ) {}

  private get secureCookies(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  @Get('login/oidc')
  async start(@Res({ passthrough: true }) reply: FastifyReply, @Headers('accept-language') acceptLanguage?: string) {
    if (!this.client.settings) throw new PageNotFound();
    try {
      const { url, flow } = await this.client.start();
      reply.header('set-cookie', await this.flows.begin(flow));
      return seeOther(url);
    } catch (error) {
      if (error instanceof SsoFailed) return this.refusal(acceptLanguage, `sso_${error.kind}`);
      throw error;
    }
  }

  @Get('login/oidc/callback')
  async callback(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const settings = this.client.settings;
    if (!settings) throw new PageNotFound();
    // The flow ends here, whatever comes of it: a flow cookie is good for one answer.
    reply.header('set-cookie', this.flows.ended);
    const flow = await this.flows.of(request);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    if (!flow || query.length > MAX_QUERY) return this.refusal(acceptLanguage, 'sso_expired');
    let claims: Record<string, unknown>;
    try {
      claims = await this.client.finish(query, flow);
    } catch (error) {
      if (error instanceof SsoFailed) return this.refusal(acceptLanguage, `sso_${error.kind}`);
      throw error;
    }
    const outcome = await this.sso.userOfClaims(claims, settings);
    if (outcome.kind === 'refused') return this.refusal(acceptLanguage, `sso_refused_${outcome.refusal}`);
    const { cookie } = await this.sessions.start(outcome.actor, 'sso');
    reply.header('set-cookie', [this.flows.ended, sessionCookie(cookie, this.secureCookies)]);
    return seeOther('/');
  }

  // The sign-in page again, saying why (in the browser's language: nobody is signed in).
  private refusal(acceptLanguage: string | undefined, outcome: SignInOutcome) {
    const lang = pickLanguage(undefined, acceptLanguage);
    const { status, model } = loginModel(lang, '', outcome, { sso: true, password: this.config.signIn.passwordLogin });
    return page(status, this.views.render('login', lang, model));
  }
}
