import {
  AVAILABILITY,
  CONFIDENTIALITY,
  DATA_CATEGORY_KINDS,
  EASE_OF_IDENTIFICATION,
  INTEGRITY,
  SUBJECTS_EXEMPTIONS,
} from '../../assessments/domain/enisa-severity';
import type { Actor } from '../../identity/domain/actor';
import { isControllerDpo, isReportingProcessor, mayEdit } from '../../incidents/domain/incident-permissions';
import type { IncidentView, IncidentsService } from '../../incidents/incidents.service';
import type { NotificationsService } from '../../notifications/notifications.service';
import type { ContractsService } from '../../contracts/contracts.service';
import type { AssessmentsService } from '../../assessments/assessments.service';
import { formatInstant } from '../../notifications/domain/draft-model';
import { NOTIFICATION_KINDS } from '../../notifications/notification.entity';
import type { FieldError } from '../../platform/http/domain-error';
import { draftLinks } from '../drafts/drafts.view-model';
import { decimal, Lang, term, wordsFor } from '../../i18n';
import { reasonsInWords } from '../recommendation-words';
import { formErrors } from '../shared/form-errors';
import { FormBody, formText, INCIDENT_FIELDS, IncidentForm } from './incident-forms';
import { followUpCoreFacts, incidentFactsModel } from './incident-facts.view-model';
import { obligationsModel } from './incident-obligations.view-model';
import { factFieldsModel } from '../intake/fact-fields';

type History = Awaited<ReturnType<AssessmentsService['history']>>;
type Contract = Awaited<ReturnType<ContractsService['listFor']>>[number];

export interface IncidentPageFacts {
  actor: Actor;
  now: Date;
  view: IncidentView;
  trail: Awaited<ReturnType<IncidentsService['auditTrail']>>;
  // The assessments and decisions (the controller's DPO only; empty for others).
  history: History;
  sent: Awaited<ReturnType<NotificationsService['list']>>;
  contract: Contract | null;
  errors: FieldError[];
  // The form that was refused for bad input, as typed; the other forms show what is stored.
  posted: { form: IncidentForm; body: FormBody } | null;
}

// A select's options in words, the given value selected.
export function choices(values: readonly string[], selected: string | undefined, lang: Lang) {
  return values.map((value) => ({ value, label: term(lang, 'assessmentOption', value), selected: value === selected }));
}

// The incident page: the facts, the obligations, the assessment and decision, what was sent, the drafts, the
// trail, and the four forms (for the sides that may use them).
export function incidentModel(f: IncidentPageFacts) {
  const { actor, view } = f;
  const lang: Lang = actor.locale;
  const t = wordsFor(lang);
  const i = view.incident;
  const id = i.id; // the canonical id, for the links and forms
  const local = (d: Date) => formatInstant(d, actor.timeZone, lang);
  const isDpo = isControllerDpo(actor, i);
  const obligations = obligationsModel(view.obligations, lang, f.now, local, isDpo);
  const latest = f.history.assessments[f.history.assessments.length - 1];
  const decision = f.history.decisions[f.history.decisions.length - 1];
  const contract = f.contract;
  const typed = (form: IncidentForm) => (f.posted?.form === form ? f.posted.body : null);
  const [facts, n, a, d] = [typed('facts'), typed('notification'), typed('assessment'), typed('decision')];
  const text = (b: FormBody, k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  const { byField, summary } = formErrors(f.errors, INCIDENT_FIELDS, t);
  return {
    title: i.reference,
    id,
    errors: summary,
    e: byField,
    isDpo,
    canEdit: mayEdit(actor, i),
    version: i.version,
    facts: followUpCoreFacts(facts, i),
    followUpAction: `/incidents/${id}/facts`,
    // The follow-up form's further facts (issue 15 items 10, 11): as typed after a refusal, else as stored.
    f: factFieldsModel(
      facts,
      i,
      (contract?.subProcessors ?? []).map((s) => s.name),
      actor.timeZone,
      lang,
    ),
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
    notifications: f.sent.map((s) => ({
      at: s.sentAt.toISOString(),
      local: local(s.sentAt),
      kind: term(lang, 'notificationKind', s.kind),
      late: s.late,
    })),
    incident: incidentFactsModel(i, lang, actor, contract, local),
    obligations,
    missing: view.missing.map((m) => term(lang, 'missing', m)),
    assessment: latest
      ? {
          version: latest.version,
          score: decimal(latest.scoreQuarters / 4, lang),
          band: term(lang, 'severity', latest.band),
          notifyAuthority: latest.recommendation.notifyAuthority ? t.yes : t.no,
          notifySubjects: latest.recommendation.notifySubjects ? t.yes : t.no,
          reasons: reasonsInWords(latest.inputs, latest.scoreQuarters, latest.band, latest.recommendation, lang, latest.incidentFacts),
        }
      : null,
    decision: decision
      ? {
          notifyAuthority: decision.notifyAuthority ? t.yes : t.no,
          notifySubjects: decision.notifySubjects ? t.yes : t.no,
          authorityReason: decision.authorityReason ?? '',
          subjectsReason: decision.subjectsReason ?? '',
          exemption: decision.subjectsExemption ? term(lang, 'assessmentOption', decision.subjectsExemption) : '',
        }
      : null,
    options: {
      kinds: NOTIFICATION_KINDS.filter((k) => k !== 'processor_to_controller').map((k) => ({
        value: k,
        label: term(lang, 'notificationKind', k),
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
    drafts: draftLinks(id, lang, isDpo ? 'controller' : isReportingProcessor(actor, i) ? 'processor' : null),
    pageScript: true,
    timeline: f.trail.map((e) => ({
      at: e.occurredAt.toISOString(),
      local: local(e.occurredAt),
      actor: e.actor.replace(/^user:/, ''),
      action: term(lang, 'auditAction', e.action),
    })),
  };
}
