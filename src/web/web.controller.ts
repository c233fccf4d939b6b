import { Body, Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { Public } from '../identity/auth.guard';
import { formatInstant } from '../notifications/domain/draft-model';
import { Clock } from '../platform/clock/clock';
import { spanText } from '../escalations/domain/milestones';
import { Lang, pickLanguage, wordsFor } from './i18n';
import { SESSION_COOKIE, Sessions, SignedIn, readCookie, sessionCookie } from './sessions';
import { Views, viewsDir } from './views';

const HOUR = 3_600_000;
const ASSETS: Record<string, string> = { 'app.css': 'text/css; charset=utf-8', 'countdown.js': 'text/javascript; charset=utf-8' };
// Pages may load their own stylesheet and the countdown script, nothing else.
const PAGE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function band(msLeft: number): 'ok' | 'soon' | 'urgent' | 'overdue' {
  if (msLeft < 0) return 'overdue';
  if (msLeft <= 4 * HOUR) return 'urgent';
  if (msLeft <= 24 * HOUR) return 'soon';
  return 'ok';
}

// The web pages for people who do not use curl. They recognise the caller by a session cookie and
// protect every form with the session's CSRF token; the data comes from the same services as the API.
@Controller()
@Public()
export class WebController {
  private readonly assetsDir: string;

  constructor(
    private readonly sessions: Sessions,
    private readonly views: Views,
    private readonly deadlines: DeadlinesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.assetsDir = path.join(viewsDir(), 'assets');
  }

  private html(reply: FastifyReply, status: number, body: string): string {
    reply.status(status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store');
    return body;
  }

  private async signedIn(request: FastifyRequest): Promise<SignedIn | null> {
    return this.sessions.find(readCookie(request.headers.cookie, SESSION_COOKIE));
  }

  private get secureCookies(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  @Get('login')
  async loginPage(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Headers('accept-language') acceptLanguage?: string) {
    if (await this.signedIn(request)) return reply.status(303).header('location', '/').send();
    const lang = pickLanguage(undefined, acceptLanguage);
    return this.html(reply, 200, this.views.render('login', lang, { title: wordsFor(lang).login, email: '', error: null }));
  }

  @Post('login')
  async login(@Req() request: FastifyRequest, @Body() body: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply, @Headers('accept-language') acceptLanguage?: string) {
    const lang = pickLanguage(undefined, acceptLanguage);
    const t = wordsFor(lang);
    const email = typeof body?.email === 'string' ? body.email.trim().slice(0, 320) : '';
    const password = typeof body?.password === 'string' ? body.password.slice(0, 1024) : '';
    if (await this.sessions.limited(email, request.ip)) {
      return this.html(reply, 429, this.views.render('login', lang, { title: t.login, email, error: t.loginLimited }));
    }
    const result = email && password ? await this.sessions.login(email, password, request.ip) : null;
    if (!result) return this.html(reply, 401, this.views.render('login', lang, { title: t.login, email, error: t.loginFailed }));
    reply.header('set-cookie', sessionCookie(result.cookie, this.secureCookies));
    return reply.status(303).header('location', '/').send();
  }

  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Body() body: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.signedIn(request);
    if (!session) return reply.status(303).header('location', '/login').send();
    if (!this.sessions.csrfValid(session, body?._csrf)) return this.html(reply, 403, 'Forbidden: the form token is missing or wrong.');
    await this.sessions.logout(session.sessionId);
    reply.header('set-cookie', sessionCookie('', this.secureCookies, 0));
    return reply.status(303).header('location', '/login').send();
  }

  // The triage board: every open clock of the organization, soonest first, with colour bands that
  // are also told in words, and each deadline as <time datetime>.
  @Get()
  async board(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.signedIn(request);
    if (!session) return reply.status(303).header('location', '/login').send();
    const { actor } = session;
    const lang: Lang = actor.locale;
    const t = wordsFor(lang);
    const now = this.clock.now();
    const clocks = (await this.deadlines.openFor(actor, null, 200)).map((c) => {
      const left = c.dueAt.getTime() - now.getTime();
      return {
        incidentId: c.incidentId,
        reference: c.reference,
        title: c.title,
        clockName: t[c.kind],
        dueAt: c.dueAt.toISOString(),
        dueLocal: formatInstant(c.dueAt, actor.timeZone, lang),
        left: spanText(left, lang),
        band: band(left),
        status: c.status,
      };
    });
    return this.html(reply, 200, this.views.render('board', lang, { title: t.board, clocks }, { email: actor.email, csrfToken: session.csrfToken }));
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const type = ASSETS[file];
    if (!type) return reply.status(404).header('content-type', 'text/plain').send('not found');
    reply.header('content-type', type).header('cache-control', 'public, max-age=3600');
    return fs.readFileSync(path.join(this.assetsDir, file), 'utf8');
  }
}
