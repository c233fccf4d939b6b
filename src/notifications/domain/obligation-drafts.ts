import type { Duty, Regime } from '../../obligations/domain';
import { authorityDocument, DocumentKind } from './documents';
import type { FilingTarget } from './obligation-filings';

// Which draft fits an obligation (GET /obligations/:id/draft and the drafts page). Pure.

// The laws an authority draft can be made under: the GDPR, the UK GDPR (same articles, the ICO)
// and the Swiss revFADP (the FDPIC, Art. 24 revFADP with the content of Art. 15 DPO).
export const AUTHORITY_LAWS = ['gdpr', 'uk_gdpr', 'ch_fadp'] as const;
export type AuthorityLaw = (typeof AUTHORITY_LAWS)[number];

// The duties drafted as a structured summary of what the recipient's form asks.
export const FILING_STAGES = [
  'nis2/early_warning',
  'nis2/incident_notification',
  'nis2/final_report',
  'dora/initial_notification',
  'dora/intermediate_report',
  'dora/final_report',
  'eprivacy/notify_authority',
] as const;
export type FilingStage = (typeof FILING_STAGES)[number];

export type Phase = 'initial' | 'followup';

export type ObligationDraft =
  { kind: 'document'; document: DocumentKind; law: AuthorityLaw | null } | { kind: 'summary'; stage: FilingStage };

const isAuthorityLaw = (regime: Regime): regime is AuthorityLaw => (AUTHORITY_LAWS as readonly string[]).includes(regime);
const isFilingStage = (key: string): key is FilingStage => (FILING_STAGES as readonly string[]).includes(key);

export function stageOf(o: { regime: Regime; duty: Duty }): string {
  return `${o.regime}/${o.duty}`;
}

// The draft of an obligation, or the problem with the options asked for (a 400 naming the field):
// only the authority duties have an initial notification and a follow-up (Art. 33(4)).
export function obligationDraft(
  o: FilingTarget,
  options: { phase?: Phase },
): { ok: true; draft: ObligationDraft } | { ok: false; path: string; message: string } {
  const authority = o.duty === 'notify_authority' && isAuthorityLaw(o.regime);
  if (options.phase && !authority)
    return {
      ok: false,
      path: 'phase',
      message: `applies only to the authority duties of the GDPR, UK GDPR and revFADP, not to ${stageOf(o)}`,
    };
  if (authority)
    return { ok: true, draft: { kind: 'document', document: authorityDocument(options.phase), law: o.regime as AuthorityLaw } };
  if (o.regime === 'contract') return { ok: true, draft: { kind: 'document', document: 'processor-report', law: null } };
  if (o.duty === 'communicate_to_data_subjects') {
    const document = o.recipient.kind === 'public' ? 'public-communication' : 'data-subjects';
    return { ok: true, draft: { kind: 'document', document, law: null } };
  }
  const stage = stageOf(o);
  if (isFilingStage(stage)) return { ok: true, draft: { kind: 'summary', stage } };
  // Every (regime, duty) of the model has a draft; a new entry without one says so instead of guessing.
  return { ok: false, path: 'id', message: `no draft fits ${stage} yet` };
}
