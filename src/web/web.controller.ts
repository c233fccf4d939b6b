import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { AssessmentsService } from '../assessments/assessments.service';
import {
  AVAILABILITY,
  CONFIDENTIALITY,
  DATA_CATEGORY_KINDS,
  EASE_OF_IDENTIFICATION,
  INTEGRITY,
  SUBJECTS_EXEMPTIONS,
} from '../assessments/domain/enisa-severity';
import { AuthoritiesService } from '../authorities/authorities.service';
import { ContractsService } from '../contracts/contracts.service';
import { registerCsv } from '../register/dto/register-csv.response';
import { RegisterService } from '../register/register.service';
import { toZonedIso } from '../platform/clock/zoned-time';
import { SafeString } from 'handlebars';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { IdentityService } from '../identity/identity.service';
import { AppSettings } from '../platform/database/app-settings';
import { toICalendar } from './calendar';
import { hoursToNotificationSvg, monthsByCauseSvg } from './charts';
import { HTML_CSP_HEADER, markdownToHtml, markdownToPdf } from '../notifications/document-formats';
import { DocumentKind } from '../notifications/domain/documents';
import { NotificationDraftsService } from '../notifications/notification-drafts.service';
import { NotificationsService } from '../notifications/notifications.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { BREACH_CAUSES, BREACH_TYPES } from '../incidents/domain/incident-facts';
import { CreateIncidentDto, requiredOnCreate } from '../incidents/dto/create-incident.dto';
import { IncidentsService } from '../incidents/incidents.service';
import { CAUSE_LABELS, MISSING_LABELS, label } from '../notifications/domain/labels';
import { DomainError, ValidationError } from '../platform/http/domain-error';
import { validateInput } from '../platform/validation/validate';
import { canonicalUuid } from '../platform/http/uuid.pipe';
import { formErrors } from './form-errors';
import { reasonPhrases, reasonsInWords } from './recommendation-words';
import { INTAKE_FIELDS, intakeInput } from './intake-form';
import {
  assessmentInput,
  decisionInput,
  factsInput,
  FormBody,
  formText,
  INCIDENT_FIELDS,
  IncidentForm,
  notificationInput,
} from './incident-forms';
import { Public } from '../identity/auth.guard';
import { formatInstant } from '../notifications/domain/draft-model';
import { parseWithin } from '../deadlines/domain/deadline-rules';
import { Clock } from '../platform/clock/clock';
import { NOTIFICATION_KINDS } from '../notifications/notification.entity';
import { spanText } from '../escalations/domain/milestones';
import {
  ASSESSMENT_OPTION_WORDS,
  AUDIT_ACTION_WORDS,
  CLOCK_STATE_WORDS,
  decimal,
  DRAFT_WORDS,
  Lang,
  NOTIFICATION_KIND_WORDS,
  pickLanguage,
  say,
  SEVERITY_WORDS,
  STATUS_WORDS,
  wordsFor,
} from './i18n';
import { SESSION_COOKIE, Sessions, SignedIn, readCookie, sessionCookie } from './sessions';
import { Views, viewsDir } from './views';

const HOUR = 3_600_000;
const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'countdown.js': 'text/javascript; charset=utf-8',
  'incident.js': 'text/javascript; charset=utf-8',
};
// Pages may load their own stylesheet and scripts, and the scripts may call back to the server; nothing else.
const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// A 303 to another page (Nest sends the empty body: the handler returns, never calls send()).
// Compares secrets in constant time, so the time taken does not reveal how much of a guess was right.
function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function redirect(reply: FastifyReply, location: string): string {
  reply.status(303).header('location', location);
  return '';
}

// The drafts by their address under /incidents/:id/drafts/ (the API's names, "authority" for the initial notification).
const DRAFT_DOCUMENTS: Record<string, DocumentKind> = {
  authority: 'authority-initial',
  'authority-followup': 'authority-followup',
  'data-subjects': 'data-subjects',
  'public-communication': 'public-communication',
  'processor-report': 'processor-report',
};

// A select's options in words, the given value selected.
function choices(values: readonly string[], selected: string | undefined, lang: Lang) {
  return values.map((value) => ({ value, label: say(ASSESSMENT_OPTION_WORDS, value, lang), selected: value === selected }));
}

// The board shows this many clocks, soonest first, and says when there are more.
const BOARD_ROWS = 200;

// Most urgent first: the order the board's urgency filter offers them in.
const BANDS = ['overdue', 'urgent', 'soon', 'ok'] as const;
type Band = (typeof BANDS)[number];

// Each band's time left as [from, up to] in ms (null: unbounded), the same limits as band() below.
const BAND_LIMITS: Record<Band, [number | null, number | null]> = {
  overdue: [null, -1],
  urgent: [0, 4 * HOUR],
  soon: [4 * HOUR + 1, 24 * HOUR],
  ok: [24 * HOUR + 1, null],
};

