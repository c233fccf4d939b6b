import { Injectable } from '@nestjs/common';
import { AssessmentsService } from '../assessments/assessments.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Authority } from '../authorities/domain/authority';
import { Targets } from '../authorities/domain/resolve-authority';
import { Actor } from '../identity/domain/actor';
import { IncidentsService } from '../incidents/incidents.service';
import { Clock } from '../platform/clock/clock';
import { ValidationError } from '../platform/http/domain-error';
import { DraftFacts, draftModel } from './domain/draft-model';
import { Lang, upperFirst, words } from '../i18n';
import { Rendered, TemplateRenderer } from '../platform/templates/template-renderer';
import { DocumentKind, draftOptionProblems } from './domain/documents';
import type { AuthorityLaw } from './domain/obligation-drafts';
import { Database } from '../platform/database/database';
import { NotificationError, NotificationErrorCode } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';

export interface DraftOptions {
  lang?: Lang;
  authorityId?: string | null; // null: addressed to no authority of the directory (a recipient still to be named)
  sentAt?: Date; // rendering what is being sent now (record), rather than a preview
  reasonsForDelay?: string | null;
  // The initial notification a follow-up supplements; left out, the recorded one to the authority is used.
  initial?: { sentAt: Date; reference: string | null } | null;
  // A draft for an obligation: the law it is made under (the FDPIC's has its own template) and
  // the obligation's deadline instead of the authority clock's.
  law?: AuthorityLaw;
  dueAt?: Date | null;
  // A fulfilled obligation keeps the met/late it was frozen with.
  late?: boolean;
}

export interface Draft extends Rendered {
  lang: Lang;
  title: string;
  authority: Authority | null;
}

