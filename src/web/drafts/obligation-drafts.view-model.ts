import { isLang, Lang, LANGS, term, words } from '../../i18n';
import type { Phase } from '../../notifications/domain/obligation-drafts';
import type { Duty, Regime } from '../../obligations/domain';
import { DraftFormat } from './drafts.view-model';

// The drafts page of an incident: one draft per duty the user's side may see (choose the duty, the
// language and, for authority duties, initial or follow-up), with its printable view, downloads and
// the form that records what was sent for that duty (the obligationId goes with it). Pure.

export interface DutyFacts {
  id: string;
  regime: Regime;
  duty: Duty;
  recipient: string;
  live: boolean;
}

export interface DraftChoice {
  obligationId: string;
  lang: Lang;
  phase: Phase | undefined;
}

// What the page's chooser asked for; the first duty in the user's language when nothing was chosen.
export function draftChoice(duties: DutyFacts[], query: Record<string, unknown>, userLang: Lang): DraftChoice | null {
  const asked = typeof query.obligation === 'string' ? query.obligation.toLowerCase() : undefined;
  const duty = duties.find((d) => d.id === asked) ?? duties[0];
  if (!duty) return null;
  const phase = query.phase === 'initial' || query.phase === 'followup' ? query.phase : undefined;
  return { obligationId: duty.id, lang: isLang(query.lang) ? query.lang : userLang, phase };
}

// A draft's address on the pages: /obligations/:id/draft?lang=…[&phase=…][&format=md|pdf].
export function obligationDraftHref(choice: DraftChoice, format?: DraftFormat): string {
  const phase = choice.phase ? `&phase=${choice.phase}` : '';
  return `/obligations/${choice.obligationId}/draft?lang=${choice.lang}${phase}${format && format !== 'html' ? `&format=${format}` : ''}`;
}

export function obligationDraftsModel(input: {
  incident: { id: string; reference: string };
  duties: DutyFacts[];
  choice: DraftChoice | null;
  draft: { text: string; isSummary: boolean } | null;
  lang: Lang;
  errors: { href: string | null; label: string; message: string }[];
  typed: Record<string, string>;
}) {
  const { lang, choice } = input;
  const w = words(lang).filings.page;
  const duty = choice ? input.duties.find((d) => d.id === choice.obligationId)! : null;
  return {
    title: `${w.title} – ${input.incident.reference}`,
    w,
    incidentId: input.incident.id,
    back: `/incidents/${input.incident.id}`,
    duties: input.duties.map((d) => ({
      id: d.id,
      label: `${term(lang, 'filings.duty', `${d.regime}/${d.duty}`)} – ${d.recipient}`,
      selected: d.id === choice?.obligationId,
    })),
    languages: LANGS.map((code) => ({ code, name: words(code).languageName, selected: code === choice?.lang })),
    phases: [
      { value: '', label: '–', selected: !choice?.phase },
      { value: 'initial', label: w.phaseInitial, selected: choice?.phase === 'initial' },
      { value: 'followup', label: w.phaseFollowup, selected: choice?.phase === 'followup' },
    ],
    chosen:
      choice && duty
        ? {
            label: term(lang, 'filings.duty', `${duty.regime}/${duty.duty}`),
            recipient: duty.recipient,
            text: input.draft?.text ?? null,
            preview: obligationDraftHref(choice),
            md: obligationDraftHref(choice, 'md'),
            pdf: obligationDraftHref(choice, 'pdf'),
            // A duty fulfilled already takes no second filing (DORA's intermediate report: its updates do).
            canRecord: duty.live || (duty.regime === 'dora' && duty.duty === 'intermediate_report'),
            recordAction: `/obligations/${duty.id}/filings`,
            language: choice.lang,
            body: input.typed.body ?? (input.draft?.isSummary ? input.draft.text : ''),
          }
        : null,
    typed: { sentAt: '', channel: '', reference: '', reasonsForDelay: '', ...input.typed },
    errors: input.errors,
  };
}