function band(msLeft: number): Band {
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
    private readonly incidents: IncidentsService,
    private readonly contracts: ContractsService,
    private readonly assessments: AssessmentsService,
    private readonly drafts: NotificationDraftsService,
    private readonly notifications: NotificationsService,
    private readonly directory: AuthoritiesService,
    private readonly registers: RegisterService,
    private readonly identity: IdentityService,
    private readonly appSettings: AppSettings,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.assetsDir = path.join(viewsDir(), 'assets');
  }

  private html(reply: FastifyReply, status: number, body: string): string {
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-store');
    return body;
  }

  private async signedIn(request: FastifyRequest): Promise<SignedIn | null> {
    return this.sessions.find(readCookie(request.headers.cookie, SESSION_COOKIE));
  }

  private get secureCookies(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  @Get('login')
  async loginPage(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    if (await this.signedIn(request)) return redirect(reply, '/');
    const lang = pickLanguage(undefined, acceptLanguage);
    return this.html(reply, 200, this.views.render('login', lang, { title: wordsFor(lang).login, email: '', error: null }));
  }

  @Post('login')
  async login(
    @Req() request: FastifyRequest,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const lang = pickLanguage(undefined, acceptLanguage);
    const t = wordsFor(lang);
    const email = typeof body?.email === 'string' ? body.email.trim().slice(0, 320) : '';
    const password = typeof body?.password === 'string' ? body.password.slice(0, 1024) : '';
    const result = email && password ? await this.sessions.login(email, password, request.ip) : { kind: 'failed' as const };
    if (result.kind === 'limited')
      return this.html(reply, 429, this.views.render('login', lang, { title: t.login, email, error: t.loginLimited }));
    if (result.kind === 'failed')
      return this.html(reply, 401, this.views.render('login', lang, { title: t.login, email, error: t.loginFailed }));
    reply.header('set-cookie', sessionCookie(result.cookie, this.secureCookies));
    return redirect(reply, '/');
  }

  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Body() body: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.signedIn(request);
    if (!session) return redirect(reply, '/login');
    if (!this.sessions.csrfValid(session, body?._csrf)) return this.html(reply, 403, 'Forbidden: the form token is missing or wrong.');
    await this.sessions.logout(session.sessionId);
    reply.header('set-cookie', sessionCookie('', this.secureCookies, 0));
    return redirect(reply, '/login');
  }

  // The triage board: every open clock of the organization, soonest first, with colour bands that
  // are also told in words, and each deadline as <time datetime>.
  @Get()
  async board(
    @Req() request: FastifyRequest,
    @Query('within') within: string | undefined,
    @Query('band') onlyBand: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.signedIn(request);
    if (!session) return redirect(reply, '/login');
    const { actor } = session;
    const lang: Lang = actor.locale;
    const t = wordsFor(lang);
    const now = this.clock.now();
    // The urgency filter narrows the query to the band's limits, so the rows a page shows are the
    // band's soonest, not whatever was left of the first 200 after filtering.
    const chosenBand = BANDS.find((b) => b === onlyBand);
    const [bandFrom, bandUpper] = chosenBand ? BAND_LIMITS[chosenBand] : [null, null];
    const withinMs = [within && /^\d{1,4}(m|h|d)$/.test(within) ? parseWithin(within) : null, bandUpper]
      .filter((x): x is number => x !== null)
      .reduce<number | null>((a, b) => (a === null ? b : Math.min(a, b)), null);
    const fetched = await this.deadlines.openFor(actor, withinMs, BOARD_ROWS + 1, bandFrom);
    const more = fetched.length > BOARD_ROWS;
    const open = fetched.slice(0, BOARD_ROWS);
    const missing = await this.incidents.missingOf([...new Set(open.map((c) => c.incidentId))]);
    const clocks = open
      .map((c) => {
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
          bandText: t[`band_${band(left)}` as const],
          missing: (missing.get(c.incidentId) ?? []).length,
          status: say(STATUS_WORDS, c.status, lang),
        };
      })
      .filter((c) => !chosenBand || c.band === chosenBand);
    // Processor staff also see their own reports, whatever their clocks.
    const reports =
      actor.role === 'processor_staff'
        ? (await this.incidents.list(actor, { limit: 50 })).items.map((v) => ({
            id: v.incident.id,
            reference: v.incident.reference,
            title: v.incident.title,
            status: say(STATUS_WORDS, v.incident.status, lang),
            missing: v.missing.length,
          }))
        : [];
    const feed = `${this.config.publicUrl}/deadlines.ics?u=${actor.userId}&k=${await this.feedKey(actor.userId, (await this.identity.calendarFeedGeneration(actor.userId)) ?? 0)}`;
    const filters = {
      within: ['', '4h', '24h', '72h'].map((v) => ({ value: v, label: v || t.all, selected: (within ?? '') === v })),
      bands: ['', ...BANDS].map((v) => ({ value: v, label: v ? t[`band_${v}` as 'band_ok'] : t.all, selected: (onlyBand ?? '') === v })),
    };
    return this.html(
      reply,
      200,
      this.views.render(
        'board',
        lang,
        { title: t.board, clocks, more, feed, reports, filters, isProcessor: actor.role === 'processor_staff' },
        { email: actor.email, csrfToken: session.csrfToken },
      ),
    );
  }

  private async page(request: FastifyRequest, reply: FastifyReply): Promise<SignedIn | null> {
    const session = await this.signedIn(request);
    if (!session) redirect(reply, '/login');
    return session;
  }

  // The intake form, grouped like the authorities' forms, with the contract's categories as choices.
  @Get('incidents/new')
  async newIncident(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.page(request, reply);
    if (!session) return '';
    if (session.actor.role === 'org_admin') {
      const message =
        session.actor.locale === 'de'
          ? 'Verletzungen melden Beschäftigte des Auftragsverarbeiters oder die/der Datenschutzbeauftragte des Verantwortlichen.'
          : "Breaches are reported by processor staff or the controller's DPO.";
      return this.html(
        reply,
        403,
        this.views.render(
          'message',
          session.actor.locale,
          { title: '403', message },
          { email: session.actor.email, csrfToken: session.csrfToken },
        ),
      );
    }
    return this.html(reply, 200, await this.intakePage(session, {}, []));
  }

  @Post('incidents')
  async fileIncident(
    @Req() request: FastifyRequest,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.page(request, reply);
    if (!session) return '';
    if (!this.sessions.csrfValid(session, body?._csrf)) return this.html(reply, 403, 'Forbidden: the form token is missing or wrong.');
    const input = intakeInput(body ?? {}, session.actor.timeZone);
    // Every problem at once: what the form could not read, what is required, what the API refuses.
    input.errors.push(...requiredOnCreate(input.dto as CreateIncidentDto));
    try {
      const dto = validateInput(CreateIncidentDto, input.dto);
      if (input.errors.length) throw new ValidationError([]);
      const view = await this.incidents.create(session.actor, dto);
      return redirect(reply, `/incidents/${view.incident.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = [...input.errors, ...(error.errors ?? [{ path: '', message: error.message }])].filter(
        (x, i, all) => all.findIndex((y) => y.path === x.path && y.message === x.message) === i,
      );
      return this.html(reply, 400, await this.intakePage(session, body ?? {}, errors));
    }
  }

  @Get('incidents/:id')
  async incident(@Req() request: FastifyRequest, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.page(request, reply);
    if (!session) return '';
    return this.incidentPage(reply, session, id, []);
  }

  // The DPO's assessment and decision, from the incident page's forms, through the same services as the API.
  @Post('incidents/:id/assessment')
  async assess(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.formPost(request, reply, id, body, 'assessment', (actor, incidentId) =>
      this.assessments.assess(actor, incidentId, assessmentInput(body)),
    );
  }

  // The live score: the script on the incident page posts the assessment form here on every
  // change and shows the answer; nothing is stored. JSON, so the script sets text, never HTML.
  @Post('incidents/:id/assessment/preview')
  async previewAssessment(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.signedIn(request);
    const json = (status: number, value: unknown) => {
      reply
        .status(status)
        .header('content-type', status < 300 ? 'application/json' : 'application/problem+json')
        .header('cache-control', 'no-store');
      return JSON.stringify(value);
    };
    if (!session) return json(401, { status: 401, title: 'Not signed in' });
    if (!this.sessions.csrfValid(session, body?._csrf)) return json(403, { status: 403, title: 'The form token is missing or wrong' });
    const lang: Lang = session.actor.locale;
    const t = wordsFor(lang);
    try {
      const incidentId = canonicalUuid(id);
      if (!incidentId) return json(404, { status: 404, title: 'Not found' });
      const r = await this.assessments.preview(session.actor, incidentId, assessmentInput(body), reasonPhrases(lang));
      return json(200, {
        score: r.score,
        band: say(SEVERITY_WORDS, r.band, lang),
        summary: `${t.score}: ${decimal(r.score, lang)} (${say(SEVERITY_WORDS, r.band, lang)}). ${t.recommendation}: ${t.notifyAuthority} – ${r.recommendation.notifyAuthority ? t.yes : t.no}; ${t.notifySubjects} – ${r.recommendation.notifySubjects ? t.yes : t.no}.`,
        reasons: r.recommendation.reasons,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = error.kind === 'not_found' ? 404 : error.kind === 'forbidden' ? 403 : 400;
      return json(status, { status, title: error.message, errors: error.errors ?? [] });
    }
  }

  @Post('incidents/:id/decision')
  async decide(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.formPost(request, reply, id, body, 'decision', (actor, incidentId) =>
      this.assessments.decide(actor, incidentId, decisionInput(body)),
    );
  }

  // Follow-up facts from either side, with the version read (a stale form is refused, as in the API).
  @Post('incidents/:id/facts')
  async facts(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.formPost(request, reply, id, body, 'facts', (actor, incidentId) => {
      const { version, dto } = factsInput(body);
      return this.incidents.update(actor, incidentId, version, dto);
    });
  }

  @Post('incidents/:id/notifications')
  async recordNotification(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.formPost(request, reply, id, body, 'notification', (actor, incidentId) =>
      this.notifications.record(actor, incidentId, notificationInput(body, actor.timeZone)),
    );
  }

  // Drafts for the DPO: HTML preview (printable), Markdown or PDF download.
  @Get('incidents/:id/drafts/:document')
  async draft(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Param('document') document: string,
    @Query('lang') lang: string | undefined,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.page(request, reply);
    if (!session) return '';
    const kind = DRAFT_DOCUMENTS[document];
    const language: Lang = lang === 'de' || lang === 'en' ? lang : session.actor.locale;
    const incidentId = canonicalUuid(id);
    if (!kind || !incidentId) return this.html(reply, 404, 'Not found.');
    let draft;
    try {
      // The same service and checks as GET /api/v1/incidents/:id/drafts/… (who may draft what, the
      // initial notification a follow-up needs).
      draft = await this.drafts.draft(session.actor, incidentId, kind, { lang: language });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = error.kind === 'conflict' ? 409 : 404;
      return this.html(
        reply,
        status,
        this.views.render(
          'message',
          session.actor.locale,
          {
            title: String(status),
            message: status === 409 ? error.message : session.actor.locale === 'de' ? 'Nicht gefunden.' : 'Not found.',
          },
          { email: session.actor.email, csrfToken: session.csrfToken },
        ),
      );
    }
    if (format === 'md') {
      reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${document}-${language}.md"`);
      return draft.text;
    }
    if (format === 'pdf') {
      reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${document}-${language}.pdf"`);
      return markdownToPdf(draft.text, draft.title);
    }
    reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', HTML_CSP_HEADER);
    return markdownToHtml(draft.text, draft.title, language);
  }

  // A form of the incident page: on success back to the page (303); refused, the page again with the
  // errors next to their fields and, when the input was wrong (400), what was typed kept in its form.
  private async formPost(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    body: FormBody,
    form: IncidentForm,
    work: (actor: SignedIn['actor'], incidentId: string) => Promise<unknown>,
  ) {
    const session = await this.page(request, reply);
    if (!session) return '';
    if (!this.sessions.csrfValid(session, body?._csrf)) return this.html(reply, 403, 'Forbidden: the form token is missing or wrong.');
    const incidentId = canonicalUuid(id);
    if (!incidentId) return this.incidentPage(reply, session, id, []);
    try {
      await work(session.actor, incidentId);
      return redirect(reply, `/incidents/${incidentId}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = error.kind === 'not_found' ? 404 : error.kind === 'forbidden' ? 403 : error.kind === 'conflict' ? 409 : 400;
      return this.incidentPage(
        reply,
        session,
        incidentId,
        error.errors?.length ? error.errors : [{ path: '', message: error.message }],
        status,
        status === 400 ? { form, body: body ?? {} } : null,
      );
    }
  }

  private async incidentPage(
    reply: FastifyReply,
    session: SignedIn,
    id: string,
    errors: { path: string; message: string }[],
    status = 200,
    posted: { form: IncidentForm; body: FormBody } | null = null,
  ) {
    const { actor } = session;
    const lang: Lang = actor.locale;
    const t = wordsFor(lang);
    let view;
    try {
      view = canonicalUuid(id) ? await this.incidents.view(actor, canonicalUuid(id)!) : null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      view = null;
    }
    if (!view)
      return this.html(
        reply,
        404,
        this.views.render(
          'message',
          lang,
          { title: '404', message: lang === 'de' ? 'Nicht gefunden.' : 'Not found.' },
          { email: actor.email, csrfToken: session.csrfToken },
        ),
      );
    const now = this.clock.now();
    const i = view.incident;
    id = i.id; // the canonical id, for the links and forms below
    const local = (d: Date) => formatInstant(d, actor.timeZone, lang);
    const clocks = (['processorToController', 'authority'] as const)
      .map((k) => view.clocks[k] && { kind: k === 'authority' ? 'authority' : 'processor_to_controller', ...view.clocks[k]! })
      .filter((c): c is NonNullable<typeof c> => Boolean(c))
      .map((c) => ({
        name: t[c.kind as 'authority' | 'processor_to_controller'],
        dueAt: c.dueAt.toISOString(),
        dueLocal: local(c.dueAt),
        state: say(CLOCK_STATE_WORDS, c.state === 'stopped' && i.notABreachReason !== null ? 'stopped_not_a_breach' : c.state, lang),
        running: c.state === 'running' || c.state === 'overdue',
        left: spanText(c.dueAt.getTime() - now.getTime(), lang),
        band: c.state === 'running' || c.state === 'overdue' ? band(c.dueAt.getTime() - now.getTime()) : 'ok',
      }));
    const trail = await this.incidents.auditTrail(actor, id);
    const isDpo = actor.role === 'controller_dpo' && i.controllerId === actor.organizationId;
    const history = isDpo ? await this.assessments.history(actor, id) : { assessments: [], decisions: [] };
    const latest = history.assessments[history.assessments.length - 1];
    const canEdit = i.status !== 'closed' && ((actor.role === 'processor_staff' && i.reporterOrgId === actor.organizationId) || isDpo);
    const sent = isDpo ? await this.notifications.list(actor, id) : [];
    const decision = history.decisions[history.decisions.length - 1];
    const contract = i.contractId ? (await this.contracts.listFor(actor)).find((c) => c.id === i.contractId) : undefined;
    // What the user typed into the form that was refused; the other forms show what is stored.
    const typed = (form: IncidentForm) => (posted?.form === form ? posted.body : null);
    const [f, n, a, d] = [typed('facts'), typed('notification'), typed('assessment'), typed('decision')];
    const text = (b: FormBody, k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
    const { byField, summary } = formErrors(errors, INCIDENT_FIELDS, t);
    return this.html(
      reply,
      status,
      this.views.render(
        'incident',
        lang,
        {
          title: i.reference,
          id,
          errors: summary,
          e: byField,
          isDpo,
          canEdit,
          version: i.version,
          facts: f
            ? {
                likelyConsequences: text(f, 'likelyConsequences'),
                measuresTaken: text(f, 'measuresTaken'),
                measuresProposed: text(f, 'measuresProposed'),
                subjects: text(f, 'approximateSubjects.count'),
                subjectsEstimate: f['approximateSubjects.isEstimate'] === 'true',
              }
            : {
                likelyConsequences: i.likelyConsequences ?? '',
                measuresTaken: i.measuresTaken ?? '',
                measuresProposed: i.measuresProposed ?? '',
                subjects: i.approximateSubjects ?? '',
                subjectsEstimate: i.approximateSubjectsIsEstimate ?? false,
              },
          sending: {
            sentAt: n ? text(n, 'sentAt') : '',
            channel: n ? text(n, 'channel') : '',
            reference: n ? text(n, 'reference') : '',
            reasonsForDelay: n ? text(n, 'reasonsForDelay') : '',
          },
          // The decision form starts from the recommendation (notify the authority when unsure).
          deciding: d
            ? {
                notifyAuthority: d.notifyAuthority === 'true',
                notifySubjects: d.notifySubjects === 'true',
                authorityReason: text(d, 'authorityReason'),
                subjectsReason: text(d, 'subjectsReason'),
              }
            : {
                notifyAuthority: latest?.recommendation.notifyAuthority ?? true,
                notifySubjects: latest?.recommendation.notifySubjects ?? false,
                authorityReason: '',
                subjectsReason: '',
              },
          notifications: sent.map((n) => ({
            at: n.sentAt.toISOString(),
            local: local(n.sentAt),
            kind: say(NOTIFICATION_KIND_WORDS, n.kind, lang),
            late: n.late,
          })),
          incident: {
            reference: i.reference,
            title: i.title,
            status: say(STATUS_WORDS, i.status, lang),
            description: i.natureDescription,
            contract: contract
              ? `${contract.reference} – ${(actor.organizationId === contract.processorId ? contract.controller : contract.processor)?.name ?? ''}`
              : null,
            types: i.natureTypes?.length ? i.natureTypes.map((x) => t[x as 'confidentiality']).join(', ') : null,
            cause: i.natureCause ? label(CAUSE_LABELS, i.natureCause, lang) : null,
            occurredAt: i.occurredAt ? { at: i.occurredAt.toISOString(), local: local(i.occurredAt) } : null,
            discoveredAt: i.discoveredAt.toISOString(),
            discoveredLocal: local(i.discoveredAt),
            reportedAt: i.reportedToControllerAt
              ? { at: i.reportedToControllerAt.toISOString(), local: local(i.reportedToControllerAt) }
              : null,
            awareAt: i.controllerAwareAt ? { at: i.controllerAwareAt.toISOString(), local: local(i.controllerAwareAt) } : null,
            dataCategories: i.dataCategories?.join(', ') ?? null,
            subjectCategories: i.subjectCategories?.join(', ') ?? null,
            subjects:
              i.approximateSubjects !== null
                ? `${i.approximateSubjects.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}${i.approximateSubjectsIsEstimate ? ` (${t.estimate})` : ''}`
                : null,
            records:
              i.approximateRecords !== null
                ? `${i.approximateRecords.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}${i.approximateRecordsIsEstimate ? ` (${t.estimate})` : ''}`
                : null,
            contact: i.contactEmail ? [i.contactName, i.contactEmail, i.contactPhone].filter(Boolean).join(', ') : null,
            likelyConsequences: i.likelyConsequences,
            measuresTaken: i.measuresTaken,
            measuresProposed: i.measuresProposed,
          },
          clocks,
          missing: view.missing.map((m) => label(MISSING_LABELS, m, lang)),
          assessment: latest
            ? {
                version: latest.version,
                score: decimal(latest.scoreQuarters / 4, lang),
                band: say(SEVERITY_WORDS, latest.band, lang),
                notifyAuthority: latest.recommendation.notifyAuthority ? t.yes : t.no,
                notifySubjects: latest.recommendation.notifySubjects ? t.yes : t.no,
                reasons: reasonsInWords(
                  latest.inputs,
                  latest.scoreQuarters,
                  latest.band,
                  latest.recommendation,
                  lang,
                  latest.incidentFacts,
                ),
              }
            : null,
          decision: decision
            ? {
                notifyAuthority: decision.notifyAuthority ? t.yes : t.no,
                notifySubjects: decision.notifySubjects ? t.yes : t.no,
                authorityReason: decision.authorityReason ?? '',
                subjectsReason: decision.subjectsReason ?? '',
                exemption: decision.subjectsExemption ? say(ASSESSMENT_OPTION_WORDS, decision.subjectsExemption, lang) : '',
              }
            : null,
          options: {
            kinds: NOTIFICATION_KINDS.filter((k) => k !== 'processor_to_controller').map((k) => ({
              value: k,
              label: say(NOTIFICATION_KIND_WORDS, k, lang),
              selected: k === n?.kind,
            })),
            // The last assessment's inputs preselected: a reassessment starts from what was known.
            categories: choices(DATA_CATEGORY_KINDS, a ? formText(a, 'category') : latest?.inputs.dataCategories[0]?.category, lang),
            ease: choices(EASE_OF_IDENTIFICATION, a ? formText(a, 'easeOfIdentification') : latest?.inputs.easeOfIdentification, lang),
            confidentiality: choices(CONFIDENTIALITY, a ? formText(a, 'confidentiality') : latest?.inputs.confidentiality, lang),
            integrity: choices(INTEGRITY, a ? formText(a, 'integrity') : latest?.inputs.integrity, lang),
            availability: choices(AVAILABILITY, a ? formText(a, 'availability') : latest?.inputs.availability, lang),
            exemptions: choices(SUBJECTS_EXEMPTIONS, d ? formText(d, 'subjectsExemption') : undefined, lang),
          },
          previous: a
            ? {
                score: text(a, 'score'),
                scoreReason: text(a, 'scoreReason'),
                maliciousIntent: a.maliciousIntent === 'true',
                unintelligible: a.unintelligible === 'true',
                recipientTrustedAndDeleted: a.recipientTrustedAndDeleted === 'true',
                highRiskRemovedByMeasures: a.highRiskRemovedByMeasures === 'true',
              }
            : {
                score: latest?.inputs.dataCategories[0]?.score ?? '',
                scoreReason: latest?.inputs.dataCategories[0]?.reason ?? '',
                maliciousIntent: latest?.inputs.maliciousIntent ?? false,
                unintelligible: latest?.inputs.unintelligible ?? false,
                recipientTrustedAndDeleted: latest?.inputs.recipientTrustedAndDeleted ?? false,
                highRiskRemovedByMeasures: latest?.inputs.highRiskRemovedByMeasures ?? false,
              },
          drafts: (isDpo
            ? Object.keys(DRAFT_DOCUMENTS)
            : actor.role === 'processor_staff' && i.reporterOrgId === actor.organizationId
              ? ['processor-report']
              : []
          ).map((doc) => {
            const at = `/incidents/${id}/drafts/${doc}`;
            return {
              name: say(DRAFT_WORDS, doc, lang),
              de: `${at}?lang=de`,
              en: `${at}?lang=en`,
              md: `${at}?lang=${lang}&format=md`,
              pdf: `${at}?lang=${lang}&format=pdf`,
            };
          }),
          pageScript: true,
          timeline: trail.map((e) => ({
            at: e.occurredAt.toISOString(),
            local: local(e.occurredAt),
            actor: e.actor.replace(/^user:/, ''),
            action: say(AUDIT_ACTION_WORDS, e.action, lang),
          })),
        },
        { email: actor.email, csrfToken: session.csrfToken },
      ),
    );
  }

  private async intakePage(
    session: SignedIn,
    values: Record<string, unknown>,
    errors: { path: string; message: string }[],
  ): Promise<string> {
    const { actor } = session;
    const lang: Lang = actor.locale;
    const t = wordsFor(lang);
    // Processor staff report under a DPA with a controller; a controller's DPO records their own
    // breach (no contract) or a processor's report that came another way (a DPA where they control).
    const isProcessor = actor.role === 'processor_staff';
    const contracts = (await this.contracts.listFor(actor)).filter(
      (c) => (isProcessor ? c.processorId : c.controllerId) === actor.organizationId,
    );
    const chosen = contracts.find((c) => c.id === values.contractId) ?? (isProcessor ? contracts[0] : undefined);
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
    const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    const { byField, summary } = formErrors(errors, INTAKE_FIELDS, t);
    return this.views.render(
      'new-incident',
      lang,
      {
        title: t.newReport,
        timeZone: actor.timeZone,
        errors: summary,
        e: byField,
        isProcessor,
        contracts: [
          ...(isProcessor ? [] : [{ id: '', label: t.ownBreach, selected: !chosen }]),
          ...contracts.map((c) => ({
            id: c.id,
            label: `${c.reference} – ${(isProcessor ? c.controller : c.processor)?.name ?? ''}`,
            selected: c.id === chosen?.id,
          })),
        ],
        types: BREACH_TYPES.map((v) => ({ value: v, label: t[v], checked: list(values['nature.types']).includes(v) })),
        causes: BREACH_CAUSES.map((v) => ({ value: v, label: label(CAUSE_LABELS, v, lang), selected: values['nature.cause'] === v })),
        dataCategories: (chosen?.dataCategories ?? []).map((v) => ({ value: v, checked: list(values.dataCategories).includes(v) })),
        subjectCategories: (chosen?.subjectCategories ?? []).map((v) => ({
          value: v,
          checked: list(values.subjectCategories).includes(v),
        })),
        v: {
          title: text('title'),
          description: text('nature.description'),
          occurredAt: text('occurredAt'),
          discoveredAt: text('discoveredAt'),
          controllerAwareAt: text('controllerAwareAt'),
          dataCategoriesOther: text('dataCategories.other'),
          subjectCategoriesOther: text('subjectCategories.other'),
          subjects: text('approximateSubjects.count'),
          subjectsEstimate: values['approximateSubjects.isEstimate'] === 'true',
          records: text('approximateRecords.count'),
          recordsEstimate: values['approximateRecords.isEstimate'] === 'true',
          contactName: text('contact.name'),
          contactEmail: text('contact.email'),
          contactPhone: text('contact.phone'),
          likelyConsequences: text('likelyConsequences'),
          measuresTaken: text('measuresTaken'),
          measuresProposed: text('measuresProposed'),
          draft: values.draft === 'true',
        },
      },
      { email: actor.email, csrfToken: session.csrfToken },
    );
  }

  // The user's own language and time zone.
  @Get('settings')
  async settingsForm(
    @Req() request: FastifyRequest,
    @Query('saved') saved: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.page(request, reply);
    if (!session) return '';
    return this.html(
      reply,
      200,
      this.settingsPage(
        session,
        { locale: session.actor.locale, timeZone: session.actor.timeZone },
        [],
        saved === 'password' ? 'password' : saved === '1',
      ),
    );
  }

  @Post('settings')
  async saveSettings(
    @Req() request: FastifyRequest,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.page(request, reply);
    if (!session) return '';
    if (!this.sessions.csrfValid(session, body?._csrf)) return this.html(reply, 403, 'Forbidden: the form token is missing or wrong.');
    try {
      await this.identity.updatePreferences(session.actor, { locale: body?.locale, timeZone: body?.timeZone });
      return redirect(reply, '/settings?saved=1');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.html(
        reply,
        400,
        this.settingsPage(
          session,
          { locale: String(body?.locale ?? ''), timeZone: String(body?.timeZone ?? '') },
          error.errors ?? [{ path: '', message: error.message }],
          false,
        ),
      );
    }
  }

  // A new password, proving the current one; the user's other sessions end with the old password.
  @Post('settings/password')
  async changePassword(
    @Req() request: FastifyRequest,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.page(request, reply);
    if (!session) return '';
    if (!this.sessions.csrfValid(session, body?._csrf)) return this.html(reply, 403, 'Forbidden: the form token is missing or wrong.');
    const { actor } = session;
    // The current password is counted like a sign-in (same limits), so a stolen session cannot guess it.
    if (!(await this.sessions.attempt(actor.email, request.ip))) {
      return this.html(
        reply,
        429,
        this.settingsPage(
          session,
          { locale: actor.locale, timeZone: actor.timeZone },
          [{ path: 'currentPassword', message: wordsFor(actor.locale).loginLimited }],
          false,
        ),
      );
    }
    try {
      await this.identity.changePassword(actor, {
        currentPassword: body?.currentPassword,
        newPassword: body?.newPassword,
        confirmPassword: body?.confirmPassword,
      });
      await this.sessions.succeeded(actor.email, request.ip);
      await this.sessions.endOthers(session.actor.userId, session.sessionId);
      return redirect(reply, '/settings?saved=password');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (!error.errors?.some((e) => e.path === 'currentPassword')) await this.sessions.succeeded(actor.email, request.ip);
      return this.html(
        reply,
        400,
        this.settingsPage(
          session,
          { locale: actor.locale, timeZone: actor.timeZone },
          error.errors ?? [{ path: '', message: error.message }],
          false,
        ),
      );
    }
  }

  private settingsPage(
    session: SignedIn,
    values: { locale: string; timeZone: string },
    errors: { path: string; message: string }[],
    saved: boolean | 'password',
  ): string {
    const lang: Lang = session.actor.locale;
    const t = wordsFor(lang);
    const { byField, summary } = formErrors(
      errors,
      [
        ['locale', 'locale', 'language'],
        ['timeZone', 'timeZone', 'timeZone'],
        ['currentPassword', 'currentPassword', 'currentPassword'],
        ['newPassword', 'newPassword', 'newPassword'],
        ['confirmPassword', 'confirmPassword', 'confirmPassword'],
      ],
      t,
    );
    const zones = Intl.supportedValuesOf('timeZone');
    return this.views.render(
      'settings',
      lang,
      {
        title: t.settings,
        saved: saved === true,
        passwordChanged: saved === 'password',
        errors: summary,
        e: byField,
        languages: [
          { value: 'de', label: 'Deutsch' },
          { value: 'en', label: 'English' },
        ].map((l) => ({ ...l, selected: l.value === values.locale })),
        zones: (zones.includes(values.timeZone) ? zones : [values.timeZone, ...zones]).map((z) => ({
          value: z,
          selected: z === values.timeZone,
        })),
      },
      { email: session.actor.email, csrfToken: session.csrfToken },
    );
  }

  @Get('authorities')
  async authorities(@Req() request: FastifyRequest, @Query('q') q: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.page(request, reply);
    if (!session) return '';
    const lang: Lang = session.actor.locale;
    const de = lang === 'de';
    const query = typeof q === 'string' ? q.slice(0, 100) : '';
    const items = this.directory.list(query).map((a) => ({
      name: de ? a.name_local : a.name_en,
      abbreviation: a.abbreviation,
      email: a.email ?? '',
      country: a.country,
      region: a.region ?? '',
      channel: a.breach_submission_channel ?? '–',
      form: a.breach_form_url && /^https:\/\//.test(a.breach_form_url) ? a.breach_form_url : null,
    }));
    return this.html(
      reply,
      200,
      this.views.render(
        'authorities',
        lang,
        {
          title: de ? 'Aufsichtsbehörden' : 'Supervisory authorities',
          search: de ? 'Suchen' : 'Search',
          q: query,
          items,
          colName: de ? 'Behörde' : 'Authority',
          colRegion: de ? 'Zuständig für' : 'Covers',
          colChannel: de ? 'Meldeweg' : 'How to notify',
        },
        { email: session.actor.email, csrfToken: session.csrfToken },
      ),
    );
  }

  // The Art. 33(5) register for the DPO, with two charts drawn on the server.
  @Get('register')
  async register(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.page(request, reply);
    if (!session) return '';
    const { actor } = session;
    const lang: Lang = actor.locale;
    const de = lang === 'de';
    if (actor.role !== 'controller_dpo') return this.html(reply, 403, 'Forbidden.');
    const { entries } = await this.registers.entries(actor);
    const rows = entries.map((e) => {
      const i = e.view.incident;
      const a = e.view.clocks.authority;
      return {
        id: i.id,
        reference: i.reference,
        title: i.title,
        status: say(STATUS_WORDS, i.status, lang),
        discoveredAt: i.discoveredAt.toISOString(),
        discoveredLocal: formatInstant(i.discoveredAt, actor.timeZone, lang),
        clock: a ? say(CLOCK_STATE_WORDS, a.state, lang) : '–',
        band: e.assessment ? say(SEVERITY_WORDS, e.assessment.band, lang) : '–',
      };
    });
    const months = entries.map((e) => ({
      month: toZonedIso(e.view.incident.discoveredAt, actor.timeZone).slice(0, 7),
      cause: e.view.incident.natureCause
        ? label(CAUSE_LABELS, e.view.incident.natureCause, lang)
        : de
          ? 'Ursache unbekannt'
          : 'cause unknown',
    }));
    const hours = entries
      .filter((e) => e.view.clocks.authority?.completedAt)
      .map((e) => ({
        reference: e.view.incident.reference,
        hours: (e.view.clocks.authority!.completedAt!.getTime() - e.view.clocks.authority!.startedAt.getTime()) / 3_600_000,
      }));
    const chartMonths = de ? 'Vorfälle je Monat nach Ursache' : 'Incidents per month by cause';
    const chartHours = de
      ? 'Stunden vom Bekanntwerden bis zur Meldung an die Aufsichtsbehörde (Linie: 72 h)'
      : 'Hours from awareness to notifying the authority (line: 72 h)';
    return this.html(
      reply,
      200,
      this.views.render(
        'register',
        lang,
        {
          title: de ? 'Dokumentation von Verletzungen (Art. 33 Abs. 5 DSGVO)' : 'Breach register (Art. 33(5) GDPR)',
          rows,
          chartMonths,
          chartHours,
          monthsSvg: new SafeString(monthsByCauseSvg(months, chartMonths)),
          hoursSvg: new SafeString(
            hoursToNotificationSvg(hours, chartHours, de ? 'Noch keine Meldung an eine Aufsichtsbehörde.' : 'No authority notified yet.'),
          ),
          colClock: de ? 'Frist' : 'Clock',
          colBand: de ? 'Schweregrad' : 'Severity',
        },
        { email: actor.email, csrfToken: session.csrfToken },
      ),
    );
  }

  @Get('register.csv')
  async registerCsv(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.page(request, reply);
    if (!session) return '';
    if (session.actor.role !== 'controller_dpo') return this.html(reply, 403, 'Forbidden.');
    const { generatedAt, entries } = await this.registers.entries(session.actor);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="breach-register-${generatedAt.toISOString().slice(0, 10)}.csv"`);
    return registerCsv(entries);
  }

  // A calendar of the organization's open clocks at a secret address per user (calendar apps cannot
  // sign in): /deadlines.ics?u=<user id>&k=<HMAC of the user id and the address's generation>.
  @Get('deadlines.ics')
  async calendar(
    @Query('u') userId: string | undefined,
    @Query('k') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const generation =
      typeof userId === 'string' && /^[0-9a-f-]{36}$/.test(userId) ? await this.identity.calendarFeedGeneration(userId) : null;
    const valid = generation !== null && typeof key === 'string' && sameSecret(await this.feedKey(userId!, generation), key);
    const actor = valid ? await this.identity.actorById(userId!) : null;
    if (!actor) {
      reply.status(404).header('content-type', 'text/plain; charset=utf-8');
      return 'not found';
    }
    const t = wordsFor(actor.locale);
    const events = (await this.deadlines.openFor(actor, null, 500)).map((c) => ({
      uid: `${c.id}@breachclock`,
      start: c.dueAt,
      summary: `${c.reference}: ${t[c.kind]}`,
      description: `${c.title}\n${this.config.publicUrl}/incidents/${c.incidentId}`,
      url: `${this.config.publicUrl}/incidents/${c.incidentId}`,
    }));
    reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'no-store');
    return toICalendar(`breachclock – ${t.board}`, events, this.clock.now());
  }

  // A leaked address is replaced from the board: the user's generation moves on, the old key fails.
  @Post('calendar-feed')
  async renewCalendarFeed(
    @Req() request: FastifyRequest,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.page(request, reply);
    if (!session) return '';
    if (!this.sessions.csrfValid(session, body?._csrf)) return this.html(reply, 403, 'Forbidden: the form token is missing or wrong.');
    await this.identity.renewCalendarFeed(session.actor);
    return redirect(reply, '/#calendar-feed');
  }

  // Generation 0 signs the user id alone: the addresses handed out before renewing existed stay valid.
  private async feedKey(userId: string, generation: number): Promise<string> {
    return createHmac('sha256', await this.appSettings.secret('calendar-feed-key'))
      .update(generation === 0 ? userId : `${userId}.${generation}`)
      .digest('base64url');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const type = ASSETS[file];
    if (!type) {
      reply.status(404).header('content-type', 'text/plain; charset=utf-8');
      return 'not found';
    }
    reply.header('content-type', type).header('cache-control', 'public, max-age=3600');
    return fs.readFileSync(path.join(this.assetsDir, file), 'utf8');
  }
}