// Turns an incident's facts into a document: the competent authority, the latest decision, the
// clock, and what is still missing, in the controller's time zone and the chosen language.
@Injectable()
export class NotificationDraftsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly assessments: AssessmentsService,
    private readonly authorities: AuthoritiesService,
    private readonly renderer: TemplateRenderer,
    private readonly clock: Clock,
    private readonly db: Database,
    private readonly notifications: NotificationsRepository,
  ) {}

  // Every authority to notify for this incident (regulatory.md §9.4): the controller's own (lead)
  // authority, or one per member state of the people when it has no EU/EEA establishment, plus the
  // ICO / FDPIC for people in GB / CH. An organization's override wins.
  async targetsFor(actor: Actor, incidentId: string): Promise<Targets> {
    const { incident } = await this.incidents.view(actor, incidentId);
    const c = incident.controller!;
    const targets = this.authorities.targets({
      mainEstablishment: {
        country: c.country,
        region: c.region,
        sector: c.sector,
        publicLevel: c.publicLevel,
        telecom: c.telecom,
        postal: c.postal,
      },
      affectedCountries: incident.affectedCountries,
      overrideAuthorityId: c.authorityOverrideId,
    });
    return 'targets' in targets
      ? targets
      : { targets: [], unresolved: [{ country: c.country, message: `${targets.path} ${targets.message}` }] };
  }

  // The authority a notification goes to: the one asked for, else the first target.
  async authorityFor(actor: Actor, incidentId: string, authorityId?: string): Promise<Authority | null> {
    if (authorityId) {
      const chosen = this.authorities.get(authorityId);
      if (!chosen)
        throw new ValidationError([{ path: 'authorityId', message: `no authority ${authorityId} (see GET /api/v1/authorities)` }]);
      return chosen;
    }
    return (await this.targetsFor(actor, incidentId)).targets[0]?.authority ?? null;
  }

  // Every draft, for the API and the pages alike: the processor's report for either side, the
  // controller's documents for the controller's DPOs only (403 otherwise).
  async draft(actor: Actor, incidentId: string, document: DocumentKind, options: DraftOptions = {}): Promise<Draft> {
    const problems = draftOptionProblems(document, options);
    if (problems.length) throw new ValidationError(problems);
    const view = await this.incidents.view(actor, incidentId);
    const { incident, missing, clocks } = view;
    if (document !== 'processor-report' && !(actor.role === 'controller_dpo' && incident.controllerId === actor.organizationId)) {
      throw new NotificationError(NotificationErrorCode.NotYourKind, "Only the controller's DPOs draft the controller's notifications.");
    }
    const controller = incident.controller!;
    const lang = options.lang ?? actor.locale;
    const authority =
      document.startsWith('authority') && options.authorityId !== null
        ? await this.authorityFor(actor, incident.id, options.authorityId ?? undefined)
        : null;
    const initial =
      options.initial !== undefined || document !== 'authority-followup'
        ? (options.initial ?? null)
        : await this.recordedInitial(incident.id, authority);
    const decision = await this.assessments.latestDecision(incident.id);
    // The risk found goes only into the controller's documents to the authority.
    const assessment = document.startsWith('authority') ? await this.assessments.latestAssessment(incident.id) : null;
    const processorClock = clocks.processorToController;
    const noticeHours = incident.contract?.processorNoticeHours ?? null;
    const facts: DraftFacts = {
      lang,
      now: options.sentAt ?? this.clock.now(),
      timeZone: controller.timeZone,
      incident,
      missing,
      controller: {
        name: controller.name,
        address: controller.address,
        country: controller.country,
        region: controller.region,
        dpoName: controller.dpoName,
        dpoEmail: controller.dpoEmail,
        dpoPhone: controller.dpoPhone,
      },
      processor: incident.processor
        ? {
            name: incident.processor.name,
            contractReference: incident.contract?.reference ?? '',
            dpoName: incident.processor.dpoName,
            dpoEmail: incident.processor.dpoEmail,
            dpoPhone: incident.processor.dpoPhone,
          }
        : null,
      // The report reached the controller when it was filed; a draft's report is being made now.
      processorClock:
        processorClock?.dueAt && noticeHours !== null
          ? { noticeHours, dueAt: processorClock.dueAt, reportedAt: incident.reportedToControllerAt ?? options.sentAt ?? this.clock.now() }
          : null,
      assessment,
      authority: authority ? { name: authorityName(authority, lang), abbreviation: authority.abbreviation } : null,
      authorityDueAt: options.dueAt !== undefined ? options.dueAt : (clocks.authority?.dueAt ?? null),
      // The processor never sees the controller's decision.
      decision: document === 'processor-report' ? null : decision,
      initial,
      reasonsForDelay: options.reasonsForDelay ?? null,
      law: options.law,
    };
    const model = draftModel(facts);
    // A draft made after the deadline, or a notification sent after it, carries the reasons-for-delay section;
    // the lateness of a preview is judged now, of a recorded notification at its sending time.
    if (
      clocks.authority?.completedAt &&
      clocks.authority.dueAt &&
      document === 'authority-initial' &&
      !options.sentAt &&
      options.dueAt === undefined
    ) {
      model.late = clocks.authority.completedAt.getTime() > clocks.authority.dueAt.getTime();
    }
    if (options.late !== undefined) model.late = options.late;
    const template = options.law === 'ch_fadp' && document.startsWith('authority') ? 'authority-fdpic' : document;
    const rendered = this.renderer.render(template, lang, model);
    return { ...rendered, lang, title: `${upperFirst(words(lang).documentTitle[document])} – ${incident.reference}`, authority };
  }

  // A follow-up supplements the initial notification recorded for the same authority (Art. 33(4)).
  private async recordedInitial(incidentId: string, authority: Authority | null): Promise<{ sentAt: Date; reference: string | null }> {
    const found = authority ? await this.db.read((m) => this.notifications.initialFor(m, incidentId, authority.id)) : null;
    if (!found)
      throw new NotificationError(
        NotificationErrorCode.InitialRequired,
        'A follow-up needs a recorded initial notification to this authority.',
        { errors: [{ path: 'phase', message: 'a follow-up needs a recorded initial notification to this authority' }] },
      );
    return { sentAt: found.sentAt, reference: found.reference };
  }
}

// The authority's name as the language's catalog asks: its own (local) name, or its English one.
function authorityName(authority: Authority, lang: Lang): string {
  return words(lang).authorityName === 'local' ? authority.name_local : authority.name_en;
}
