import { Injectable } from '@nestjs/common';
import { AssessmentsService } from '../assessments/assessments.service';
import { Lang, words } from '../i18n';
import { Actor } from '../identity/domain/actor';
import { IncidentsService } from '../incidents/incidents.service';
import { Duty } from '../obligations/domain';
import { Obligation } from '../obligations/obligation.entity';
import { ObligationError, ObligationErrorCode } from '../obligations/obligations.errors';
import { ObligationDetail, ObligationsService } from '../obligations/obligations.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { TemplateRenderer } from '../platform/templates/template-renderer';
import { contactText } from './domain/draft-model';
import { filingSummary } from './domain/filing-summaries';
import { FilingStage, obligationDraft, Phase, stageOf } from './domain/obligation-drafts';
import { Draft, NotificationDraftsService } from './notification-drafts.service';
import { Notification } from './notification.entity';
import { NotificationError, NotificationErrorCode } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';

// The duty each chained report follows: its filing is "the report so far" in the next one.
const PREVIOUS: Partial<Record<FilingStage, Duty>> = {
  'nis2/incident_notification': 'early_warning',
  'nis2/final_report': 'incident_notification',
  'dora/intermediate_report': 'initial_notification',
  'dora/final_report': 'intermediate_report',
};

export interface ObligationDraftResult extends Draft {
  // The download's file name without extension: "<regime>-<duty>-<lang>".
  filename: string;
}

// The draft that fits an obligation (GET /api/v1/obligations/:id/draft, the drafts page): the
// authority draft addressed to its recipient under its law, the people's letter or the public
// communication, the processor's report, or the structured summary of a NIS2, DORA or ePrivacy
// report. An obligation the caller's side cannot see does not exist (404).
@Injectable()
export class ObligationDraftsService {
  constructor(
    private readonly obligations: ObligationsService,
    private readonly drafts: NotificationDraftsService,
    private readonly incidents: IncidentsService,
    private readonly assessments: AssessmentsService,
    private readonly notifications: NotificationsRepository,
    private readonly db: Database,
    private readonly renderer: TemplateRenderer,
    private readonly clock: Clock,
  ) {}

  // The obligation the caller's side may see, for the pages' forms; null otherwise.
  obligationOf(actor: Actor, obligationId: string): Promise<ObligationDetail | null> {
    return this.obligations.visible(actor, obligationId);
  }

  async draft(actor: Actor, obligationId: string, options: { lang?: Lang; phase?: Phase }): Promise<ObligationDraftResult> {
    const found = await this.obligations.visible(actor, obligationId);
    if (!found) throw new ObligationError(ObligationErrorCode.NotFound, `No obligation ${obligationId}.`);
    const { obligation: o, view } = found;
    const fit = obligationDraft(o, options);
    if (!fit.ok) throw new ValidationError([{ path: fit.path, message: fit.message }]);
    const filename = `${stageOf(o).replace('/', '-')}${options.phase === 'followup' ? '-followup' : ''}`;
    if (fit.draft.kind === 'document') {
      const law = fit.draft.law;
      const draft = await this.drafts.draft(actor, o.incidentId, fit.draft.document, {
        lang: options.lang,
        ...(law && {
          law,
          authorityId: o.recipient.authorityId ?? null,
          dueAt: view.dueAt,
          late: o.phase === 'fulfilled' ? o.outcome === 'late' : undefined,
        }),
      });
      return { ...draft, filename: `${filename}-${draft.lang}` };
    }
    return this.summary(actor, o, fit.draft.stage, { startsAt: view.startsAt, dueAt: view.dueAt }, options.lang, filename);
  }

  private async summary(
    actor: Actor,
    o: Obligation,
    stage: FilingStage,
    times: { startsAt: Date | null; dueAt: Date | null },
    wanted: Lang | undefined,
    filename: string,
  ): Promise<ObligationDraftResult> {
    const { incident, obligations } = await this.incidents.view(actor, o.incidentId);
    if (!(actor.role === 'controller_dpo' && incident.controllerId === actor.organizationId)) {
      throw new NotificationError(NotificationErrorCode.NotYourKind, "Only the controller's DPOs draft the controller's notifications.");
    }
    const lang = wanted ?? actor.locale;
    const c = incident.controller!;
    const sent = await this.db.read((m) => this.notifications.ofIncident(m, incident.id));
    const duties = new Map(obligations.map((d) => [d.obligation.id, d.obligation]));
    const before = PREVIOUS[stage];
    const previousDuty = before
      ? obligations.find(
          (d) => d.obligation.regime === o.regime && d.obligation.duty === before && d.obligation.recipient.name === o.recipient.name,
        )
      : undefined;
    const previous = previousDuty ? latest(sent.filter((n) => n.obligationId === previousDuty.obligation.id)) : null;
    const decision = await this.assessments.latestDecision(incident.id);
    const dpo = contactText(c.dpoName, c.dpoEmail, c.dpoPhone, lang);
    const model = filingSummary({
      lang,
      now: this.clock.now(),
      timeZone: c.timeZone,
      stage,
      duty: { recipient: o.recipient.name, legalBasis: o.legalBasis, ...times },
      entity: { name: c.name, country: c.country, nis2: c.nis2, dora: c.dora },
      contact:
        contactText(incident.contactName, incident.contactEmail, incident.contactPhone, lang) ??
        (dpo ? `${words(lang).draft.dpo}: ${dpo}` : null),
      incident,
      processor: incident.processor ? { name: incident.processor.name } : null,
      decision: decision ? { notifySubjects: decision.notifySubjects } : null,
      previous: previous ? { sentAt: previous.sentAt, reference: previous.reference } : null,
      // Reports to other recipients: authority notifications and filings of other regimes.
      otherReports: sent
        .filter((n) => n.kind === 'authority_initial' || n.kind === 'filing')
        .filter((n) => !n.obligationId || duties.get(n.obligationId)?.regime !== o.regime)
        .map((n) => ({
          recipient: (n.obligationId && duties.get(n.obligationId)?.recipient.name) || (n.authorityId ?? ''),
          sentAt: n.sentAt,
        })),
    });
    const rendered = this.renderer.render('filing-summary', lang, model);
    return { ...rendered, lang, title: `${model.title} – ${incident.reference}`, authority: null, filename: `${filename}-${lang}` };
  }
}

// The latest filing of a duty (DORA's intermediate report may be updated: the latest counts).
function latest(filings: Notification[]): Notification | null {
  return filings.reduce<Notification | null>((last, n) => (!last || n.sentAt.getTime() >= last.sentAt.getTime() ? n : last), null);
}
